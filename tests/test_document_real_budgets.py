"""第三部分 of budgets that differ from the reference where real budgets do: several units, a
subordinate unit carrying a project out, projects of 政府性基金, projects without published
targets, no department target, two economic codes of one name. Each is the reference file
with one change; the reference's own sentences are in test_narrative.py."""
import pytest
from django.template.loader import render_to_string

from budget.document.narrative import explanations
from budget.exchange.services import budget_import

DEPT = "克孜勒苏柯尔克孜自治州生态环境局"


def paragraphs(budget):
    return "\n".join(b.text for s in explanations(budget) for b in s.blocks if b.kind in ("p", "h"))


def blocks(budget, kind):
    return [b.data for s in explanations(budget) for b in s.blocks if b.kind == kind]


def add_unit(data, code="501002", name="克州生态环境监测站"):
    data["department"]["units"].append({"code": code, "name": name, "kind": "public_institution"})


@pytest.mark.django_db
def test_it_says_ben_bumen_for_a_department_of_several_units(reference_data):
    add_unit(reference_data)
    text = paragraphs(budget_import(data=reference_data))
    assert "2024 年，本部门预算绩效管理整体预算绩效目标 1 个，涉及金额 2,448.62 万元；" in text


@pytest.mark.django_db
def test_it_counts_no_department_target_when_there_is_none(reference_data):
    reference_data["performance"].update(goal="", indicators=[])
    budget = budget_import(data=reference_data)
    assert "2024 年，本单位预算绩效管理整体预算绩效目标 0 个；当年财政拨款项目 5 个，涉及预算金额 136.20 万元；" in paragraphs(budget)
    assert blocks(budget, "department_target") == []


@pytest.mark.django_db
def test_it_counts_and_tables_only_projects_with_published_targets(reference_data):
    projects = {p["code"]: p for p in reference_data["projects"]}
    projects["P2024-01"]["indicators"] = []  # 24.00 万元 of 一般公共预算
    projects["P2024-02"]["targets_published"] = False  # counted, its table not printed
    budget = budget_import(data=reference_data)
    assert "当年财政拨款项目 4 个，涉及预算金额 112.20 万元；当年非财政拨款项目 2 个，涉及预算金额 260.00 万元。" in paragraphs(budget)
    tabled = [p.code for p in blocks(budget, "project_target")]
    assert tabled == ["P2024-03", "P2024-04", "P2024-05", "P2024-06", "P2024-07"]


@pytest.mark.django_db
def test_it_leaves_out_the_see_below_without_any_table(reference_data):
    reference_data["performance"].update(goal="", indicators=[])
    for project in reference_data["projects"]:
        project["targets_published"] = False
    text = paragraphs(budget_import(data=reference_data))
    assert "当年非财政拨款项目 2 个，涉及预算金额 260.00 万元。\n" in text
    assert "具体情况见下表" not in text


@pytest.mark.django_db
def test_it_names_the_implementing_unit_as_the_projects_budget_unit(reference_data):
    add_unit(reference_data)
    reference_data["projects"][0]["implementing_unit"] = "501002"
    budget = budget_import(data=reference_data)
    first, second = blocks(budget, "project_target")[:2]
    html = render_to_string("document/project_target.html", {"project": first, "year": 2024, "department": budget.department})
    assert '<th scope="row" colspan="2">预算单位</th><td colspan="7">克州生态环境监测站</td>' in html
    html = render_to_string("document/project_target.html", {"project": second, "year": 2024, "department": budget.department})
    assert f'<th scope="row" colspan="2">预算单位</th><td colspan="7">{DEPT}</td>' in html


@pytest.fixture
def fund_budget(db, reference_data):
    """P2024-05 (10.00 万元: 4.00 on 30211, 6.00 on 30231, both 2110199) paid from 政府性基金."""
    for line in reference_data["lines"]:
        if line["project"] == "P2024-05":
            line["source"] = "fund_budget"
    reference_data["narrative"]["usage"]["function.2110199"] = "中央生态环境保护督察整改"
    return budget_import(data=reference_data)


def test_it_describes_a_fund_project_in_the_fund_section(fund_budget):
    section = explanations(fund_budget)[7]
    text = [b.text for b in section.blocks]
    assert text[:2] == [
        f"{DEPT} 2024 年政府性基金预算拨款支出 10.00 万元，其中：基本支出 0.00 万元，项目支出 10.00 万元。",
        "按支出功能分类：节能环保支出（类）10.00 万元。",
    ]
    assert text[2:5] == ["政府性基金预算项目支出情况", "1、项目名称：中央生态环境保护督察整改工作专项经费",
                         "设立的政策依据：根据自治区中央环境保护督察反馈意见整改工作领导小组办公室印发新环整改办[2022]1 号"
                         "自治区中央生态环境保护督察反馈问题整改任务分解清单的通知"]
    assert "预算安排规模：10.00 万元" in text
    assert "5、项目名称：中央生态环境保护督察整改工作专项经费" not in paragraphs(fund_budget)


def test_it_prints_an_items_usage_in_the_fund_group_that_has_money_there(fund_budget):
    text = paragraphs(fund_budget)
    # The 类's own usage (entered as function.211) comes first, in each group with money in 211.
    assert ("政府性基金预算支出包括：节能环保支出 10.00 万元，主要用于在职人员工资福利支出、医疗缴费支出、住房公积金支出、"
            "退休人员费用支出、单位基本公用支出及项目支出；其中：环境保护管理事务（款）其他环境保护管理事务支出（项） "
            "10.00 万元，主要用于中央生态环境保护督察整改。") in text
    # The same 项 has 一般公共预算 money too: its usage is printed there with that group's amount.
    assert "节能环保支出 1,987.37 万元，主要用于在职人员工资福利支出" in text
    assert "其中：环境保护管理事务（款）其他环境保护管理事务支出（项） 763.52 万元，主要用于中央生态环境保护督察整改。" in text


@pytest.mark.django_db
def test_it_lists_each_expense_name_once(reference_data):
    """30903 and 31003 are both 专用设备购置."""
    for code in ("30903", "31003"):
        reference_data["lines"].append({"unit": "501001", "function": "2110101", "economic": code,
                                        "source": "general_budget", "kind": "basic", "project": None, "amount": "1.00"})
    text = paragraphs(budget_import(data=reference_data))
    assert "公用经费 105.53 万元，主要包括：办公费、水费、电费、邮电费、取暖费、物业管理费、公务接待费、工会经费、" \
           "福利费、其他商品和服务支出、专用设备购置。" in text


@pytest.mark.django_db
def test_it_describes_a_state_capital_project_in_its_section(reference_data):
    for line in reference_data["lines"]:
        if line["project"] == "P2024-04":  # 执法能力建设项目, 15.00 万元
            line["source"] = "state_capital_budget"
    section = explanations(budget_import(data=reference_data))[8]
    text = [b.text for b in section.blocks]
    assert text[0] == f"{DEPT} 2024 年国有资本经营预算拨款支出 15.00 万元，其中：基本支出 0.00 万元，项目支出 15.00 万元。"
    assert text[2:4] == ["国有资本经营预算项目支出情况", "1、项目名称：执法能力建设项目"]
    assert "预算安排规模：15.00 万元" in text

"""The document of a real budget that publishes less than the reference: the Shanghai
chengguan bureau (tests/data/shpt-chengguan-2026.json) in the xinjiang-2024 layout.

It states no value the file leaves null, and every figure it shares with the published text
(tests/data/shpt-chengguan-2026-budget.txt) is the published one; the expected runs below are
copied by hand from that text and rewritten in the template's words.
"""
import pytest

from budget.document.builder import document_context

DEPT = "上海市普陀区城市管理行政执法局"


@pytest.fixture
def context(chengguan_budget):
    return document_context(chengguan_budget, template="xinjiang-2024")


def paragraphs(context):
    return [block.text for section in context["sections"] for block in section.blocks if block.kind == "p"]


@pytest.fixture
def text(context):
    return "\n".join(paragraphs(context))


def assets_section(context):
    section = context["sections"][11]
    start = next(i for i, b in enumerate(section.blocks) if b.text == "（三）国有资产占用使用情况")
    end = next(i for i, b in enumerate(section.blocks) if b.text == "（四）预算绩效情况")
    return [b.text for b in section.blocks[start + 1:end]]


def test_it_leaves_out_the_staffing_it_does_not_publish(context):
    assert context["staffing"] == ""


def test_it_never_prints_an_unpublished_asset_value(context):
    assert assets_section(context) == [
        f"截至 2025 年 8 月 31 日，{DEPT}及下属各预算单位占用使用国有资产总体情况为：",
        "1.车辆 63 辆；其中：部级领导干部用车 0 辆，价值 0.00 万元；主要领导干部用车 0 辆，价值 0.00 万元；"
        "机要通信用车 0 辆，价值 0.00 万元；应急保障用车 0 辆，价值 0.00 万元；执法执勤用车 63 辆；"
        "特种专业技术用车 0 辆，价值 0.00 万元；离退休干部用车 0 辆，价值 0.00 万元；其他车辆 0 辆，价值 0.00 万元。",
        "部门价值 100 万元以上大型设备 2 台。",
        "2026 年部门预算安排购置车辆 5 辆（执法执勤用车 5 辆），单位价值 100 万元以上大型设备 0 台。",
    ]


def test_it_never_states_a_null_as_a_figure(text, context):
    for unpublished in ("编制数", "实有人数", "房屋", "办公家具", "其他资产价值", "50 万元以上大型设备"):
        assert unpublished not in text
    assert "执法执勤用车 63 辆，价值" not in text


# From the published text, page 6 (收入/支出), 20-21 (三公, 机关运行经费), 21 (采购, 资产).
PUBLISHED_RUNS = [
    "收支总预算 4,748.35 万元。",
    "一般公共预算 4,748.35 万元，占 100.00%，比上年预算减少 19.79 万元",
    f"{DEPT} 2026 年财政拨款“三公”经费数为 114.22 万元，其中：因公出国（境）费 0.00 万元，"
    "公务用车购置费 75.00 万元，公务用车运行费 38.76 万元，公务接待费 0.46 万元。",
    "2026 年财政拨款“三公”经费比上年预算增加 27.00 万元",
    "公务用车购置费增加 27.00 万元",
    f"{DEPT} 2026 年的机关运行经费财政拨款预算 507.25 万元。",
    f"2026 年，{DEPT}政府采购预算 595.28 万元，其中：政府采购货物预算 77.10 万元，政府采购工程预算 0.00 万元，"
    "政府采购服务预算 518.18 万元。",
    f"{DEPT}面向中小企业预留政府采购项目预算金额 343.49 万元，小微企业预留政府采购项目预算金额 178.85 万元。",
    "行政单位离退休（项）：2026 年预算数为 261.47 万元",
    "机关事业单位基本养老保险缴费支出（项）：2026 年预算数为 230.25 万元",
    "机关事业单位职业年金缴费支出（项）：2026 年预算数为 115.12 万元",
    "其他行政事业单位养老支出（项）：2026 年预算数为 3.47 万元",
    "死亡抚恤（项）：2026 年预算数为 29.40 万元",
    "行政单位医疗（项）：2026 年预算数为 143.90 万元",
    "城管执法（项）：2026 年预算数为 3,377.56 万元",
    "住房公积金（项）：2026 年预算数为 264.97 万元",
    "购房补贴（项）：2026 年预算数为 322.20 万元",
    "预算安排规模：349.80 万元",
]


@pytest.mark.parametrize("run", PUBLISHED_RUNS)
def test_it_prints_the_published_figures(text, run):
    assert run in text


def blocks_of(context, kind):
    return [block.data for section in context["sections"] for block in section.blocks if block.kind == kind]


def test_it_counts_the_targets_the_budget_has(text, context):
    # No 部门整体绩效目标; one project of three (拆违经费, 349.80 万元 on page 22) has indicators.
    assert ("2026 年，本单位预算绩效管理整体预算绩效目标 0 个；当年财政拨款项目 1 个，涉及预算金额 349.80 万元；"
            "当年非财政拨款项目 0 个，涉及预算金额 0.00 万元。具体情况见下表（按项目分别填报）：") in text


def test_it_prints_only_the_published_target_tables(context):
    assert blocks_of(context, "department_target") == []
    assert [project.name for project in blocks_of(context, "project_target")] == ["拆违经费"]


def test_it_prints_the_usage_of_each_item_where_it_was_entered(text):
    assert ("社会保障和就业支出 639.71 万元，其中：行政事业单位养老支出（款）行政单位离退休（项） 261.47 万元，"
            "主要用于行政单位（包括实行公务员管理的事业单位）开支的离退休经费；") in text
    assert ("城乡社区支出 3,377.56 万元，其中：城乡社区管理事务（款）城管执法（项） 3,377.56 万元，"
            "主要用于城市管理综合行政执法、加强城市市容和环境卫生管理等方面的支出。") in text
    assert ("住房改革支出（款）购房补贴（项） 322.20 万元，主要用于向行政事业单位向符合条件的职工发放的用于购买住房的补贴。"
            in text)


def test_it_prints_the_new_project_fields_in_the_target_table(client, chengguan_budget):
    from django.template.loader import render_to_string

    project = chengguan_budget.projects.get(code="SHPT-CG-P02")
    project.merged_indicators = []
    html = render_to_string("document/project_target.html", {"project": project, "year": 2026,
                                                              "department": chengguan_budget.department})
    # The published 申报表 (page 24): 项目性质 阶段性项目, 项目类别 特定目标类, 项目资金总额 10,308,000.00 元.
    assert '<td colspan="4">阶段性项目</td><th scope="row">项目类别</th><td colspan="2">特定目标类</td>' in html
    assert '<td colspan="4" class="amount">1,030.80</td><th scope="row">其中：财政资金</th><td colspan="2" class="amount">1,030.80</td>' in html
    assert "年度目标</th><td colspan=\"7\" class=\"text\">1.完成市、区相关部门下达的年度拆违任务。" in html


def test_its_document_page_states_no_unpublished_value(client, chengguan_budget):
    from tests.conftest import make_user

    chengguan_budget.template = "xinjiang-2024"
    chengguan_budget.save()
    client.force_login(make_user("chengguan", department=chengguan_budget.department))
    html = client.get("/manage/budgets/SHPT-CG/2026/").content.decode()
    assert "普陀区城市管理行政执法局" in html and "拆违经费" in html
    for unpublished in ("编制数", "实有人数", "房屋", "办公家具", "其他资产价值", "50 万元以上大型设备", "None"):
        assert unpublished not in html
    assert "执法执勤用车 63 辆；" in html

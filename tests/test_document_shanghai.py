"""The shanghai-2026 document of a real budget: the chengguan bureau (tests/data/shpt-chengguan-2026.json).

Every expected sentence is copied by hand from the published text
(tests/data/shpt-chengguan-2026-budget.txt, pages 6–7 and 21–24), one test per paragraph.
Where the text says more than the data holds, the expected sentence says what the data holds
and a comment names the difference: the department's name is the file's (上海市普陀区…, the
text mostly drops 上海市); the 执法大队 is no budget unit of the file (合署办公), so 机关运行经费
counts one 机关; the file has three projects, one with targets, not the text's fourteen.
"""
import pytest

from budget.document.builder import document_context

DEPT = "上海市普陀区城市管理行政执法局"


@pytest.fixture
def context(chengguan_budget):
    return document_context(chengguan_budget)


def chapter(context, heading):
    return next(c for c in context["chapters"] if c.heading == heading)


def paragraphs(sections):
    return [block.text for section in sections for block in section.blocks if block.kind == "p"]


@pytest.fixture
def preparation(context):
    return paragraphs(chapter(context, "2026年部门预算编制说明").content)


@pytest.fixture
def other(context):
    """{section title: its paragraphs} of 其他相关情况说明."""
    return {s.title: paragraphs([s]) for s in chapter(context, "其他相关情况说明").content}


def test_it_has_the_chapters_of_the_published_document_in_order(context):
    # Page 2, 目录.
    assert [c.title for c in context["chapters"]] == [
        "一、部门主要职能", "二、部门机构设置", "三、名词解释", "四、部门预算编制说明", "五、部门预算表",
        "六、其他相关情况说明", "七、项目经费情况说明"]
    assert [entry for _, entry in context["table_entries"]][8] == "9. 2026年部门“三公”经费和机关运行经费预算表"
    assert context["cover_title"] == "上海市普陀区2026年区级部门预算"


def test_it_states_the_income(preparation):
    assert preparation[0] == (f"2026年，{DEPT}收入预算4748.35万元，其中：财政拨款收入4748.35万元，比2025年预算减少19.79万元；"
                              "事业收入0万元；事业单位经营收入0万元；其他收入0万元。")


def test_it_states_the_spending_by_budget(preparation):
    assert preparation[1] == (
        "支出预算4748.35万元，其中：财政拨款支出预算4748.35万元，比2025年预算减少19.79万元。财政拨款支出预算中，"
        "一般公共预算拨款支出预算4748.35万元，比2025年预算减少19.79万元；政府性基金拨款支出预算0万元，与2025年预算持平；"
        "国有资本经营预算拨款支出预算0万元，与2025年预算持平。")


def test_it_gives_the_reason_of_the_change(preparation):
    assert preparation[2] == "财政拨款收入支出减少的主要原因是项目支出减少。"


def test_it_lists_each_item_with_what_it_is_used_for(preparation):
    assert preparation[3] == "财政拨款支出主要内容如下："
    assert preparation[4:] == [
        "1. “社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”261.47万元，"
        "主要用于行政单位（包括实行公务员管理的事业单位）开支的离退休经费。",
        "2. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”230.25万元，"
        "主要用于机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。",
        "3. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”115.12万元，"
        "主要用于机关事业单位实施养老保险制度由单位缴纳的职业年金支出。",
        "4. “社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）”3.47万元，"
        "主要用于上述项目以外其他用于行政事业单位养老方面的支出。",
        "5. “社会保障和就业支出（类）抚恤（款）死亡抚恤（项）”29.40万元，"
        "主要用于烈士和牺牲、病故人员家属的一次性和定期抚恤金、丧葬补助费以及烈士褒扬金。",
        "6. “卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”143.90万元，"
        "主要用于财政部门安排的行政单位（包括实行公务员管理的事业单位）基本医疗保险缴费。",
        "7. “城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”3377.56万元，"
        "主要用于城市管理综合行政执法、加强城市市容和环境卫生管理等方面的支出。",
        "8. “住房保障支出（类）住房改革支出（款）住房公积金（项）”264.97万元，"
        "主要用于行政事业单位按人力资源和社会保障部财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
        "9. “住房保障支出（类）住房改革支出（款）购房补贴（项）”322.20万元，"
        "主要用于向行政事业单位向符合条件的职工发放的用于购买住房的补贴。",
    ]


def test_it_orders_the_other_matters_as_published(other):
    assert list(other)[:5] == ["一、2026年“三公”经费预算情况说明", "二、机关运行经费预算", "三、政府采购预算情况",
                               "四、绩效目标设置情况", "五、国有资产占有使用情况"]


def test_it_states_the_three_public_total(other):
    assert other["一、2026年“三公”经费预算情况说明"][0] == "2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元。其中："


def test_it_states_an_unchanged_item_as_level(other):
    assert other["一、2026年“三公”经费预算情况说明"][1] == "（一）因公出国（境）费0万元，与2025年预算持平。"


def test_it_states_the_vehicles_with_each_change_and_reason(other):
    # The text adds "，主要原因公务用车购置费增加" after the subtotal's change: no reason of the file.
    assert other["一、2026年“三公”经费预算情况说明"][2] == (
        "（二）公务用车购置及运行费113.76万元，比2025年预算增加27万元。其中：公务用车购置费75万元，比2025年预算增加27万元，"
        "主要原因是2026年度预计淘汰更新执法车辆5辆，比2025年增加2辆；公务用车运行费38.76万元，与2025年预算持平，"
        "主要原因是严控公车运维科目开支。")


def test_it_states_the_reception_with_its_reason(other):
    # The text has "0.46万元。与2025年预算持平": one sentence here.
    assert other["一、2026年“三公”经费预算情况说明"][3] == "（三）公务接待费0.46万元，与2025年预算持平，主要原因是公务接待费预算无变化。"


def test_it_states_the_operating_expenses_with_the_offices(other):
    # The text: "下属一家机关和一家行政执法机构"; the file's one unit is an administrative one.
    assert other["二、机关运行经费预算"] == [f"2026年{DEPT}下属一家机关财政拨款的机关运行经费预算为507.25万元。"]


def test_it_states_the_procurement(other):
    assert other["三、政府采购预算情况"] == [
        "2026年本部门政府采购预算595.28万元，其中：政府采购货物预算77.10万元、政府采购工程预算0万元、政府采购服务预算518.18万元。",
        "2026年本部门面向中小企业预留政府采购项目预算金额343.49万元，其中，预留给小型和微型企业的政府采购项目预算为178.85万元。",
    ]


def test_it_counts_the_projects_with_targets(other):
    # The text: 14 projects, 1099.22万元; the file holds one project with targets, 拆违经费 (349.80万元, page 22).
    assert other["四、绩效目标设置情况"] == [
        "按照本区预算绩效管理工作的总体要求，本部门1个预算单位开展了2026年项目预算绩效目标编报工作，"
        "编报绩效目标的项目1个，涉及项目预算资金349.80万元。"]


def test_it_states_the_vehicles_of_the_eight_kinds(other):
    assert other["五、国有资产占有使用情况"][0] == (
        f"截至2025年8月31日，{DEPT}共有车辆63辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、"
        "应急保障用车0辆、执法执勤用车63辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆；"
        "单价100万元（含）以上设备（不含车辆）2套。")


def test_it_states_the_planned_purchases(other):
    assert other["五、国有资产占有使用情况"][1] == (
        "2026年部门预算安排购置车辆5辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、"
        "执法执勤用车5辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆；"
        "部门预算安排购置单价100万元（含）以上设备（不含车辆）0套。")


def test_it_leaves_out_an_unpublished_equipment_count(db, chengguan_data):
    from budget.exchange.services import budget_import

    chengguan_data["assets"]["equipment_over_1m"] = None
    chengguan_data["assets"]["planned_vehicles"] = None
    chengguan_data["assets"]["planned_equipment_over_1m"] = None
    for vehicle in chengguan_data["assets"]["vehicles"]:
        vehicle["planned"] = 0
    sections = chapter(document_context(budget_import(data=chengguan_data)), "其他相关情况说明").content
    assets = paragraphs([s for s in sections if s.title.endswith("国有资产占有使用情况")])
    assert len(assets) == 1 and assets[0].endswith("其他用车0辆。")


def test_it_prints_the_entered_other_matters_last(other):
    # The file's 其他事项 text, as typed (it repeats the text's 14 projects).
    assert other["六、其他需说明的事项"][1] == "项目经费情况说明（拆违经费）"


def test_it_writes_the_project_chapter_with_its_declaration_form(context):
    [project] = chapter(context, "项目经费情况说明").content
    assert project.title == "拆违经费"
    texts = [b.text for b in project.blocks if b.kind in ("p", "h")]
    # Page 22: 实施周期, 年度预算安排 349.80万元; the file names the 执法大队 as the project's unit.
    assert texts[texts.index("二、实施主体") + 1] == "上海市普陀区城市管理行政执法局执法大队"
    assert texts[texts.index("三、实施周期") + 1] == "2026年1月1日-2026年12月31日"
    assert texts[texts.index("四、年度预算安排") + 1] == "本年度拆违经费预算金额为349.80万元。"
    [form] = [b.data for b in project.blocks if b.kind == "declaration_form"]
    # Page 24: 项目资金总额 10,308,000.00, 年度资金申请总额 3,498,000.00, 上年结转 0.00, 其他资金 0.00.
    assert (form.total_amount, form.total_fiscal, form.total, form.fiscal, form.carryover) == (
        10308000, 10308000, 3498000, 3498000, 0)
    assert (form.total_other, form.annual_other) == (0, 0)
    assert [(i.level1, i.level2, i.name, value) for i, _, _, value in form.form_indicators] == [
        ("成本指标", "经济成本指标", "成本控制合理性", "合理"),
        ("产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"),
        ("产出指标", "质量指标", "违法建筑销项正确率", "=100.00(%)"),
        ("产出指标", "时效指标", "新增违建处置率", "=100.00(%)"),
        ("效益指标", "社会效益指标", "群众政策知晓度", "≥90.00(%)"),
        ("效益指标", "生态效益指标", "提升城市环境美化指数", "提高"),
        ("效益指标", "可持续影响指标", "新增违建发生数", "降低"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"),
    ]


def test_it_prints_the_form_without_weights(client, chengguan_budget):
    from django.template.loader import render_to_string

    html = render_to_string("document/body.html", document_context(chengguan_budget))
    form = html[html.index("财政项目支出绩效目标申报表"):]
    assert "10,308,000.00" in form and "3,498,000.00" in form and "≥90.00(%)" in form
    assert "权重" not in form
    assert html.count('class="standard-table') == 9 and "单位：元" in html and "单位：万元" in html


def test_a_units_document_says_what_its_own_lines_say(db, chengguan_data):
    from budget.exchange.services import budget_import

    chengguan_data["department"]["units"].append(
        {"code": "SHPT-CG-02", "name": "普陀区城市管理行政执法局住房保障", "kind": "administrative"})
    for line in chengguan_data["lines"]:
        if line["function"] == "2210203":  # 购房补贴 3,222,000 元 (page 7: 322.20万元)
            line["unit"] = "SHPT-CG-02"
    budget = budget_import(data=chengguan_data)
    context = document_context(budget, unit=budget.units.get(code="SHPT-CG-02"))
    # No functions entered under its name, no 机构设置 or projects of its own.
    assert [c.title for c in context["chapters"]] == [
        "一、名词解释", "二、单位预算编制说明", "三、单位预算表", "四、其他相关情况说明"]
    assert paragraphs(chapter(context, "2026年单位预算编制说明").content)[-1] == (
        "1. “住房保障支出（类）住房改革支出（款）购房补贴（项）”322.20万元，主要用于向行政事业单位向符合条件的职工发放的用于购买住房的补贴。")
    sections = chapter(context, "其他相关情况说明").content
    assert [s.title for s in sections] == ["一、2026年“三公”经费预算情况说明", "二、机关运行经费预算", "三、绩效目标设置情况"]
    assert paragraphs(sections[:1])[0] == "2026年“三公”经费预算数为0万元。其中："  # no 上年 of its own
    assert paragraphs(sections[1:2]) == ["2026年普陀区城市管理行政执法局住房保障财政拨款的机关运行经费预算为0万元。"]

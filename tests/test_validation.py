"""Every validation rule, on the reference budget (which passes) and on a budget that breaks it."""
from decimal import Decimal

import pytest

from budget.budgets import models as m
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject
from budget.exchange.services import budget_import
from budget.validation import validate
from budget.validation.findings import RULES
from budget.validation.rules import has_errors


def found(budget, rule):
    """[(severity, message, location)] of `rule` for the budget."""
    return [(f.severity, f.message, str(f.location)) for f in validate(budget) if f.rule == rule]


def line(budget, function, economic, project=None, source="general_budget"):
    return budget.lines.get(function__code=function, economic__code=economic, project__code=project, source=source)


def test_it_finds_nothing_in_the_reference_budget(reference_budget):
    assert validate(reference_budget) == []


def test_it_names_each_rule_once():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == 22
    assert {rule.severity for rule in RULES} == {"error", "warning"}


def test_it_states_the_reason_of_every_rule():
    assert all(rule.reason.strip() for rule in RULES)
    reasons = {rule.id: rule.reason for rule in RULES}
    assert reasons["project.indicators"].startswith("实际公开的预算多数只为选定的项目公开绩效目标")


def test_it_finds_no_error_in_the_chengguan_budget(chengguan_budget):
    """A real Shanghai budget: targets for one project of three, no department target,
    staffing and asset values not published, vehicle values not published. Its reason for
    收支总预算 (项目支出减少, printed by the Shanghai template) has no place in this document."""
    findings = validate(chengguan_budget)
    assert not has_errors(findings), [str(f) for f in findings]
    assert [(f.rule, f.message) for f in findings] == [
        ("project.indicators", "项目“项目支出（2080801）”没有绩效指标"),
        ("project.indicators", "项目“项目支出（2120104）”没有绩效指标"),
        ("narrative.printed", "变动原因“收支总预算”不会印在文档中：文档中没有这一项的上年比较"),
        # The Shanghai text compares 财政拨款 with the 上年 of its sources (47,681,358.00 元 of
        # 一般公共预算 in the file), never 收支总预算's own.
        ("comparison.printed", "上年预算数“收支总预算”（4,768.1358 万元）不会印在文档中：文档中没有这一项的上年比较"),
    ]


def test_it_puts_errors_first_and_says_they_block(reference_budget):
    m.Overview.objects.filter(budget=reference_budget).update(actual=57, structure="")
    findings = validate(reference_budget)
    assert [(f.rule, f.severity) for f in findings] == [("overview.structure", "error"), ("overview.staffing", "warning")]
    assert has_errors(findings)
    assert not has_errors(findings[1:])


# budget.parts
@pytest.mark.parametrize("model, location, message", [
    (m.Overview, "overview", "缺少部门概况"), (m.Procurement, "procurement", "缺少政府采购"),
    (m.Assets, "assets", "缺少国有资产"), (m.DepartmentTarget, "target", "缺少部门整体绩效目标"),
])
def test_it_requires_every_part(reference_budget, model, location, message):
    model.objects.filter(budget=reference_budget).delete()
    reference_budget = m.Budget.objects.get(pk=reference_budget.pk)
    assert found(reference_budget, "budget.parts") == [("error", message, location)]


def test_it_requires_a_unit(reference_budget):
    empty = m.Budget.objects.create(department=reference_budget.department, year=2025, edition=reference_budget.edition)
    assert ("error", "没有预算单位（没有下属单位时为部门本级）", "units") in found(empty, "budget.parts")


# line.function / line.economic
def test_it_refuses_a_function_code_that_is_not_a_xiang(reference_budget):
    wrong = line(reference_budget, "2080505", "30108")
    wrong.function = FunctionalSubject.objects.get(edition=reference_budget.edition, code="20805")
    wrong.save()
    assert found(reference_budget, "line.function") == [
        ("error", "支出功能分类科目 20805 行政事业单位养老支出 是款级科目，明细应填项级科目", f"lines[{wrong.pk}].function")]


def test_it_refuses_a_code_of_another_edition(reference_budget):
    old = Edition.objects.create(year=2023)
    wrong = line(reference_budget, "2080505", "30108")
    wrong.function = FunctionalSubject.objects.create(edition=old, code="2080505", name="机关事业单位基本养老保险缴费支出", level=3)
    wrong.save()
    assert found(reference_budget, "line.function") == [
        ("error", "支出功能分类科目 2080505 机关事业单位基本养老保险缴费支出 是 2023 年版的科目，本预算使用 2024 年版",
         f"lines[{wrong.pk}].function")]


def test_it_refuses_an_economic_code_that_is_not_a_kuan(reference_budget):
    wrong = line(reference_budget, "2080505", "30108")
    wrong.economic = EconomicSubject.objects.get(edition=reference_budget.edition, code="301")
    wrong.save()
    assert found(reference_budget, "line.economic") == [
        ("error", "部门预算支出经济分类科目 301 工资福利支出 是类级科目，明细应填款级科目", f"lines[{wrong.pk}].economic")]
    assert found(reference_budget, "line.function") == []


# line.unit / line.project
@pytest.fixture
def other_budget(reference_data):
    reference_data["department"]["code"] = "501099"
    reference_data["department"]["units"][0]["code"] = "501099"
    for item in reference_data["lines"]:
        item["unit"] = "501099"
    return budget_import(data=reference_data)


def test_it_refuses_a_unit_of_another_budget(reference_budget, other_budget):
    wrong = line(reference_budget, "2080505", "30108")
    wrong.unit = other_budget.units.get()
    wrong.save()
    assert found(reference_budget, "line.unit") == [
        ("error", "预算单位 501099 克孜勒苏柯尔克孜自治州生态环境局 不属于本预算", f"lines[{wrong.pk}].unit")]


def test_it_refuses_a_project_of_another_budget(reference_budget, other_budget):
    wrong = line(reference_budget, "2110199", "30227", "P2024-01")
    wrong.project = other_budget.projects.get(code="P2024-01")
    wrong.save()
    assert found(reference_budget, "line.project") == [("error", "项目 P2024-01 不属于本预算", f"lines[{wrong.pk}].project")]


# project.allocation
def test_it_refuses_an_allocation_that_differs_from_the_lines(reference_budget):
    project = reference_budget.projects.get(code="P2024-01")
    project.allocation.filter(item="工作底图更新").update(amount=140001)
    assert found(reference_budget, "project.allocation") == [
        ("error", "项目““三线一单”生态环境分区管控成果动态更新项目”资金分配合计 24.0001 万元，与项目明细合计 24.00 万元不符",
         f"projects[{project.pk}].allocation")]


def test_it_accepts_a_project_without_allocation(reference_budget):
    reference_budget.projects.get(code="P2024-01").allocation.all().delete()
    assert found(reference_budget, "project.allocation") == []


# project.indicators / project.weights / target.weights
def test_it_requires_indicators_for_every_project_where_the_bureau_says_so(reference_budget):
    reference_budget.department.bureau.requires_project_targets = True
    reference_budget.department.bureau.save()
    project = reference_budget.projects.get(code="P2024-03")
    project.indicators.all().delete()
    assert found(reference_budget, "project.indicators") == [
        ("error", "项目“阿克陶县分局物业费、制冷费项目”没有绩效指标", f"projects[{project.pk}].indicators")]
    assert found(reference_budget, "project.weights") == []


def test_it_only_warns_about_a_project_without_indicators_by_default(reference_budget):
    project = reference_budget.projects.get(code="P2024-03")
    project.indicators.all().delete()
    assert found(reference_budget, "project.indicators") == [
        ("warning", "项目“阿克陶县分局物业费、制冷费项目”没有绩效指标", f"projects[{project.pk}].indicators")]
    assert not has_errors(validate(reference_budget))


def test_it_warns_when_a_projects_weights_do_not_sum_to_90(reference_budget):
    project = reference_budget.projects.get(code="P2024-03")
    indicator = project.indicators.first()
    m.Indicator.objects.filter(pk=indicator.pk).update(weight=indicator.weight + 5)
    assert found(reference_budget, "project.weights") == [
        ("warning", "项目“阿克陶县分局物业费、制冷费项目”的绩效指标分值权重合计 95，应为 90", f"projects[{project.pk}].indicators")]


def test_it_warns_when_the_department_targets_weights_do_not_sum_to_90(reference_budget):
    indicator = reference_budget.indicators.filter(project=None).first()
    m.Indicator.objects.filter(pk=indicator.pk).update(weight=indicator.weight - 10)
    assert found(reference_budget, "target.weights") == [
        ("warning", "部门整体绩效目标的指标分值权重合计 80，应为 90", "indicators.weight")]


# change.reason
def test_it_warns_about_a_change_above_30_percent_without_a_reason(reference_budget):
    reference_budget.explanations.filter(key="general.project").delete()
    reference_budget.explanations.filter(key="general.function.2110199").update(text="  ")
    assert found(reference_budget, "change.reason") == [
        ("warning", "一般公共预算项目支出比上年预算增加 40.20 万元，增长 41.88%，变动超过 30%，没有填写主要原因",
         "explanations.general.project"),
        ("warning", "一般公共预算 2110199 其他环境保护管理事务支出比上年预算增加 553.45 万元，增长 251.49%，变动超过 30%，没有填写主要原因",
         "explanations.general.function.2110199"),
    ]


def test_it_lets_a_change_of_30_percent_go_without_a_reason(reference_budget):
    """1,362,000 元 on 1,047,692.31 元 is printed 增长 30.00%: not above 30%."""
    reference_budget.explanations.filter(key="general.project").delete()
    reference_budget.prior_figures.filter(metric="general.project").update(amount=Decimal("1047692.31"))
    assert found(reference_budget, "change.reason") == []
    reference_budget.prior_figures.filter(metric="general.project").update(amount=Decimal("1047600.00"))
    assert len(found(reference_budget, "change.reason")) == 1


def test_it_compares_only_figures_with_a_prior_year_figure(reference_budget):
    reference_budget.prior_figures.filter(metric="general.project").delete()
    reference_budget.explanations.filter(key="general.project").delete()
    assert found(reference_budget, "change.reason") == []


# three_public.reason
def test_it_warns_about_any_increase_of_a_three_public_item_without_a_reason(reference_budget):
    reference_budget.explanations.filter(key="three_public.reception").delete()
    reference_budget.prior_figures.filter(metric="three_public.reception").update(amount=140000)
    assert found(reference_budget, "three_public.reason") == [
        ("warning", "公务接待费比上年预算增加 1.00 万元，增长 7.14%，没有填写主要原因", "explanations.three_public.reception"),
        ("warning", "“三公”经费合计比上年预算增加 7.50 万元，增长 30.61%，没有填写主要原因，也没有为每个变动的分项填写原因",
         "explanations.three_public.total"),
    ]


def test_it_counts_the_total_as_explained_by_its_items_reasons(reference_budget):
    """The reference's 三公 total grew 30.61% with no reason of its own; its changed items have theirs."""
    assert not reference_budget.explanations.filter(key="three_public.total").exists()
    assert found(reference_budget, "three_public.reason") == []
    # 公务用车运行费 fell 24.44%: it needs no reason itself, but without one it no longer explains the total.
    reference_budget.explanations.filter(key="three_public.vehicle_operation").delete()
    assert found(reference_budget, "three_public.reason") == [
        ("warning", "“三公”经费合计比上年预算增加 7.50 万元，增长 30.61%，没有填写主要原因，也没有为每个变动的分项填写原因",
         "explanations.three_public.total")]
    m.Explanation.objects.create(budget=reference_budget, kind="reason", key="three_public.total", text="分局并入")
    assert found(reference_budget, "three_public.reason") == []


# procurement
def test_it_refuses_an_sme_reservation_above_the_procurement_total(reference_budget):
    m.Procurement.objects.filter(budget=reference_budget).update(sme_reserved=726200, small_micro_reserved=726200)
    assert found(reference_budget, "procurement.sme") == [
        ("error", "面向中小企业预留 72.62 万元超过政府采购预算合计 72.61 万元", "procurement.sme_reserved")]


def test_it_refuses_a_small_micro_reservation_above_the_sme_one(reference_budget):
    m.Procurement.objects.filter(budget=reference_budget).update(sme_reserved=700000)
    assert found(reference_budget, "procurement.small_micro") == [
        ("error", "小微企业预留 72.61 万元超过面向中小企业预留 70.00 万元", "procurement.small_micro_reserved")]
    assert found(reference_budget, "procurement.sme") == []


# vehicles.consistent
def test_it_refuses_a_value_without_vehicles_and_vehicles_without_value(reference_budget):
    other = reference_budget.vehicles.get(kind="other")
    general = reference_budget.vehicles.get(kind="general")
    m.Vehicle.objects.filter(pk=other.pk).update(value=10000)
    m.Vehicle.objects.filter(pk=general.pk).update(value=0)
    assert found(reference_budget, "vehicles.consistent") == [
        ("error", "一般公务用车 1 辆，价值却为 0", f"vehicles[{general.pk}].value"),
        ("error", "其他车辆数量为 0，价值却为 1.00 万元", f"vehicles[{other.pk}].value"),
    ]


# overview
def test_it_requires_the_main_functions(reference_budget):
    reference_budget.functions.update(duties=" ")
    assert found(reference_budget, "overview.functions") == [("error", "没有填写主要职能", "functions")]
    reference_budget.functions.all().delete()
    assert found(reference_budget, "overview.functions") == [("error", "没有填写主要职能", "functions")]


def test_it_requires_the_structure(reference_budget):
    m.Overview.objects.filter(budget=reference_budget).update(structure="\n")
    assert found(reference_budget, "overview.structure") == [("error", "没有填写机构设置", "overview.structure")]


def test_it_refuses_planned_vehicles_that_do_not_add_up(chengguan_budget):
    assert found(chengguan_budget, "vehicles.planned") == []
    m.Assets.objects.filter(budget=chengguan_budget).update(planned_vehicles=6)
    assert found(chengguan_budget, "vehicles.planned") == [
        ("error", "各类车辆拟购置 5 辆，与拟购置车辆 6 辆不符", "assets.planned_vehicles")]


def test_it_requires_the_values_the_template_prints(reference_budget):
    m.Overview.objects.filter(budget=reference_budget).update(authorized=None)
    m.Assets.objects.filter(budget=reference_budget).update(buildings_value=None)
    general = reference_budget.vehicles.get(kind="general")
    m.Vehicle.objects.filter(pk=general.pk).update(value=None)
    assert found(reference_budget, "published.missing") == [
        ("error", "公开模板“新疆 2024 版”要印出“编制数”，此项未公开（为空）", "overview.authorized"),
        ("error", "公开模板“新疆 2024 版”要印出“房屋价值”，此项未公开（为空）", "assets.buildings_value"),
        ("error", "公开模板“新疆 2024 版”要印出车辆价值，一般公务用车的价值未公开（为空）", f"vehicles[{general.pk}].value"),
    ]
    assert found(reference_budget, "vehicles.consistent") == []


def test_it_does_not_require_what_the_template_does_not_print(reference_budget):
    reference_budget.template = "shanghai-2026"
    reference_budget.save()
    m.Overview.objects.filter(budget=reference_budget).update(actual=None)
    m.Vehicle.objects.filter(budget=reference_budget, kind="general").update(value=0)
    assert found(reference_budget, "published.missing") == []
    assert found(reference_budget, "vehicles.consistent") == []
    assert found(reference_budget, "overview.staffing") == []
    reference_budget.indicators.filter(project=None).update(weight=0)
    assert found(reference_budget, "target.weights") == []


def test_it_warns_when_the_staff_does_not_add_up(reference_budget):
    assert (reference_budget.overview.serving, reference_budget.overview.retired, reference_budget.overview.actual) == (29, 27, 56)
    m.Overview.objects.filter(budget=reference_budget).update(retired_cadres=1)
    assert found(reference_budget, "overview.staffing") == [
        ("warning", "在职 29 + 退休 27 + 离休 1 = 57 人，与实有人数 56 人不符", "overview.actual")]


def test_it_refuses_sources_the_template_has_no_place_for(chengguan_budget):
    # The chengguan file names shanghai-2026, whose tables have no 上年结转 or 上级补助收入.
    assert found(chengguan_budget, "template.sources") == []
    reception = line(chengguan_budget, "2120104", "30217")
    purchase = line(chengguan_budget, "2120104", "31013", project="SHPT-CG-P03")
    m.Line.objects.filter(pk=reception.pk).update(source="carryover_general")
    m.Line.objects.filter(pk=purchase.pk).update(source="unit_superior")
    assert found(chengguan_budget, "template.sources") == [
        ("error", "公开模板“上海 2026 版”的表中没有“上年结转（一般公共预算拨款）”的位置：明细 2120104 30217 4,600.00 元"
                  "公开不出来，请改为模板列出的资金来源", f"lines[{reception.pk}].source"),
        ("error", "公开模板“上海 2026 版”的表中没有“上级补助收入”的位置：明细 2120104 31013 750,000.00 元"
                  "公开不出来，请改为模板列出的资金来源", f"lines[{purchase.pk}].source"),
    ]
    # The xinjiang-2024 tables show every source: the same lines there are fine.
    chengguan_budget.template = "xinjiang-2024"
    chengguan_budget.save()
    assert found(chengguan_budget, "template.sources") == []

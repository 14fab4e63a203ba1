"""Exchange-format revision 2: unpublished values (null), the new project and vehicle keys,
主要用于 per 类/款/项 and the template id, stored and written back exactly."""
import copy
import json
from decimal import Decimal

import pytest

from budget.budgets import models as m
from budget.exchange.reader import ExchangeError
from budget.exchange.services import budget_export, budget_import
from tests.conftest import CHENGGUAN_FILE
from tests.test_export_budget import assert_same_document

pytestmark = pytest.mark.django_db


def assert_round_trip(budget, expected):
    exported = json.loads(json.dumps(budget_export(budget=budget), ensure_ascii=False))
    assert_same_document(exported, copy.deepcopy(expected))


def test_it_imports_the_chengguan_file_and_exports_it_back_equal(chengguan_budget):
    assert chengguan_budget.lines.count() == 36
    assert chengguan_budget.template == "shanghai-2026"
    assert_round_trip(chengguan_budget, json.loads(CHENGGUAN_FILE.read_text(encoding="utf-8")))


def test_it_stores_unpublished_values_as_null(chengguan_budget):
    overview, assets = chengguan_budget.overview, chengguan_budget.assets
    assert (overview.authorized, overview.actual, overview.retired_cadres_change) == (None, None, None)
    assert (assets.buildings_area_m2, assets.buildings_value, assets.equipment_over_500k) == (None, None, None)
    assert (assets.equipment_over_1m, assets.planned_vehicles, assets.planned_equipment_over_1m) == (2, 5, 0)
    law = chengguan_budget.vehicles.get(kind="law_enforcement")
    assert (law.count, law.value, law.planned, law.get_kind_display()) == (63, None, 5, "执法执勤用车")


def test_it_stores_the_new_project_fields(chengguan_budget):
    project = chengguan_budget.projects.get(code="SHPT-CG-P02")
    assert (project.total_amount, project.total_fiscal) == (Decimal("10308000.00"), Decimal("10308000.00"))
    assert (project.nature, project.category, project.targets_published) == ("阶段性项目", "特定目标类", True)
    assert project.annual_goal.startswith("1.完成市、区相关部门下达的年度拆违任务。")
    other = chengguan_budget.projects.get(code="SHPT-CG-P01")
    assert (other.total_amount, other.nature, other.targets_published) == (None, "", False)


def test_it_stores_usage_texts_per_item(chengguan_budget):
    usage = chengguan_budget.explanations.get(kind="usage", key="function.2120104")
    assert usage.text == "城市管理综合行政执法、加强城市市容和环境卫生管理等方面的支出"


def test_it_writes_no_revision_2_key_for_a_revision_1_file(reference_budget):
    doc = budget_export(budget=reference_budget)
    assert "template" not in doc
    assert set(doc["projects"][0]) == {"code", "name", "unit", "manager", "policy_basis", "allocation",
                                       "period", "goal", "indicators"}
    assert set(doc["assets"]["vehicles"][0]) == {"kind", "count", "value"}


def test_it_writes_back_a_key_given_with_its_default_value(reference_data):
    reference_data["projects"][0].update(nature="", targets_published=True, total_amount=None)
    reference_data["assets"]["vehicles"][0]["planned"] = 0
    assert_round_trip(budget_import(data=reference_data), reference_data)


def test_it_writes_the_implementing_unit_as_its_code(chengguan_data):
    chengguan_data["projects"][1]["implementing_unit"] = "SHPT-CG-01"
    budget = budget_import(data=chengguan_data)
    assert budget.projects.get(code="SHPT-CG-P02").implementing_unit.name == "普陀区城市管理行政执法局本部"
    assert_round_trip(budget, chengguan_data)


def test_it_writes_a_changed_value_that_was_not_given(reference_budget):
    project = reference_budget.projects.first()
    project.targets_published = False
    project.save()
    assert budget_export(budget=reference_budget)["projects"][0]["targets_published"] is False


def faults_of(data):
    with pytest.raises(ExchangeError) as error:
        budget_import(data=data)
    return error.value.faults


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.update(template="beijing-2025"),
     "template: 应为 xinjiang-2024 / shanghai-2026 之一：'beijing-2025'"),
    (lambda d: d["projects"][1].update(implementing_unit="SHPT-CG-99"),
     "projects[1].implementing_unit: 单位 SHPT-CG-99 不在 department.units 中"),
    (lambda d: d["projects"][1].update(targets_published="yes"), "projects[1].targets_published: 应为 true 或 false"),
    (lambda d: d["projects"][1].update(total_amount="-1"), "projects[1].total_amount: 不能为负数：-1"),
    (lambda d: d["assets"]["vehicles"][4].update(planned=4),
     "assets.vehicles: 各类车辆拟购置数合计 4 辆，与 planned_vehicles 5 辆不符"),
    (lambda d: d["overview"]["staffing"].update(actual=-1), "overview.staffing.actual: 不能为负数：-1"),
    (lambda d: d["narrative"]["usage"].update({"function.2120": "x"}), "narrative.usage.function.2120: 未知的指标"),
])
def test_it_refuses_faulty_revision_2_values(chengguan_data, change, expected):
    change(chengguan_data)
    assert expected in faults_of(chengguan_data)

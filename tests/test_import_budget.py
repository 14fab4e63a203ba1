"""`manage.py import_budget FILE` and the service behind it: storing, replacing, refusing."""
import copy
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from budget.budgets import models as m
from budget.exchange import services
from budget.exchange.management.commands.import_budget import Command as ImportCommand
from budget.exchange.reader import ExchangeError
from budget.exchange.services import budget_import
from budget.orgs.models import Department, FinanceBureau
from tests.conftest import REFERENCE_FILE
from tests.exchange_files import stored_amounts, to_yuan, write

pytestmark = pytest.mark.django_db


def import_file(path, *options):
    output = io.StringIO()
    call_command("import_budget", str(path), *options, stdout=output)
    return output.getvalue()


def amount_of(budget, function, economic, project=None):
    return budget.lines.get(function__code=function, economic__code=economic, project__code=project).amount


def assert_nothing_written():
    assert not m.Budget.objects.exists()
    assert not Department.objects.exists()
    assert not FinanceBureau.objects.exists()


def test_it_imports_the_reference_file():
    output = import_file(REFERENCE_FILE)

    budget = m.Budget.objects.get(department__code="501001", year=2024)
    assert "42 条明细，7 个项目" in output
    assert budget.lines.count() == 42
    assert budget.projects.count() == 7
    assert budget.department.name == "克孜勒苏柯尔克孜自治州生态环境局"
    assert budget.department.bureau.name == "克孜勒苏柯尔克孜自治州财政局"
    assert (budget.status, budget.amount_unit, budget.edition.year) == ("draft", "wan_yuan", 2024)
    assert amount_of(budget, "2080505", "30108") == Decimal("1912500.00")
    assert amount_of(budget, "2110199", "30227", "P2024-02") == Decimal("450000.00")
    assert budget.lines.aggregate(total=Sum("amount"))["total"] == Decimal("24486200.00")
    assert budget.procurement.goods == Decimal("243000.00")
    assert budget.vehicles.get(kind="law_enforcement").value == Decimal("433300.00")
    assert budget.prior_figures.get(metric="income.general_budget").amount == Decimal("7263700.00")
    assert budget.overview.actual == 56
    assert budget.overview.serving_change == -3


def test_it_imports_through_the_service(reference_data):
    budget = budget_import(data=reference_data)

    project = budget.projects.get(code="P2024-04")
    assert [(a.item, a.amount) for a in project.allocation.all()] == [
        ("执法服装费", Decimal("80000.00")), ("执法检查差旅费", Decimal("45000.00")),
        ("车辆维护及油费", Decimal("10000.00")), ("办公经费", Decimal("15000.00")),
    ]
    assert project.indicators.count() == len(reference_data["projects"][3]["indicators"])
    assert budget.indicators.filter(project=None).count() == 4
    assert str(budget.published_on) == "2024-02-25"


def test_it_replaces_the_draft_on_reimport(reference_budget, reference_data):
    def counts():
        return {model.__name__: model.objects.count() for model in (
            m.Budget, m.BudgetUnit, m.Project, m.AllocationItem, m.Line, m.Indicator, m.Overview,
            m.InstitutionFunction, m.Procurement, m.Assets, m.Vehicle, m.DepartmentTarget,
            m.PriorFigure, m.Explanation, Department, FinanceBureau)}

    before = counts()
    reference_data["lines"][0]["amount"] = "200.00"
    reference_data["projects"][0]["name"] = "新的项目名称"

    budget = budget_import(data=reference_data)

    assert budget.id == reference_budget.id
    assert counts() == before
    assert before["Line"] == 42 and before["Explanation"] == 17
    assert amount_of(budget, "2080505", "30108") == Decimal("2000000.00")
    assert budget.projects.get(code="P2024-01").name == "新的项目名称"


def test_it_replaces_the_draft_in_one_transaction(reference_budget, reference_data, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_write_projects", fail)
    reference_data["lines"][0]["amount"] = "200.00"

    with pytest.raises(RuntimeError):
        budget_import(data=reference_data)

    assert reference_budget.lines.count() == 42
    assert reference_budget.projects.count() == 7
    assert amount_of(reference_budget, "2080505", "30108") == Decimal("1912500.00")


def test_it_rolls_back_the_lines_when_a_later_part_fails(reference_budget, reference_data, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # The lines are written (COPY on PostgreSQL) before the prior-year figures.
    monkeypatch.setattr(m.PriorFigure.objects, "bulk_create", fail)
    reference_data["lines"][0]["amount"] = "200.00"

    with pytest.raises(RuntimeError):
        budget_import(data=reference_data)

    assert reference_budget.lines.count() == 42
    assert amount_of(reference_budget, "2080505", "30108") == Decimal("1912500.00")


def test_it_writes_many_projects_in_as_many_statements_as_few(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.generate import generate_budget

    def statements(projects):
        doc = generate_budget(lines=200, department_code=f"9908{projects:02d}", lines_per_project=100 // projects)
        with CaptureQueriesContext(connection) as queries:
            budget_import(data=doc)
        assert m.Project.objects.filter(budget__department__code=f"9908{projects:02d}").count() == projects
        return len(queries)

    statements(1)  # the first import also creates the finance bureau
    assert statements(2) == statements(50)


def test_it_reimports_a_returned_budget(reference_budget, reference_data):
    m.Budget.objects.filter(pk=reference_budget.pk).update(status="returned")
    reference_data["lines"][0]["amount"] = "200.00"

    budget = budget_import(data=reference_data)

    assert amount_of(budget, "2080505", "30108") == Decimal("2000000.00")


@pytest.mark.parametrize("status, label", [("submitted", "已报送"), ("approved", "已审核"), ("published", "已公开")])
def test_it_refuses_to_overwrite_a_budget_that_is_not_editable(reference_budget, reference_data, tmp_path, status, label):
    m.Budget.objects.filter(pk=reference_budget.pk).update(status=status)
    reference_data["lines"][0]["amount"] = "200.00"
    reference_data["department"]["name"] = "改名后的部门"

    with pytest.raises(CommandError) as error:
        import_file(write(tmp_path, reference_data), "--allow-reassign")

    assert f"department.code: 501001 的 2024 年预算状态为“{label}”，不能用导入覆盖" in str(error.value)
    budget = m.Budget.objects.get()
    assert budget.status == status
    assert budget.department.name == "克孜勒苏柯尔克孜自治州生态环境局"
    assert amount_of(budget, "2080505", "30108") == Decimal("1912500.00")
    assert budget.lines.count() == 42


def test_it_stores_the_same_amounts_from_a_yuan_file(reference_data):
    in_wan_yuan = stored_amounts(budget_import(data=copy.deepcopy(reference_data)))
    yuan_file = to_yuan(reference_data)
    assert yuan_file["lines"][0]["amount"] == "1912500.00"

    budget = budget_import(data=yuan_file)

    assert budget.amount_unit == "yuan"
    in_yuan = stored_amounts(budget)
    assert len(in_yuan) == 42 + 12 + 5 + 3 + 3 + 16
    assert in_yuan == in_wan_yuan
    assert in_yuan[("line", "501001", "2080505", "30108", "general_budget", "basic", None)] == Decimal("1912500.00")


def test_it_accepts_amounts_in_yuan_with_fen(reference_data):
    doc = to_yuan(reference_data)
    doc["lines"][1]["amount"] = "1234.56"

    budget = budget_import(data=doc)

    assert amount_of(budget, "2110101", "30101") == Decimal("1234.56")


def test_it_reports_invalid_json_with_its_position(tmp_path, db):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "budget-exchange/1",\n  "year": 2024,\n  "lines": [}\n', encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_file(path)

    assert "$: 不是有效的 JSON（第 3 行第 13 列" in str(error.value)
    assert_nothing_written()


def test_it_reports_an_unreadable_file(tmp_path):
    with pytest.raises(CommandError) as error:
        import_file(tmp_path / "missing.json")

    assert "无法读取" in str(error.value)


def test_it_accepts_a_file_with_a_byte_order_mark(reference_data, tmp_path):
    path = write(tmp_path, reference_data)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    import_file(path)

    assert m.Budget.objects.get().lines.count() == 42


def test_it_accepts_a_file_without_comparison(reference_data):
    del reference_data["comparison"]

    budget = budget_import(data=reference_data)

    assert not budget.prior_figures.exists()


def set_path(*keys_and_value):
    """A change to the document: set doc[k1][k2]… to the value."""
    *keys, value = keys_and_value

    def change(doc):
        node = doc
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return change


def delete_path(*keys):
    def change(doc):
        node = doc
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return change


def append_copy(*keys_and_index):
    """A change to the document: append a copy of doc[k1][k2]…[index] to its array."""
    *keys, index = keys_and_index

    def change(doc):
        array = doc
        for key in keys:
            array = array[key]
        array.append(copy.deepcopy(array[index]))

    return change


# (id, change, [(JSON path, part of its message)]) — the faults must be exactly these.
FAULTS = [
    ("wrong format", set_path("format", "budget-exchange/2"), [("format", "应为 'budget-exchange/1'")]),
    ("missing department name", delete_path("department", "name"), [("department.name", "缺少此项")]),
    ("missing lines", delete_path("lines"), [("lines", "缺少此项")]),
    ("year as string", set_path("year", "2024"), [("year", "应为整数")]),
    ("year not four digits", set_path("year", 20240), [("year", "应为四位数的年份")]),
    ("staffing as string", set_path("overview", "staffing", "authorized", "40"),
     [("overview.staffing.authorized", "应为整数")]),
    ("negative staffing", set_path("overview", "staffing", "retired", -1),
     [("overview.staffing.retired", "不能为负数")]),
    ("unknown economic code", set_path("lines", 3, "economic", "30298"),
     [("lines[3].economic", "未知编码 30298")]),
    ("function of level 款", set_path("lines", 0, "function", "20805"),
     [("lines[0].function", "20805 是款级科目，此处应填项级科目")]),
    ("economic of level 类", set_path("lines", 1, "economic", "301"),
     [("lines[1].economic", "301 是类级科目，此处应填款级科目")]),
    ("code as number", set_path("lines", 1, "economic", 30101), [("lines[1].economic", "应为字符串")]),
    ("three decimals", set_path("lines", 0, "amount", "191.255"), [("lines[0].amount", "最多两位小数")]),
    ("negative amount", set_path("lines", 0, "amount", "-191.25"), [("lines[0].amount", "不能为负数")]),
    ("amount not a number", set_path("lines", 0, "amount", "19l.25"), [("lines[0].amount", "不是数字")]),
    ("amount as JSON number", set_path("lines", 0, "amount", 191.25), [("lines[0].amount", "不是数字")]),
    ("amount too large", set_path("procurement", "goods", "99999999999.00"),
     [("procurement.goods", "数值过大")]),
    ("bad amount of a project line", set_path("lines", 22, "amount", "24,00"),
     [("lines[22].amount", "不是数字")]),
    ("project line without project", set_path("lines", 35, "project", None),
     [("lines[35].project", "项目支出必须指明项目")]),
    ("basic line with project", set_path("lines", 0, "project", "P2024-01"),
     [("lines[0].project", "基本支出不能指明项目")]),
    ("unknown kind", set_path("lines", 0, "kind", "personnel"), [("lines[0].kind", "应为 basic / project 之一")]),
    ("unknown source", set_path("lines", 0, "source", "general"), [("lines[0].source", "之一：'general'")]),
    ("unknown unit", set_path("lines", 0, "unit", "501002"),
     [("lines[0].unit", "单位 501002 不在 department.units 中")]),
    ("unknown project", set_path("lines", 38, "project", "P2024-99"),
     [("lines[38].project", "项目 P2024-99 不在 projects 中")]),
    ("duplicate project code", append_copy("projects", 6), [("projects[7].code", "编码 P2024-07 重复")]),
    ("duplicate unit code", append_copy("department", "units", 0), [("department.units[1].code", "编码 501001 重复")]),
    ("duplicate line", append_copy("lines", 0), [("lines[42]", "与前面的明细重复")]),
    ("allocation not matching the lines", set_path("projects", 0, "allocation", 0, "amount", "15.00"),
     [("projects[0].allocation", "资金分配合计 25.00 与项目明细合计 24.00 不符")]),
    ("unknown comparator", set_path("projects", 0, "indicators", 0, "comparator", "=>"),
     [("projects[0].indicators[0].comparator", "应为 = / >= / <= / > / < 之一：'=>'")]),
    ("weight above 100", set_path("performance", "indicators", 0, "weight", 900),
     [("performance.indicators[0].weight", "超出范围")]),
    ("unknown top-level key", set_path("remarks", "备注"), [("remarks", "未知字段")]),
    ("unknown metric", set_path("comparison", "income.everything", "1.00"),
     [("comparison.income.everything", "未知的指标")]),
    ("bad date", set_path("published_on", "2024-02-30"), [("published_on", "日期应写作 YYYY-MM-DD")]),
    ("date with slashes", set_path("projects", 0, "period", "start", "2024/01/01"),
     [("projects[0].period.start", "日期应写作 YYYY-MM-DD")]),
    ("period ending before it starts", set_path("projects", 0, "period", "end", "2023-12-31"),
     [("projects[0].period.end", "结束日期早于开始日期")]),
    ("unknown edition", set_path("classification_edition", 2019),
     [("classification_edition", "未载入 2019 年版分类科目")]),
    ("unknown amount unit", set_path("amount_unit", "fen"), [("amount_unit", "应为 yuan / wan_yuan 之一")]),
    ("amount unit not a string", set_path("amount_unit", ["yuan"]), [("amount_unit", "应为 yuan / wan_yuan 之一")]),
    ("unknown vehicle kind", set_path("assets", "vehicles", 0, "kind", "bus"), [("assets.vehicles[0].kind", "之一")]),
    ("duplicate vehicle kind", set_path("assets", "vehicles", 2, "kind", "general"),
     [("assets.vehicles[2].kind", "车辆类型 general 重复")]),
    ("text too long", set_path("department", "name", "局" * 101), [("department.name", "最多 100 个字符")]),
    ("short name too long", set_path("department", "short_name", "局" * 51),
     [("department.short_name", "最多 50 个字符")]),
    ("short name not a string", set_path("department", "short_name", 1), [("department.short_name", "应为字符串")]),
    ("other matters too long", set_path("narrative", "other_matters", "事" * 10001),
     [("narrative.other_matters", "最多 10000 个字符，实际 10001 个")]),
    ("duties too long", set_path("overview", "functions", 0, "duties", "责" * 2001),
     [("overview.functions[0].duties", "最多 2000 个字符，实际 2001 个")]),
    ("structure too long", set_path("overview", "structure", "设" * 5001), [("overview.structure", "最多 5000 个字符")]),
    ("project goal too long", set_path("projects", 0, "goal", "标" * 2001), [("projects[0].goal", "最多 2000 个字符")]),
    ("policy basis too long", set_path("projects", 0, "policy_basis", "依" * 2001),
     [("projects[0].policy_basis", "最多 2000 个字符")]),
    ("department goal too long", set_path("performance", "goal", "绩" * 5001), [("performance.goal", "最多 5000 个字符")]),
    ("reason too long", set_path("narrative", "reasons", "expenditure.basic", "因" * 2001),
     [("narrative.reasons.expenditure.basic", "最多 2000 个字符")]),
    ("empty project name", set_path("projects", 0, "name", " "), [("projects[0].name", "不能为空")]),
    ("line not an object", set_path("lines", 22, "x"), [("lines[22]", "应为对象")]),
    ("lines not a list", set_path("lines", {"0": {}}), [("lines", "应为数组")]),
    ("units not a list", set_path("department", "units", "501001"), [("department.units", "应为数组")]),
    ("no units", set_path("department", "units", []), [("department.units", "至少要有一个预算单位")]),
    ("department null", set_path("department", None), [("department", "应为对象")]),
    ("projects null", set_path("projects", None), [("projects", "应为数组")]),
]


@pytest.mark.parametrize("change, expected", [case[1:] for case in FAULTS], ids=[case[0] for case in FAULTS])
def test_it_refuses_a_faulty_file_naming_the_path(reference_data, change, expected):
    change(reference_data)

    with pytest.raises(ExchangeError) as error:
        budget_import(data=reference_data)

    faults = error.value.faults
    assert [fault.split(": ", 1)[0] for fault in faults] == [path for path, _ in expected]
    for fault, (path, message) in zip(faults, expected):
        assert message in fault, fault
    assert_nothing_written()


def test_it_refuses_a_document_that_is_not_an_object(db):
    with pytest.raises(ExchangeError) as error:
        budget_import(data=[1, 2])

    assert error.value.faults == ["$: 应为 JSON 对象"]


def test_it_prints_every_fault_and_exits_non_zero(reference_data, tmp_path, capsys, monkeypatch):
    reference_data["lines"][3]["economic"] = "30298"
    reference_data["projects"][0]["indicators"][0]["comparator"] = "=>"
    path = write(tmp_path, reference_data)
    # The command closes every connection when it ends; the test database must outlive it.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)

    with pytest.raises(SystemExit) as exit:
        ImportCommand().run_from_argv(["manage.py", "import_budget", str(path), "--skip-checks"])

    assert exit.value.code == 1
    stderr = capsys.readouterr().err
    assert "2 处错误，未导入任何数据" in stderr
    assert "lines[3].economic: 未知编码 30298" in stderr
    assert "projects[0].indicators[0].comparator: 应为 = / >= / <= / > / < 之一：'=>'" in stderr
    assert not m.Budget.objects.filter(department__code="501001").exists()

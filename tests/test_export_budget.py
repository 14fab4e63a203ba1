"""`manage.py export_budget`: an export of an import equals the imported file."""
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget.exchange.services import budget_import
from tests.conftest import REFERENCE_FILE
from tests.exchange_files import to_yuan

pytestmark = pytest.mark.django_db

WARNING = "有金额不是整百元，无法以万元两位小数表示，已改用元。"


def export(*args):
    """Run the command; returns (stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("export_budget", "--department", "501001", "--year", "2024", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def line_key(line):
    return tuple(line[key] or "" for key in ("unit", "function", "economic", "source", "kind", "project"))


def assert_same_document(exported, expected):
    """Equal as parsed JSON; lines are facts, so their order does not matter."""
    assert sorted(exported.pop("lines"), key=line_key) == sorted(expected.pop("lines"), key=line_key)
    assert exported == expected


def reference_file():
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


def test_it_writes_the_imported_file_to_stdout(reference_budget):
    stdout, stderr = export()

    exported = json.loads(stdout)
    assert exported["lines"][0]["amount"] == "191.25"
    assert [p["code"] for p in exported["projects"]] == [f"P2024-0{i}" for i in range(1, 8)]
    assert_same_document(exported, reference_file())
    assert stderr == ""


def test_it_writes_back_the_short_name_it_imported(db):
    doc = reference_file()
    doc["department"]["short_name"] = "克州生态环境局"
    budget = budget_import(data=doc)
    assert budget.department.short_name == "克州生态环境局"

    stdout, _ = export()

    assert json.loads(stdout)["department"]["short_name"] == "克州生态环境局"
    assert_same_document(json.loads(stdout), doc)


def test_it_writes_no_short_name_for_a_file_without_one(reference_budget):
    # Revision 1 files have none; writing "" would break their round trip.
    stdout, _ = export()

    assert "short_name" not in json.loads(stdout)["department"]


def test_it_clears_the_short_name_when_a_file_without_one_replaces_the_draft(db):
    doc = reference_file()
    budget_import(data={**doc, "department": {**doc["department"], "short_name": "克州生态环境局"}})

    budget = budget_import(data=reference_file())

    assert budget.department.short_name == ""


def test_it_writes_the_file_to_output(reference_budget, tmp_path):
    path = tmp_path / "exported.json"

    stdout, _ = export("--output", str(path))

    assert stdout == ""
    assert_same_document(json.loads(path.read_text(encoding="utf-8")), reference_file())


def test_it_reports_an_output_it_cannot_write(reference_budget, tmp_path):
    with pytest.raises(CommandError) as error:
        export("--output", str(tmp_path / "missing" / "exported.json"))

    assert "无法写入" in str(error.value)


def test_it_writes_yuan_on_request(reference_budget):
    stdout, stderr = export("--amount-unit", "yuan")

    exported = json.loads(stdout)
    assert exported["amount_unit"] == "yuan"
    assert exported["lines"][0]["amount"] == "1912500.00"
    assert_same_document(exported, to_yuan(reference_file()))
    assert stderr == ""


def test_it_writes_a_yuan_file_back_in_yuan(db):
    budget_import(data=to_yuan(reference_file()))

    stdout, _ = export()

    assert_same_document(json.loads(stdout), to_yuan(reference_file()))


def test_it_falls_back_to_yuan_when_an_amount_has_fen(db):
    doc = to_yuan(reference_file())
    doc["lines"][1]["amount"] = "1234.56"
    budget_import(data=doc)

    stdout, stderr = export("--amount-unit", "wan_yuan")

    exported = json.loads(stdout)
    assert exported["amount_unit"] == "yuan"
    assert exported["lines"][1]["amount"] == "1234.56"
    assert_same_document(exported, doc)
    assert WARNING in stderr


def test_it_warns_when_the_budgets_own_unit_cannot_hold_an_amount(reference_budget):
    # A draft imported in 万元 and then edited to an amount with 元 below 百.
    line = reference_budget.lines.get(function__code="2080505", economic__code="30108")
    line.amount = Decimal("1912512.34")
    line.save()

    stdout, stderr = export()

    exported = json.loads(stdout)
    assert exported["amount_unit"] == "yuan"
    assert exported["lines"][0]["amount"] == "1912512.34"
    assert exported["procurement"]["goods"] == "243000.00"
    assert WARNING in stderr


@pytest.mark.parametrize("department, year", [("999999", "2024"), ("501001", "2023")])
def test_it_refuses_an_unknown_department_year(reference_budget, department, year):
    with pytest.raises(CommandError) as error:
        call_command("export_budget", "--department", department, "--year", year, stdout=io.StringIO())

    assert str(error.value) == f"没有部门 {department} 的 {year} 年预算"

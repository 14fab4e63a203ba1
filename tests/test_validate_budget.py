"""manage.py validate_budget: the findings as text or JSON; exit status 1 when there are errors."""
import json

import pytest
from django.core.management import CommandError, call_command

from budget.budgets import models as m


def run(capsys, *args):
    """(exit status, stdout) of the command."""
    try:
        call_command("validate_budget", "--department", "501001", "--year", "2024", *args)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, capsys.readouterr().out


def test_it_passes_the_reference_budget(reference_budget, capsys):
    assert run(capsys) == (0, "克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算：0 个错误，0 个警告\n")
    assert run(capsys, "--format", "json") == (0, "[]\n")


def test_it_prints_the_findings_as_json_and_fails_on_an_error(reference_budget, capsys):
    m.Overview.objects.filter(budget=reference_budget).update(structure="", actual=57)
    status, out = run(capsys, "--format", "json")
    assert status == 1
    assert json.loads(out) == [
        {"rule": "overview.structure", "severity": "error", "message": "没有填写机构设置", "location": "overview.structure"},
        {"rule": "overview.staffing", "severity": "warning",
         "message": "在职 29 + 退休 27 + 离休 0 = 56 人，与实有人数 57 人不符", "location": "overview.actual"},
    ]


def test_it_prints_the_findings_as_text(reference_budget, capsys):
    m.Overview.objects.filter(budget=reference_budget).update(structure="")
    status, out = run(capsys)
    assert status == 1
    assert out.splitlines() == [
        "错误 overview.structure overview.structure：没有填写机构设置",
        "克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算：1 个错误，0 个警告",
    ]


def test_it_succeeds_with_warnings_only(reference_budget, capsys):
    m.Overview.objects.filter(budget=reference_budget).update(actual=57)
    status, out = run(capsys)
    assert status == 0 and "0 个错误，1 个警告" in out


def test_it_refuses_an_unknown_budget(db):
    with pytest.raises(CommandError, match="没有部门 501001 的 2024 年预算"):
        call_command("validate_budget", department="501001", year=2024)

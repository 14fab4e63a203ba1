"""manage.py export_tables: budget-tables/1 JSON on stdout or into a file."""
import io
import json

import pytest
from django.core.management import CommandError, call_command


def export(*args):
    out = io.StringIO()
    call_command("export_tables", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_tables_of_the_reference_budget(reference_budget):
    doc = json.loads(export("--department", "501001", "--year", "2024"))
    assert (doc["format"], doc["year"], doc["amount_unit"]) == ("budget-tables/1", 2024, "万元")
    assert doc["department"] == "克孜勒苏柯尔克孜自治州生态环境局"
    assert [table["number"] for table in doc["tables"]] == list(range(1, 12))
    first = doc["tables"][0]
    assert set(first) == {"number", "title", "kinds", "header", "rows", "values", "note"}
    assert first["header"] == [["收入", "", "支出", ""], ["项目", "预算数", "功能分类", "预算数"]]
    assert first["rows"][0] == ["一、本年收入", "2,448.62", "201 一般公共服务支出", ""]
    assert doc["tables"][7]["rows"] == [] and doc["tables"][7]["note"].endswith("政府性基金预算支出情况表为空表。")


def test_it_gives_each_amount_exactly_in_yuan_beside_the_display(reference_budget):
    # Revision 2: values parallel to rows; the reference's 收入总计 is 2,448.62 万元.
    tables = json.loads(export("--department", "501001", "--year", "2024"))["tables"]
    first = tables[0]
    assert first["values"][0] == [None, "24486200.00", None, "0.00"]
    assert first["rows"][-1] == ["收入总计", "2,448.62", "支出总计", "2,448.62"]
    assert first["values"][-1] == [None, "24486200.00", None, "24486200.00"]
    assert [len(row) for row in first["values"]] == [len(row) for row in first["rows"]]
    # 表10: 财政拨款“三公”经费 32.00 万元, all 一般公共预算.
    assert tables[9]["values"][0] == [None, "320000.00", "320000.00", "0.00", "0.00"]
    assert tables[7]["values"] == []


def test_it_writes_the_same_document_to_a_file(reference_budget, tmp_path):
    target = tmp_path / "tables.json"
    assert export("--department", "501001", "--year", "2024", "--output", str(target)) == ""
    assert json.loads(target.read_text("utf-8")) == json.loads(export("--department", "501001", "--year", "2024"))


def test_it_exports_a_budget_in_any_status(reference_budget):
    reference_budget.status = reference_budget.Status.SUBMITTED
    reference_budget.save()
    doc = json.loads(export("--department", "501001", "--year", "2024"))
    assert doc["tables"][9]["rows"][0] == ["合计", "32.00", "32.00", "", ""]


@pytest.mark.django_db
def test_it_refuses_an_unknown_budget(reference_budget):
    with pytest.raises(CommandError, match="没有部门 501001 的 2023 年预算"):
        export("--department", "501001", "--year", "2023")

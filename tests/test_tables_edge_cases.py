"""Tables of a budget without lines: blank 合计 rows, and the notes of the empty tables."""
import pytest

from budget.exchange.services import budget_import
from budget.tables.exports import tables_document

E = ""


@pytest.fixture
def tables(db, reference_data):
    reference_data["lines"] = []
    for project in reference_data["projects"]:
        project["allocation"] = []
    doc = tables_document(budget=budget_import(data=reference_data))
    return {table["number"]: table for table in doc["tables"]}


def test_it_keeps_the_fixed_rows_with_blank_amounts(tables):
    assert tables[1]["rows"][0] == ["一、本年收入", E, "201 一般公共服务支出", E]
    assert tables[1]["rows"][-1] == ["收入总计", E, "支出总计", E]
    assert tables[10]["rows"][0] == ["合计", E, E, E, E]


def test_it_shows_only_a_blank_total_row_in_the_other_tables(tables):
    assert tables[2]["rows"] == [["合计", E, E, E] + [E] * 12]
    assert tables[6]["rows"] == [["合计", E, E, E, E, E]]
    assert tables[7]["rows"] == [["合计", E, E, E, E] + [E] * 11]


@pytest.mark.parametrize("number", [8, 9, 11])
def test_it_notes_the_empty_tables(tables, number):
    assert tables[number]["rows"] == []
    assert tables[number]["note"].startswith("克孜勒苏柯尔克孜自治州生态环境局 2024 年没有使用")

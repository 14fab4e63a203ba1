"""Tables XLSX: a name that starts like a formula stays text (no formula injection via 表7)."""
import io
import zipfile

import pytest
from openpyxl import load_workbook

from budget.exchange.services import budget_import
from budget.tables.exports import tables_workbook

NAMES = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+1", "-2+3", "@SUM(1,1)"]


@pytest.fixture
def budget(db, reference_data):
    for project, name in zip(reference_data["projects"], NAMES):
        project["name"] = name
    return budget_import(data=reference_data)


def test_it_keeps_formula_like_project_names_as_text(budget):
    data = tables_workbook(budget=budget)
    sheet = load_workbook(io.BytesIO(data))["表7"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value in NAMES}
    # Every project with 一般公共预算 lines appears in 表7 under its (hostile) name.
    assert set(cells) == set(NAMES)
    for cell in cells.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet7.xml").decode()
    assert "<f>" not in sheet_xml


def test_it_leaves_ordinary_names_alone(reference_budget):
    sheet = load_workbook(io.BytesIO(tables_workbook(budget=reference_budget)))["表7"]
    name = "“三线一单”生态环境分区管控成果动态更新项目"
    cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == name)
    assert not cell.quotePrefix

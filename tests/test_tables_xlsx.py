"""The XLSX workbook of 表1–表11: one sheet per table, merged headers, numbers in 万元, codes as text."""
import io
from urllib.parse import quote

import openpyxl
import pytest

from budget.tables.exports import tables_workbook


@pytest.fixture
def book(reference_budget):
    return openpyxl.load_workbook(io.BytesIO(tables_workbook(budget=reference_budget)))


def test_it_has_one_sheet_per_table_with_its_title_rows(book):
    assert book.sheetnames == [f"表{n}" for n in range(1, 12)]
    sheet = book["表2"]
    assert [sheet["A1"].value, sheet["A2"].value] == ["表 2", "部门收入总体情况表"]
    assert sheet["A3"].value == "编制部门：克孜勒苏柯尔克孜自治州生态环境局"
    assert sheet["P3"].value == "单位：万元"


def test_it_merges_header_cells_like_the_html(book):
    sheet = book["表2"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A2:P2", "A4:C4", "D4:D5", "F4:L4", "P4:P5"} <= merged
    assert sheet["F4"].value == "财政拨款(补助)"
    assert sheet["F5"].value == "财政拨款(补助)小计"
    assert {"A4:A6", "C4:F4", "D5:E5"} <= {str(r) for r in book["表11"].merged_cells.ranges}


def test_it_writes_amounts_as_numbers_and_codes_as_text(book):
    sheet = book["表2"]
    assert [cell.value for cell in sheet[8]][:7] == ["208", "05", "05", "机关事业单位基本养老保险缴费支出", 191.25, 191.25, 191.25]
    assert sheet["E8"].number_format == "#,##0.00"
    assert sheet["B8"].data_type == "s" and sheet["B8"].value == "05"
    assert sheet["H8"].value is None  # a zero amount stays blank
    total = book["表1"]["B36"]
    assert (book["表1"]["A36"].value, total.value, total.number_format) == ("收入总计", 2448.62, "#,##0.00")


def test_it_puts_the_note_under_an_empty_table(book):
    sheet = book["表8"]
    assert sheet.max_row == 7
    assert sheet["A7"].value == (
        "备注：克孜勒苏柯尔克孜自治州生态环境局 2024 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。"
    )


def test_it_downloads_from_beside_the_preview(client, accountant):
    client.force_login(accountant)
    response = client.get("/manage/budgets/501001/2024/tables.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = quote("克孜勒苏柯尔克孜自治州生态环境局2024年部门预算公开表.xlsx")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{name}"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert (book["表6"]["A31"].value, book["表6"]["D31"].value) == ("合计", 2052.42)


def test_it_prints_like_the_pdf(book):
    """A4, landscape for the wide tables (表2, 表7, 表11 as in the PDF), one page wide, the header
    rows repeated, page numbers in the footer."""
    landscape = {name for name in book.sheetnames if book[name].page_setup.orientation == "landscape"}
    assert landscape == {"表2", "表7", "表11"}
    for name in book.sheetnames:
        sheet = book[name]
        assert sheet.page_setup.orientation in ("portrait", "landscape")
        assert sheet.page_setup.paperSize == 9  # A4 in OOXML
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert book["表2"].print_title_rows == "$4:$5"  # 收入/合计… and the row below it
    assert book["表3"].print_title_rows == "$4:$6"
    assert book["表1"].print_title_rows == "$4:$5"

"""The lines' XLSX sheet: what it holds, a lossless round trip, and uploads refused cell by cell."""
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from budget.budgets import models as m
from budget.entry.excel import SheetError, lines_workbook
from budget.entry.upload import replace_lines


def rows(budget):
    return list(budget.lines.order_by("id").values_list(
        "unit__code", "function__code", "economic__code", "source", "kind", "project__code", "amount"))


def edited(content, changes, sheet="明细"):
    """The workbook with cells changed: {"B5": value}."""
    book = load_workbook(BytesIO(content))
    for ref, value in changes.items():
        book[sheet][ref] = value
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def refused(budget, content):
    with pytest.raises(SheetError) as error:
        replace_lines(budget=budget, content=content)
    return error.value.faults


def test_it_writes_one_row_per_line_with_codes_as_text(reference_budget):
    sheet = load_workbook(BytesIO(lines_workbook(budget=reference_budget)))["明细"]
    assert [c.value for c in sheet[1]] == [
        "单位编码", "功能科目编码", "功能科目名称", "经济科目编码", "经济科目名称", "资金来源", "支出类型", "金额（万元）", "项目编码"]
    assert [c.value for c in sheet[2]] == [
        "501001", "2080505", "机关事业单位基本养老保险缴费支出", "30108", "机关事业单位基本养老保险缴费",
        "一般公共预算拨款", "基本支出", 191.25, None]
    assert sheet["B2"].number_format == "@" and sheet["H2"].number_format == "0.00"
    assert [c.value for c in sheet[24]][5:] == ["一般公共预算拨款", "项目支出", 24, "P2024-01"]
    assert sheet.max_row == 43


def test_it_offers_lists_for_source_and_kind(reference_budget):
    book = load_workbook(BytesIO(lines_workbook(budget=reference_budget)))
    lists = {str(v.sqref): v.formula1 for v in book["明细"].data_validations.dataValidation}
    assert lists["F2:F1043"] == "'选项'!$A$2:$A$18" and lists["G2:G1043"] == "'选项'!$B$2:$B$3"
    assert lists["A2:A1043"] == "'选项'!$C$2:$C$2" and lists["I2:I1043"] == "'选项'!$D$2:$D$8"
    choices = book["选项"]
    assert choices.sheet_state == "hidden"
    assert [choices[f"A{i}"].value for i in (2, 18)] == ["一般公共预算拨款", "上年结余（单位资金）"]
    assert [choices[f"B{i}"].value for i in (2, 3)] == ["基本支出", "项目支出"]


def test_it_round_trips_the_reference_lines_losslessly(reference_budget):
    before = rows(reference_budget)
    assert replace_lines(budget=reference_budget, content=lines_workbook(budget=reference_budget)).unchanged == 42
    assert rows(reference_budget) == before
    assert sum(amount for *_, amount in before) == Decimal("24486200.00")


def test_it_writes_yuan_when_wan_yuan_cannot_hold_an_amount(reference_budget):
    line = reference_budget.lines.order_by("id").first()
    m.Line.objects.filter(pk=line.pk).update(amount=Decimal("1912500.37"))
    before = rows(reference_budget)
    content = lines_workbook(budget=reference_budget)
    sheet = load_workbook(BytesIO(content))["明细"]
    assert (sheet["H1"].value, sheet["H2"].value) == ("金额（元）", 1912500.37)
    replace_lines(budget=reference_budget, content=content)
    assert rows(reference_budget) == before


def test_it_writes_the_unit_the_user_chose(reference_budget):
    sheet = load_workbook(BytesIO(lines_workbook(budget=reference_budget, unit="yuan")))["明细"]
    assert (sheet["H1"].value, sheet["H2"].value) == ("金额（元）", 1912500)


def test_it_keeps_formula_like_texts_as_text(reference_budget):
    project = reference_budget.projects.get(code="P2024-01")
    m.Project.objects.filter(pk=project.pk).update(code="=HYPERLINK(\"http://x\")")
    content = lines_workbook(budget=reference_budget)
    cell = load_workbook(BytesIO(content))["明细"]["I24"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=HYPERLINK(\"http://x\")", "s", True)
    before = rows(reference_budget)
    replace_lines(budget=reference_budget, content=content)
    assert rows(reference_budget) == before


def test_it_refuses_a_bad_code_a_negative_amount_and_a_text_amount_naming_each_cell(reference_budget):
    before = rows(reference_budget)
    content = edited(lines_workbook(budget=reference_budget), {"B5": "2089999", "H6": -1, "H7": "十二"})
    assert refused(reference_budget, content) == [
        "明细 第 5 行 B 列（功能科目编码）：未知编码 2089999：2024 年版支出功能分类科目中没有此编码",
        "明细 第 6 行 H 列（金额）：不能为负数：-1",
        "明细 第 7 行 H 列（金额）：不是数字：十二",
    ]
    assert rows(reference_budget) == before


def test_it_names_every_other_kind_of_bad_cell(reference_budget):
    content = edited(lines_workbook(budget=reference_budget), {
        "A2": "999999", "D3": "301", "F4": "拨款", "G5": "其他", "H8": 1.234, "H9": None,
        "I10": "P2024-01", "I24": None, "I25": "P2099-01", "B26": None,
    })
    assert refused(reference_budget, content) == [
        "明细 第 2 行 A 列（单位编码）：不是本预算的单位编码：999999",
        "明细 第 3 行 D 列（经济科目编码）：301 是类级科目，此处应填款级科目",
        "明细 第 4 行 F 列（资金来源）：应为下拉列表中的资金来源：拨款",
        "明细 第 5 行 G 列（支出类型）：应为“基本支出”或“项目支出”：其他",
        "明细 第 8 行 H 列（金额）：以万元为单位最多两位小数：1.234",
        "明细 第 9 行 H 列（金额）：不能为空",
        "明细 第 10 行 I 列（项目编码）：基本支出不能填项目编码：P2024-01",
        "明细 第 24 行 I 列（项目编码）：项目支出必须填项目编码",
        "明细 第 25 行 I 列（项目编码）：不是本预算的项目编码：P2099-01",
        "明细 第 26 行 B 列（功能科目编码）：不能为空",
    ]


def test_it_refuses_a_repeated_line(reference_budget):
    content = edited(lines_workbook(budget=reference_budget), {"A44": "501001", "B44": "2080505", "D44": "30108",
                                                                "F44": "一般公共预算拨款", "G44": "基本支出", "H44": 1})
    assert refused(reference_budget, content) == [
        "明细 第 44 行：与第 2 行重复（同一单位、功能科目、经济科目、资金来源、支出类型和项目）"]


def test_it_reads_codes_typed_as_numbers_and_skips_empty_rows(reference_budget):
    content = edited(lines_workbook(budget=reference_budget), {"B2": 2080505, "D2": 30108.0, "H2": "191.25"})
    content = edited(content, {f"{c}{r}": None for c in "ABCDEFGHI" for r in (50,)})
    replace_lines(budget=reference_budget, content=content)
    assert rows(reference_budget)[0] == ("501001", "2080505", "30108", "general_budget", "basic", None, Decimal("1912500.00"))


def test_it_refuses_a_sheet_with_another_header(reference_budget):
    content = edited(lines_workbook(budget=reference_budget), {"H1": "金额", "C1": "名称"})
    assert refused(reference_budget, content) == [
        "明细 第 1 行 C 列（功能科目名称）：表头应为“功能科目名称”，实际为“名称”",
        "明细 第 1 行 H 列（金额）：表头应为“金额（万元）”或“金额（元）”，实际为“金额”",
    ]


def test_it_refuses_what_is_not_the_sheet(reference_budget):
    assert refused(reference_budget, b"not a workbook") == ["文件不是有效的 XLSX 工作簿"]
    content = lines_workbook(budget=reference_budget)
    book = load_workbook(BytesIO(content))
    book["明细"].title = "Sheet1"
    output = BytesIO()
    book.save(output)
    assert refused(reference_budget, output.getvalue()) == ["找不到工作表“明细”"]


def test_it_refuses_to_change_a_submitted_budget(reference_budget):
    content = lines_workbook(budget=reference_budget)
    m.Budget.objects.filter(pk=reference_budget.pk).update(status=m.Budget.Status.SUBMITTED)
    assert refused(reference_budget, content) == ["预算状态为“已报送”，不能修改明细"]

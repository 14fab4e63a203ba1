"""The standard tables' fixed column widths in the PDF (print.css): used when every amount of a
table is short enough for them, wide enough for the widest such amount, and not used otherwise."""
import re

from weasyprint.formatting_structure import boxes

from budget.document.pdf import laid_out, pdf_html
from budget.exchange.services import budget_import
from budget.tables.html import html_tables


def test_it_prints_the_reference_tables_with_fixed_columns(reference_budget):
    tables = html_tables(budget=reference_budget)
    assert [table.attrs["class"] for table in tables] == ["standard-table short-amounts"] * 11
    assert tables[2].columns_html == '<col class="code">' * 3 + '<col class="label">' + '<col class="amount">' * 3


def test_it_keeps_the_automatic_layout_for_a_table_with_an_amount_of_a_hundred_million(db, reference_data):
    """社会保障和就业支出's 191.25 万元 becomes 10,191.25: the totals of 表1–表6 reach 1亿元; 表7 (projects)
    and the empty 表8, 表9 and 表11 do not change, nor does 表10 (三公)."""
    line = next(line for line in reference_data["lines"] if line["amount"] == "191.25")
    line["amount"] = "10191.25"
    tables = html_tables(budget=budget_import(data=reference_data))
    assert [n for n, table in enumerate(tables, start=1) if "short-amounts" not in table.attrs["class"]] == [
        1, 2, 3, 4, 5, 6]


def overflowing_cells(document):
    """(page, text) of every text of a laid-out document that runs past the right edge of its table cell."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for cell in page._page_box.descendants():
            if isinstance(cell, boxes.TableCellBox):
                right = cell.content_box_x() + cell.width
                found += [(number, text.text) for text in cell.descendants()
                          if isinstance(text, boxes.TextBox) and text.position_x + text.width > right + 0.01]
    return found


def test_it_has_room_for_the_widest_short_amount_in_bold_in_every_column(reference_budget):
    """Every amount of 表1–表11 made "8,888.88" (digits are all as wide), every row bold like a total;
    the document up to the end of 第二部分."""
    html = pdf_html(reference_budget)
    start, end = html.index('<section id="part-2"'), html.index('<section id="part-3"')
    tables = re.sub(r'<td class="amount">[^<]*</td>', '<td class="amount">8,888.88</td>', html[start:end])
    tables = re.sub(r'<tr class="\w+">', '<tr class="total">', tables)
    assert tables.count('class="standard-table short-amounts"') == 11
    assert tables.count("8,888.88") == 548  # the amount cells of the eleven tables
    assert overflowing_cells(laid_out(html[:start] + tables + "</article></body></html>")) == []


def tables_past_the_margin(document):
    """(page, overhang in px) of every table of a laid-out document wider than its page's content area."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        right = page._page_box.content_box_x() + page._page_box.width
        found += [(number, round(table.border_box_x() + table.border_width() - right, 1))
                  for table in page._page_box.descendants() if isinstance(table, boxes.TableBox)
                  and table.border_box_x() + table.border_width() > right + 0.01]
    return found


def test_it_keeps_every_table_and_cell_of_the_reference_document_within_bounds(reference_budget):
    """Including the performance-target pages: nine indicator columns and values like "<=65509.84元"."""
    document = laid_out(pdf_html(reference_budget))
    assert tables_past_the_margin(document) == []
    assert overflowing_cells(document) == []

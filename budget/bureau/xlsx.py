"""The bureau's XLSX exports (consolidated view, progress board): plain sheets of a header row,
rows and a closing total row, with amounts as numbers in 万元 as the pages show them."""
import io
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from budget.tables.exports import AMOUNT_FORMAT, FORMULA_STARTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def workbook(sheets):
    """XLSX bytes of `sheets`: [(title, header, rows, total row or None)]; a Decimal cell is an
    amount, a text starting like a formula stays text (names come from users)."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows, total in sheets:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = BOLD
        for row in rows + ([total] if total else []):
            sheet.append([_value(value) for value in row])
            for cell in sheet[sheet.max_row]:
                _format(cell)
        if total:
            for cell in sheet[sheet.max_row]:
                cell.font = BOLD
        for column, label in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = max(12, 2 * len(str(label)) + 2)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _value(value):
    return "" if value is None else value


def _format(cell):
    if isinstance(cell.value, Decimal):
        cell.number_format = AMOUNT_FORMAT
    elif isinstance(cell.value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type, cell.quotePrefix = "s", True  # kept as text, never evaluated


def download(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

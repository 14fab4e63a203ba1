"""The standard tables as budget-tables/1 JSON and as an XLSX workbook (one sheet per table)."""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.worksheet.page import PageMargins
from openpyxl.utils import get_column_letter

from .templates import DEFAULT, TEMPLATES, template_tables

FORMAT = "budget-tables/1"
AMOUNT_FORMAT = "#,##0.00"
WHOLE_FORMAT = "#,##0"  # whole 元 (a Shanghai budget without fen)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
COLUMN_WIDTH = {"code": 6, "label": 30, "amount": 14}
# Named styles, one per column kind and weight: one assignment per cell instead of several,
# which makes a large budget's workbook several times faster to write. Codes stay text ("05").
KIND_STYLES = {"code": {"number_format": "@"}, "label": {}, "amount": {"number_format": AMOUNT_FORMAT}}
# A text starting so is a formula to a spreadsheet (CSV/formula injection); names come from users.
FORMULA_STARTS = ("=", "+", "-", "@")


def tables_document(*, budget, template=DEFAULT, unit=None, tables=None):
    """The budget's tables in `template` as a budget-tables/1 document (a dict ready for
    json.dumps); with `unit` (a BudgetUnit), that unit's 单位预算. `tables` are those tables
    when the caller has built them already.

    Revision 2 keys are written only where they say something: `template` when it is not the
    default, a table's `unit` when it is not the document's, `unit` for a 单位预算. A
    xinjiang-2024 department document stays what revision 1 wrote.
    """
    amount_unit = TEMPLATES[template].amount_unit
    document = {"format": FORMAT}
    if template != DEFAULT:
        document["template"] = template
    document.update(department=budget.department.name, year=budget.year, amount_unit=amount_unit)
    if unit is not None:
        document["unit"] = {"code": unit.code, "name": unit.name}
    document["tables"] = [
        table_entry(table, amount_unit)
        for table in tables or template_tables(budget=budget, template=template, unit=unit)
    ]
    return document


def table_entry(table, amount_unit):
    entry = {"number": table.number, "title": table.title}
    if table.unit != amount_unit:
        entry["unit"] = table.unit
    entry.update(
        kinds=table.kinds,
        header=table.header_grid(),
        rows=table.display_rows(),
        values=table.exact_rows(),  # revision 2: exact 元 beside the displayed amounts
        note=table.note,
    )
    return entry


def tables_workbook(*, budget, template=DEFAULT, unit=None, tables=None):
    """The template's tables (or `tables`, built already) as XLSX bytes: title rows, merged
    headers, amounts as numbers."""
    book = Workbook()
    book.remove(book.active)
    book.add_named_style(NamedStyle("header", font=BOLD, border=BOX, alignment=CENTER))
    for kind, attributes in KIND_STYLES.items():
        book.add_named_style(NamedStyle(kind, border=BOX, **attributes))
        book.add_named_style(NamedStyle(f"{kind} bold", border=BOX, font=BOLD, **attributes))
    for table in tables or template_tables(budget=budget, template=template, unit=unit):
        write_sheet(book.create_sheet(f"表{table.number}"), table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_sheet(sheet, table):
    width = len(table.kinds)
    sheet.append([f"表 {table.number}"])
    sheet.append([table.title])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet["A2"].font = Font(bold=True, size=14)
    sheet["A2"].alignment = CENTER
    sheet.append([f"编制部门：{table.department}"] + [None] * (width - 2) + [f"单位：{table.unit}"])
    top = sheet.max_row + 1
    for cells in table.header_grid():
        sheet.append(cells)
    for first_row, first_column, last_row, last_column in table.merges():
        sheet.merge_cells(start_row=top + first_row, start_column=first_column + 1,
                          end_row=top + last_row, end_column=last_column + 1)
    for row in sheet.iter_rows(min_row=top, max_row=sheet.max_row, max_col=width):
        for cell in row:
            cell.style = "header"
    for number, row in enumerate(table.rows, start=top + len(table.header)):
        sheet.append([table.spreadsheet_value(value) if kind == "amount" else value or None
                      for value, kind in zip(row.cells, table.kinds)])
        weight = "" if row.level == "item" else " bold"
        for column, kind in enumerate(table.kinds, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.style = kind + weight
            if kind == "amount" and table.places != 2:
                cell.number_format = WHOLE_FORMAT
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type, cell.quotePrefix = "s", True  # kept as text, never evaluated
    if table.note:
        sheet.append([f"{table.note_label}{table.note}"])
    for column, kind in enumerate(table.kinds, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTH[kind]
    sheet.freeze_panes = sheet.cell(row=top + len(table.header), column=1)
    set_up_printing(sheet, table, top)


def set_up_printing(sheet, table, header_top):
    """Print as the PDF does: A4, landscape for the wide tables, the table's full width on the
    page (so the title block stays with its columns), the header rows repeated on every page
    and page numbers in the footer. Without this a spreadsheet printed the eleven tables on 29
    pages, splitting titles and columns across pages."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if table.is_wide else sheet.ORIENTATION_PORTRAIT
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages tall as needed
    sheet.print_title_rows = f"{header_top}:{header_top + len(table.header) - 1}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.7, bottom=0.7, footer=0.3)
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.center.size = 9

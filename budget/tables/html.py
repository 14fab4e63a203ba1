"""The standard tables as HTML: each `StandardTable`'s columns, grouped header and body rows.

The cells are escaped here; the template (tables/standard_table.html) places the pieces.
"""
from html import escape

from django.utils.safestring import mark_safe

from .standard import standard_tables

# The longest amount ("9,999.99", under 1亿元) that print.css makes room for in every amount
# column of the standard tables: a table whose amounts are all this short is printed with its
# fixed column widths ("short-amounts"), any other one with the automatic layout, which
# measures every cell and so takes several times longer.
SHORT_AMOUNT = 8


def row_html(level, texts, kinds):
    """A body row (its level and printed cells) as HTML; the classes are our own row levels and
    column kinds, texts are escaped."""
    cells = "".join(f'<td class="{kind}">{escape(text)}</td>' for kind, text in zip(kinds, texts))
    return f'<tr class="{level}">{cells}</tr>'


def head_html(header):
    """The grouped header's rows as HTML; spans are numbers, texts are escaped."""
    rows = []
    for cells in header:
        ths = "".join(
            f'<th scope="{"colgroup" if cell.colspan > 1 else "col"}"'
            + (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            + (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
            + f">{escape(cell.text)}</th>"
            for cell in cells
        )
        rows.append(f"\n<tr>{ths}</tr>\n")
    return "".join(rows)


class HtmlTable:
    """A standard table as the template writes it: `standard` gives its title and note, the rest
    is HTML built here, because per-cell rendering (a template loop or format_html) costs too much
    for the thousands of cells of a large budget."""

    def __init__(self, standard):
        self.standard = standard
        rows = standard.display_rows()
        amounts = [n for n, kind in enumerate(standard.kinds) if kind == "amount"]
        short = all(len(cells[n]) <= SHORT_AMOUNT for cells in rows for n in amounts)
        self.attrs = {"class": "standard-table short-amounts" if short else "standard-table"}
        self.columns_html = mark_safe("".join(f'<col class="{kind}">' for kind in standard.kinds))
        self.head_html = mark_safe(head_html(standard.header))
        self.body_html = mark_safe("\n".join(
            row_html(row.level, texts, standard.kinds) for row, texts in zip(standard.rows, rows)))


def html_tables(*, budget, tables=None):
    """The budget's xinjiang-2024 tables (or its `tables` of any template, built already), ready
    for standard_tables.html."""
    return [HtmlTable(table) for table in tables or standard_tables(budget=budget)]

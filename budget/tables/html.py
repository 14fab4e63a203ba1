"""django-tables2 classes for the standard tables, one per table.

Each class takes a `StandardTable` and shows its display strings; its columns must have the
table's kinds, in order. The template overrides `table.thead` for the grouped multi-row
header of the `StandardTable`, and `table.tbody` for its pre-rendered body.
"""
from html import escape

import django_tables2 as tables
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import mark_safe

from .standard import standard_tables


class GridColumn(tables.Column):
    """A column that shows its cell as given: blank stays blank."""

    kind = "label"

    def __init__(self, **kwargs):
        super().__init__(empty_values=(), orderable=False, attrs={"td": {"class": self.kind}}, **kwargs)


class CodeColumn(GridColumn):
    kind = "code"


class LabelColumn(GridColumn):
    kind = "label"


class AmountColumn(GridColumn):
    kind = "amount"


# The longest amount ("9,999.99", under 1亿元) that print.css makes room for in every amount
# column of the standard tables: a table whose amounts are all this short is printed with its
# fixed column widths ("short-amounts"), any other one with the automatic layout, which
# measures every cell and so takes several times longer.
SHORT_AMOUNT = 8


def row_html(row, kinds):
    """A body row as HTML; the classes are our own row levels and column kinds, texts are escaped."""
    cells = "".join(f'<td class="{kind}">{escape(text)}</td>' for kind, text in zip(kinds, row.display()))
    return f'<tr class="{row.level}">{cells}</tr>'


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


class BudgetTable(tables.Table):
    """A standard table; `table.standard` gives the template its title and header.

    The records are the display rows keyed by column name. The template writes the header and
    the body from `head_html` and `body_html`, because per-cell rendering (django-tables2's, a
    template loop or format_html) costs too much for the thousands of cells of a large budget.
    """

    def __init__(self, standard, extra_columns=()):
        self.standard = standard
        columns = list(self.base_columns.items()) + list(extra_columns)
        kinds = [column.kind for _, column in columns]
        if kinds != standard.kinds:
            raise ImproperlyConfigured(f"{type(self).__name__} does not have the columns of 表{standard.number}")
        names = [name for name, _ in columns]
        data = [dict(zip(names, row.display())) for row in standard.rows]
        amounts = [name for name, kind in zip(names, kinds) if kind == "amount"]
        short = all(len(record[name]) <= SHORT_AMOUNT for record in data for name in amounts)
        # Options go to the constructor because a Meta class is not inherited by subclasses.
        super().__init__(
            data, extra_columns=extra_columns, template_name="tables/standard_table.html", orderable=False,
            empty_text=None, attrs={"class": "standard-table short-amounts" if short else "standard-table"},
        )
        self.columns_html = mark_safe("".join(f'<col class="{kind}">' for kind in kinds))
        self.head_html = mark_safe(head_html(standard.header))
        self.body_html = mark_safe("\n".join(row_html(row, kinds) for row in standard.rows))


class FunctionalTable(BudgetTable):
    """类/款/项 codes and the functional subject's name (表2, 表3, 表5, 表8, 表9 start so)."""

    class_code = CodeColumn()
    section_code = CodeColumn()
    item_code = CodeColumn()
    name = LabelColumn()


class Table1(BudgetTable):
    income = LabelColumn()
    income_amount = AmountColumn()
    function = LabelColumn()
    amount = AmountColumn()


class Table2(FunctionalTable):
    total = AmountColumn()
    fiscal = AmountColumn()
    general_budget = AmountColumn()
    general_transfer = AmountColumn()
    fund_budget = AmountColumn()
    fund_transfer = AmountColumn()
    state_capital_budget = AmountColumn()
    state_capital_transfer = AmountColumn()
    special_account = AmountColumn()
    unit_funds = AmountColumn()
    carryover = AmountColumn()
    balance = AmountColumn()


class Table3(FunctionalTable):
    total = AmountColumn()
    basic = AmountColumn()
    project = AmountColumn()


class Table4(BudgetTable):
    income = LabelColumn()
    income_amount = AmountColumn()
    function = LabelColumn()
    total = AmountColumn()
    general = AmountColumn()
    fund = AmountColumn()
    state_capital = AmountColumn()


class Table5(Table3):
    pass


class Table6(BudgetTable):
    class_code = CodeColumn()
    section_code = CodeColumn()
    name = LabelColumn()
    total = AmountColumn()
    personnel = AmountColumn()
    public = AmountColumn()


class Table7(FunctionalTable):
    """One amount column per economic class of the edition, added when the table is built."""

    project = LabelColumn()
    total = AmountColumn()

    def __init__(self, standard):
        classes = len(standard.kinds) - len(self.base_columns)
        super().__init__(standard, extra_columns=[(f"class_{i}", AmountColumn()) for i in range(classes)])


class Table8(FunctionalTable):
    total = AmountColumn()
    personnel = AmountColumn()
    public = AmountColumn()
    project = AmountColumn()


class Table9(Table8):
    pass


class Table10(BudgetTable):
    item = LabelColumn()
    total = AmountColumn()
    general = AmountColumn()
    fund = AmountColumn()
    state_capital = AmountColumn()


class Table11(BudgetTable):
    name = LabelColumn()
    total = AmountColumn()
    fiscal = AmountColumn()
    fiscal_personnel = AmountColumn()
    fiscal_public = AmountColumn()
    fiscal_project = AmountColumn()
    nonfiscal = AmountColumn()
    nonfiscal_personnel = AmountColumn()
    nonfiscal_public = AmountColumn()
    nonfiscal_project = AmountColumn()


TABLE_CLASSES = {
    1: Table1, 2: Table2, 3: Table3, 4: Table4, 5: Table5, 6: Table6,
    7: Table7, 8: Table8, 9: Table9, 10: Table10, 11: Table11,
}


def html_tables(*, budget, tables=None):
    """The eleven tables of the budget (or its `tables` already built) as django-tables2 tables."""
    return [TABLE_CLASSES[table.number](table) for table in tables or standard_tables(budget=budget)]

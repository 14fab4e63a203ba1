"""The parts a publication template is declared with (templates.py holds the templates)."""
from dataclasses import dataclass

from .standard import Context

DEFAULT = "xinjiang-2024"
EVERY_CLASS, NON_ZERO = "every class", "non-zero"
BLANK = ""  # a zero amount prints as an empty cell
FEN = None  # places: two decimals when any amount of the budget has fen, whole 元 otherwise


@dataclass(frozen=True)
class Column:
    """An amount column: its header and the lines it adds up: a sums.Column, metric keys, or the
    parts ("personnel", "public") of an economic table's basic lines."""

    header: str
    lines: object = None


@dataclass(frozen=True)
class TableDeclaration:
    number: int
    title: str  # without the "{year}年部门" prefix of templates that number their titles so
    build: object  # (context, declaration) -> StandardTable
    columns: tuple = ()
    header: tuple = ()  # rows of grid.HeaderCell; empty: one row of the label and column headers
    rows: str = NON_ZERO
    unit: str = "万元"
    places: object = 2
    zero: str = BLANK  # or "0.00": the zero is printed
    empty_note: str | None = None  # the note of a table whose scope has no lines
    scope: tuple = ()  # fund sources the table is computed over; empty: every line
    income: tuple = ()  # two-sided tables: (label, fund sources) of the income rows
    income_total: tuple = ()  # their 收入总计: these fund sources


@dataclass
class TemplateContext(Context):
    """What a template's tables are built from: the budget's (or one unit's) lines and sums,
    the template, the unit of a 单位预算 (None for the department) and whether any amount has fen."""

    template: object = None
    unit: object = None
    fen: bool = False

    def table(self, *args, **kwargs):
        """A xinjiang-2024 table; a 单位预算's is compiled by (编制部门) the unit."""
        made = super().table(*args, **kwargs)
        if self.unit is not None:
            made.department = self.unit.name
        return made

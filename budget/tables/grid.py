"""The shape of a standard table: title block, grouped header, body rows and note.

HTML, budget-tables/1 JSON and XLSX all render these objects, so every figure is computed
once. Amounts are held in 万元, rounded once from the exact 元 sums; a zero amount is None
because the published document leaves it blank.
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from budget.figures.money import to_wan as rounded
from budget.figures.sums import yuan_of


class Wan(Decimal):
    """万元 with two decimals as displayed, remembering the exact 元 it was rounded from
    (budget-tables/1 revision 2 publishes both)."""

    __slots__ = ("_yuan", "fen")

    def __new__(cls, yuan):
        wan = super().__new__(cls, rounded(yuan))
        wan._yuan, wan.fen = yuan, None
        return wan

    @classmethod
    def of_fen(cls, fen):
        """From exact integer fen, rounded half up (away from zero) to 0.01 万元 (10,000 fen)."""
        cents = (abs(fen) + 5000) // 10000
        wan = super().__new__(cls, f"{'-' if fen < 0 else ''}{cents}E-2")
        wan._yuan, wan.fen = None, fen
        return wan

    @property
    def yuan(self):
        if self._yuan is None:
            self._yuan = yuan_of(self.fen)  # only when asked: most cells are only displayed
        return self._yuan

    def __reduce__(self):
        return type(self), (self.yuan,)

    def __deepcopy__(self, memo):
        return self


class Yuan(Decimal):
    """元 rounded to `places` decimals as displayed (the Shanghai tables print whole 元 when no
    amount has fen), remembering the exact 元 like Wan."""

    __slots__ = ("yuan", "places")

    def __new__(cls, yuan, places=2):
        shown = super().__new__(cls, yuan.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        shown.yuan, shown.places = yuan, places
        return shown

    def __reduce__(self):
        return type(self), (self.yuan, self.places)

    def __deepcopy__(self, memo):
        return self


def to_wan(yuan):
    """An exact amount in 元 as 万元 with two decimals (half up), or None when it is zero."""
    if not yuan:
        return None
    return Wan(yuan)


def fen_to_wan(fen):
    """As to_wan, from exact integer fen."""
    return Wan.of_fen(fen) if fen else None


def exact(value, kind):
    """A cell of the `values` grid: an amount's exact 元 ("0.00" when blank), None for other cells."""
    if kind != "amount":
        return None
    if value is None:
        return "0.00"
    if not isinstance(value, (Wan, Yuan)):
        raise TypeError(f"amount cell {value!r} was not rounded by to_wan: its exact 元 are unknown")
    return f"{value.yuan:.2f}"


def display(value):
    """A cell as printed: amounts with thousands separators, blanks for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.{getattr(value, 'places', 2)}f}"
    return value


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Row:
    """Body cells (str for codes and labels, Decimal 万元 or None for amounts) and a style."""

    cells: list
    level: str = "item"  # "class", "section", "item" or "total"

    def display(self):
        return [display(value) for value in self.cells]


# A table of this many columns or more is printed on a landscape page.
WIDE_COLUMNS = 10


@dataclass
class StandardTable:
    number: int
    title: str
    department: str
    kinds: list
    header: list  # rows of HeaderCell, spans as in HTML
    rows: list = field(default_factory=list)
    note: str | None = None
    unit: str = "万元"  # what the amounts are in, printed above the table
    places: int = 2  # decimals of the amounts
    note_label: str = "备注："  # printed before the note

    @property
    def is_wide(self):
        """Printed on a landscape page (表2, 表7, 表11; print.css names the same tables)."""
        return len(self.kinds) >= WIDE_COLUMNS

    def placed_header(self):
        """Yield (row, column, cell) for each header cell, placing it as HTML does."""
        taken = set()
        for r, cells in enumerate(self.header):
            c = 0
            for cell in cells:
                while (r, c) in taken:
                    c += 1
                taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
                yield r, c, cell
                c += cell.colspan

    def header_grid(self):
        """The header as a full grid of strings: a spanned cell's text sits top left, "" elsewhere."""
        grid = [[""] * len(self.kinds) for _ in self.header]
        for r, c, cell in self.placed_header():
            grid[r][c] = cell.text
        return grid

    def merges(self):
        """(first row, first column, last row, last column) of every spanned header cell, 0-based."""
        return [
            (r, c, r + cell.rowspan - 1, c + cell.colspan - 1)
            for r, c, cell in self.placed_header()
            if cell.rowspan > 1 or cell.colspan > 1
        ]

    def display_rows(self):
        return [row.display() for row in self.rows]

    def exact_rows(self):
        """The `values` grid, parallel to display_rows()."""
        return [[exact(value, kind) for value, kind in zip(row.cells, self.kinds)] for row in self.rows]

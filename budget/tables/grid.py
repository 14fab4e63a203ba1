"""The shape of a standard table: title block, grouped header, body rows and note.

HTML, budget-tables/1 JSON and XLSX all render these objects, so every figure is computed
once. Amounts are held as their exact sums in integer fen and rounded once, when printed, to
the table's unit (万元 with two decimals, or 元); a zero prints as the table says (blank in the
published documents, "0.00" in some), and None is a blank cell.

Amounts are printed from integers: making and formatting a Decimal per cell was most of the
tables' time.
"""
from dataclasses import dataclass, field
from decimal import Decimal

FEN_PER_STEP = {("万元", 2): 10_000, ("元", 2): 1, ("元", 0): 100}  # fen per last printed digit
CENTS = [f"{n:02d}" for n in range(100)]  # the texts of two decimals


def printer(unit="万元", places=2):
    """The function printing exact fen in `unit` with `places` decimals, rounded half up (away
    from zero), thousands separated: printer("万元", 2)(2448620000) == '2,448.62'. Made once per
    table, so that printing a cell is a little integer arithmetic."""
    step = FEN_PER_STEP[unit, places]
    half = step // 2

    def printed(fen):
        if fen < 0:
            return "-" + printed(-fen)
        shown = (fen + half) // step
        if not places:
            return f"{shown:,}" if shown >= 1000 else str(shown)
        whole = shown // 100
        return f"{whole:,}.{CENTS[shown % 100]}" if whole >= 1000 else f"{whole}.{CENTS[shown % 100]}"

    return printed


def exact_yuan(fen):
    """Exact fen as 元 with two decimals: 2448620000 → '24486200.00' (revision 2's `values`)."""
    if fen < 0:
        return "-" + exact_yuan(-fen)
    return f"{fen // 100}.{CENTS[fen % 100]}"


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Row:
    """Body cells (str for codes and labels; for amounts, exact integer fen or None for a blank
    cell) and a style."""

    cells: list
    level: str = "item"  # "class", "section", "item" or "total"


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
    zero: str = ""  # how a zero amount prints: blank, as the published documents do, or "0.00"

    def __post_init__(self):
        if (self.unit, self.places) not in FEN_PER_STEP:
            raise ValueError(f"amounts are printed in 万元 with 2 decimals or in 元 with 2 or 0, not {self.unit} with {self.places}")

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
        """The body as printed: texts as they are, amounts rounded, blanks ""."""
        printed, zero = printer(self.unit, self.places), self.zero
        # One pass over every cell of the table, without a call for a label or a blank.
        return [
            [cell if cell.__class__ is str else printed(cell) if cell else "" if cell is None else zero
             for cell in row.cells]
            for row in self.rows
        ]

    def exact_rows(self):
        """The `values` grid, parallel to display_rows(): an amount's exact 元 ("0.00" when blank),
        None for other cells."""
        amounts = [kind == "amount" for kind in self.kinds]
        return [
            [(exact_yuan(cell) if cell else "0.00") if amount else None for cell, amount in zip(row.cells, amounts)]
            for row in self.rows
        ]

    def spreadsheet_value(self, fen):
        """An amount as printed, as a number (for a spreadsheet cell); None when it prints blank."""
        if fen is None or not (fen or self.zero):
            return None
        return Decimal(printer(self.unit, self.places)(fen).replace(",", ""))

"""Publication templates: which tables a finance bureau prescribes, in what unit, with what rows.

A template is a declaration: its id (the exchange file's `template`), the unit its document
states, and its tables in order. Each table declares its number, title, columns with their
headers, the rows it lists (every 类 of the edition or only the non-zero subjects), its unit and
precision, how a zero prints and the note under an empty table; a builder turns a declaration
into a StandardTable from the budget's lines. The xinjiang-2024 tables keep their builders of
standard.py (their layouts are the 2024 reference document's); shanghai-2026 is declared here
and built by the generic builders of shanghai.py.
"""
from dataclasses import dataclass, field

from django.db.models.functions import Floor

from budget.budgets.models import Line
from budget.budgets.sources import Source
from budget.figures.sums import LineFacts

from . import shanghai, standard
from .declaration import DEFAULT, FEN, TableDeclaration, TemplateContext
from .sums import Classification


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    amount_unit: str  # the document's unit; a table in another unit says so
    tables: tuple = field(default_factory=tuple)
    title_prefix: str = ""  # "部门": titles read "{year}年部门…" ("单位" for a 单位预算)
    note_label: str = "备注："
    sources: tuple = tuple(Source)  # the fund sources its tables have a place for

    def unshown_sources(self):
        """Fund sources no table of the template shows: a line of one cannot be published in it."""
        return tuple(source for source in Source if source not in self.sources)

    def title(self, declaration, year, unit=None):
        if not self.title_prefix:
            return declaration.title
        return f"{year}年{'单位' if unit else self.title_prefix}{declaration.title}"


def legacy(number, builder):
    """A xinjiang-2024 table: its title, columns and rows are laid out by its builder in
    standard.py as the 2024 reference document prints them (all in 万元, zeros blank)."""
    return TableDeclaration(number, "", lambda context, declaration: builder(context))


XINJIANG = Template("xinjiang-2024", "新疆 2024 版", "万元",
                    tuple(legacy(number, build) for number, build in enumerate(standard.BUILDERS, start=1)))
SHANGHAI = Template("shanghai-2026", "上海 2026 版", "元", shanghai.TABLES, title_prefix="部门", note_label="",
                    sources=shanghai.INCOME_SOURCES)
TEMPLATES = {template.id: template for template in (XINJIANG, SHANGHAI)}


def has_fen(lines):
    """Whether any line has fen: Shanghai prints whole 元 unless one does."""
    return lines.exclude(amount=Floor("amount")).exists()


def template_tables(*, budget, template=DEFAULT, unit=None):
    """The tables of `template` from the budget's lines, or from one unit's lines (单位预算)."""
    declared = TEMPLATES[template]
    lines = Line.objects.filter(budget=budget)
    if unit is not None:
        lines = lines.filter(unit=unit)
    fen = any(table.places is FEN for table in declared.tables) and has_fen(lines)
    codes = Classification.of(budget.edition_id)
    ctx = TemplateContext(budget, lines, codes, LineFacts(lines, codes), declared, unit, fen)
    return [table.build(ctx, table) for table in declared.tables]

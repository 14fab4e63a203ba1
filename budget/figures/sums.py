"""Sums of lines grouped in the database: by any fields (`sums_by`), by 项 × source × part
(`ItemFacts`), by 类 (or 项) × source (`ClassSums`); and the 类' names.

Lines are summed with `Sum(filter=Q(…))` in one grouped query each, so the number of queries
never depends on the number of lines.

The document's section texts, the reviewer's queue and the consolidated view add the ClassSums
up further (by 类, by source group); the standard tables' columns add up the ItemFacts.
"""
from collections import defaultdict
from decimal import Decimal
from operator import itemgetter

from django.db.models import Sum
from django.db.models.functions import Substr

from budget.budgets import sources
from budget.codes.models import FunctionalSubject

from .catalogue import PERSONNEL, PROJECT, PUBLIC

ZERO = Decimal(0)
ALL = None  # a column without a filter sums every line
# The parts of spending that the tables' columns and 人员/公用经费 add up.
PARTS = {"personnel": PERSONNEL, "public": PUBLIC, "project": PROJECT}


def _annotations(columns):
    return {f"c{i}": Sum("amount", filter=q) for i, q in enumerate(columns)}


def sums_by(lines, group, columns):
    """{tuple of the group fields' values: [exact sum per column]} from one grouped query;
    a column is the Q of the lines it adds up (ALL: every line)."""
    rows = lines.values(*group).annotate(**_annotations(columns)).order_by()
    return {
        tuple(row[field] for field in group): [row[f"c{i}"] or ZERO for i in range(len(columns))]
        for row in rows
    }


class ItemFacts:
    """Exact sums of the lines per functional 项, fund source and part, from one grouped query.

    Held dense, in integer fen: for each 项 one list with a place per (source, part), so that a
    table's columns add up list places (`per_item_fen`) instead of looking up and adding Decimals.
    """

    KEYS = [(source, part) for source in sources.Source.values for part in PARTS]
    PLACE = {key: place for place, key in enumerate(KEYS)}

    def __init__(self, lines):
        self.fen = {}  # function id -> [fen per KEYS place]
        width, parts = len(self.KEYS), len(PARTS)
        for (function, source), values in sums_by(lines, ["function_id", "source"], list(PARTS.values())).items():
            vector = self.fen.setdefault(function, [0] * width)
            first = self.PLACE[source, next(iter(PARTS))]
            vector[first:first + parts] = [fen_of(value) for value in values]

    def per_item_fen(self, columns):
        """{function id: [fen per column]}; a column adds up its `keys`, (source, part) pairs."""
        pickers = [_picker([self.PLACE[key] for key in c.keys]) for c in columns]
        return {item: [pick(vector) for pick in pickers] for item, vector in self.fen.items()}

    def totals_fen(self, columns):
        sums = [0] * len(columns)
        for values in self.per_item_fen(columns).values():
            sums = [a + b for a, b in zip(sums, values)]
        return sums

    def per_item(self, columns):
        """{function id: [exact 元 per column]}, as per_item_fen in Decimal."""
        return {item: [yuan_of(fen) for fen in values] for item, values in self.per_item_fen(columns).items()}

    def totals(self, columns):
        return [yuan_of(fen) for fen in self.totals_fen(columns)]


def _picker(places):
    """A function adding up these places of a dense list."""
    if not places:
        return lambda vector: 0
    if len(places) == 1:
        return itemgetter(places[0])
    get = itemgetter(*places)
    return lambda vector: sum(get(vector))


def fen_of(yuan):
    """Exact 元 (Decimal with at most two decimals, as lines hold them) as integer fen."""
    fen = int(scaled := yuan.scaleb(2))
    if fen != scaled:
        raise ValueError(f"{yuan} 元 is not a whole number of fen")
    return fen


def yuan_of(fen):
    """Integer fen as exact 元 with two decimals."""
    return Decimal(fen).scaleb(-2)


class ClassSums(dict):
    """{(functional code, fund source): Decimal 元} of some lines; the codes are their 类 (3 digits)
    or, from `class_sums(lines, 7)`, their 项."""

    def by_class(self, sources=None):
        """{类 code: amount} of the lines of these sources (every source when None), in code order."""
        totals = defaultdict(int)
        for (code, source), amount in self.items():
            if sources is None or source in sources:
                totals[code[:3]] += amount
        return dict(sorted(totals.items()))

    def of_sources(self, sources):
        return sum((amount for (_, source), amount in self.items() if source in sources), 0)

    def under(self, code, sources=None):
        """The lines (of these sources) under a 类, 款 or 项 code."""
        return sum((amount for (item, source), amount in self.items()
                    if item.startswith(code) and (sources is None or source in sources)), 0)


def class_sums(lines, length=3):
    """The ClassSums of `lines` by the first `length` digits of their 项, from one grouped query."""
    rows = (
        lines.annotate(prefix=Substr("function__code", 1, length)).values("prefix", "source")
        .annotate(total=Sum("amount")).order_by()
    )
    return ClassSums({(row["prefix"], row["source"]): row["total"] for row in rows})


def class_sums_by_budget(lines, length=3):
    """{budget id: ClassSums} of `lines` by the first `length` digits of their 项, from one grouped query."""
    rows = (
        lines.annotate(prefix=Substr("function__code", 1, length)).values("budget_id", "prefix", "source")
        .annotate(total=Sum("amount")).order_by()
    )
    sums = defaultdict(ClassSums)
    for row in rows:
        sums[row["budget_id"]][row["prefix"], row["source"]] = row["total"]
    return sums


def class_names(codes, editions):
    """{code: name} of the 类 `codes` in the classification `editions` (the newest edition's name wins)."""
    subjects = FunctionalSubject.objects.filter(level=1, code__in=list(codes), edition__in=editions)
    return dict(subjects.order_by("edition__year").values_list("code", "name"))


def class_label(code, names):
    """'211 节能环保支出', or the code alone when the edition does not name it."""
    return f"{code} {names.get(code, '')}".strip()

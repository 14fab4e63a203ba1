"""The tables' columns over the grouped sums of budget.figures.sums, and the 类/款 subtotals.

The tables organised by functional subject share one query: exact sums per 项, fund source
and part (人员经费, 公用经费, 项目支出, `LineFacts.items`), which their columns add up. Subtotals
and totals add exact integer fen; rounding to 万元 (or 元) happens once, afterwards.
"""
import functools
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q

from budget.budgets.sources import PERSONNEL_CLASSES
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.figures.catalogue import THREE_PUBLIC_CODES
from budget.figures.sums import PARTS, fetched


def source_in(*values):
    return Q(source__in=values)


@dataclass(frozen=True)
class Column:
    """A column of a functional table: the lines of some fund sources, some parts of spending."""

    keys: tuple  # (source, part) pairs that the column adds up


def column(fund_sources, *parts):
    """The column of these fund sources and parts (all three parts when none are named)."""
    return Column(tuple((source, part) for source in fund_sources for part in parts or PARTS))


def add(a, b):
    return list(b) if a is None else list(map(operator.add, a, b))


def total(values_list, width):
    """Column sums of the value lists (integer fen)."""
    return reduce(add, values_list, [0] * width)


def column_sums(value_lists):
    """The column sums of some value lists (integer fen); one list is its own sum."""
    return value_lists[0] if len(value_lists) == 1 else [sum(column) for column in zip(*value_lists)]


def with_subtotals(leaves, prefixes, width):
    """(rows, grand total): rows are (depth, code, leaf, values), each 类 (and 款) subtotal before
    its first leaf; the grand total is the column sums of every leaf.

    `leaves` are (code, leaf, values) in code order, several leaves may share a code; `prefixes`
    the code lengths of the levels above a leaf, e.g. (3, 5) for functional 类 and 款. Depth 0
    is the top level. Each level adds up the one below it: a code's leaves (表7's projects),
    then the codes of each 款, the 款 of each 类, the 类.
    """
    level = {}
    for code, _, values in leaves:
        level.setdefault(code, []).append(values)
    level = {code: column_sums(value_lists) for code, value_lists in level.items()}
    subtotals = {}
    for length in sorted(prefixes, reverse=True) + [0]:
        groups = {}
        for code, values in level.items():
            groups.setdefault(code[:length], []).append(values)
        level = {prefix: column_sums(value_lists) for prefix, value_lists in groups.items()}
        subtotals.update(level)
    rows, shown, previous = [], set(), None
    for code, leaf, values in leaves:
        if code != previous:  # the first of a code's leaves: the subtotals above it not shown yet
            previous = code
            for depth, length in enumerate(prefixes):
                if code[:length] not in shown:
                    shown.add(code[:length])
                    rows.append((depth, code[:length], None, subtotals[code[:length]]))
        rows.append((len(prefixes), code, leaf, values))
    return rows, subtotals.get("", [0] * width)


@functools.cache
def split_code(code, lengths):
    """A code as separate cells per level, e.g. "2080505" → ("208", "05", "05"), "208" → ("208", "", "")."""
    cells, start = [], 0
    for end in lengths:
        cells.append(code[start:end] if len(code) >= end else "")
        start = end
    return tuple(cells)


@dataclass
class Classification:
    """The codes and names of a budget's classification edition, keyed by id and by code."""

    functional: dict  # id -> code
    economic: dict  # id -> code
    names: dict  # functional code -> name
    economic_names: dict  # economic code -> name
    classes: list  # functional 类 codes, in order
    economic_classes: list  # economic 类 codes, in order
    personnel: frozenset  # ids of the economic 款 of 人员经费
    three_public: frozenset  # ids of the economic 款 of the 三公 figures

    @classmethod
    def of(cls, edition_id):
        functional = fetched(FunctionalSubject.objects.filter(edition_id=edition_id).values_list("id", "code", "name"))
        economic = fetched(EconomicSubject.objects.filter(edition_id=edition_id).values_list("id", "code", "name"))
        return cls(
            functional={pk: code for pk, code, _ in functional},
            economic={pk: code for pk, code, _ in economic},
            names={code: name for _, code, name in functional},
            economic_names={code: name for _, code, name in economic},
            classes=sorted(code for _, code, _ in functional if len(code) == 3),
            economic_classes=sorted(code for _, code, _ in economic if len(code) == 3),
            personnel=frozenset(pk for pk, code, _ in economic if code[:3] in PERSONNEL_CLASSES),
            three_public=frozenset(pk for pk, code, _ in economic if code in THREE_PUBLIC_CODES),
        )

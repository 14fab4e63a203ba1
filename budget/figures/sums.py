"""Sums of lines by functional 类 (or 项) and fund source, from one grouped query, and the 类' names.

The document's section texts, the reviewer's queue and the consolidated view all add these
up further (by 类, by source group); the standard tables sum per 项 (budget.tables.sums).
"""
from collections import defaultdict

from django.db.models import Sum
from django.db.models.functions import Substr

from budget.codes.models import FunctionalSubject

CLASS = Substr("function__code", 1, 3)


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


def class_sums_by_budget(lines):
    """{budget id: ClassSums} of `lines`, from one grouped query."""
    rows = (
        lines.annotate(prefix=CLASS).values("budget_id", "prefix", "source").annotate(total=Sum("amount")).order_by()
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

"""What changed between two exchange documents of one budget (docs/exchange-format.md): the
lines added, removed and changed, every other changed value (texts, 上年数, projects, …), and
the totals before and after by kind, fund source and 类.

One function serves both comparisons of the submission page: against the previous submission
(`Submission.document`) and against the published version (its stored exchange file). Lines are
compared in exact 元 whatever unit each file uses; other values as written, so both documents
should be in the same unit (`budget_export(amount_unit=…)`).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from budget.budgets.models import Line
from budget.budgets.sources import Source
from budget.figures.catalogue import METRICS
from budget.figures.money import UNIT_FACTOR

LINE_KEY = ("unit", "function", "economic", "source", "kind", "project")
# Not the budget's content: the file's own bookkeeping.
IGNORED = {"format", "amount_unit", "published_on", "lines"}
SECTION_LABELS = {
    "department": "部门", "overview": "部门概况", "projects": "项目", "procurement": "政府采购",
    "assets": "国有资产", "performance": "绩效目标", "comparison": "上年预算数", "narrative": "情况说明",
}
NARRATIVE_LABELS = {"reasons": "增减原因", "usage": "主要用于", "other_matters": "其他需说明的事项"}


@dataclass
class LineChange:
    key: tuple  # LINE_KEY values
    old: object  # Decimal 元, None when added
    new: object  # Decimal 元, None when removed

    @property
    def change(self):
        return (self.new or 0) - (self.old or 0)

    @property
    def label(self):
        unit, function, economic, source, kind, project = self.key
        parts = [unit, function, economic, Source(source).label if source in Source.values else source,
                 dict(Line.Kind.choices).get(kind, kind)]
        return " · ".join(parts + ([project] if project else []))


@dataclass
class Total:
    label: str
    old: Decimal
    new: Decimal

    @property
    def change(self):
        return self.new - self.old


@dataclass
class Diff:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    texts: list = field(default_factory=list)  # [(label, old, new)]
    totals: dict = field(default_factory=dict)  # {"按支出类型": [Total], …}

    @property
    def count(self):
        """How many differences: lines added, removed, changed, and other values changed."""
        return len(self.added) + len(self.removed) + len(self.changed) + len(self.texts)


def lines_of(doc):
    """{line key: Decimal 元} of an exchange document."""
    factor = UNIT_FACTOR[doc.get("amount_unit", "yuan")]
    return {tuple(line.get(k) for k in LINE_KEY): Decimal(line["amount"]) * factor for line in doc.get("lines", [])}


def diff(old, new):
    """The Diff from exchange document `old` to `new` (dicts)."""
    before, after = lines_of(old), lines_of(new)
    result = Diff(
        added=[LineChange(k, None, after[k]) for k in sorted(after.keys() - before.keys(), key=sort_key)],
        removed=[LineChange(k, before[k], None) for k in sorted(before.keys() - after.keys(), key=sort_key)],
        changed=[LineChange(k, before[k], after[k]) for k in sorted(before.keys() & after.keys(), key=sort_key)
                 if before[k] != after[k]],
        totals=totals(before, after),
    )
    flat_old, flat_new = flatten(old), flatten(new)
    for path in sorted(flat_old.keys() | flat_new.keys()):
        if flat_old.get(path) != flat_new.get(path):
            result.texts.append((path_label(path), flat_old.get(path), flat_new.get(path)))
    return result


def sort_key(key):
    return tuple("" if part is None else str(part) for part in key)


def totals(before, after):
    """{title: [Total]} by kind, fund source and 类, of the rows where either year has lines."""
    groupings = {
        "按支出类型": lambda key: dict(Line.Kind.choices).get(key[4], key[4]),
        "按资金来源": lambda key: Source(key[3]).label if key[3] in Source.values else key[3],
        "按功能分类（类）": lambda key: key[1][:3],
    }
    result = {}
    for title, group in groupings.items():
        old, new = defaultdict(Decimal), defaultdict(Decimal)
        for sums, lines in ((old, before), (new, after)):
            for key, amount in lines.items():
                sums[group(key)] += amount
        rows = [Total(label, old[label], new[label]) for label in sorted(old.keys() | new.keys())]
        result[title] = rows + [Total("合计", sum(old.values(), Decimal(0)), sum(new.values(), Decimal(0)))]
    return result


def flatten(doc):
    """{path tuple: value} of every value outside the lines; list items are named by their code
    (projects, units) when they have one, so that a reordering is no change."""
    flat = {}

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                name = item.get("code") if isinstance(item, dict) and item.get("code") else index + 1
                walk(item, path + (name,))
        else:
            flat[path] = value

    for key, value in doc.items():
        if key not in IGNORED:
            walk(value, (key,))
    return flat


def path_label(path):
    """'增减原因（一般公共预算收入）', '项目 P001 · goal', '上年预算数（基本支出）', …"""
    section, rest = path[0], path[1:]
    if section == "narrative" and rest:
        label = NARRATIVE_LABELS.get(rest[0], rest[0])
        key = rest[1] if len(rest) > 1 else None
        return f"{label}（{metric_label(key)}）" if key else label
    if section == "comparison" and rest:
        return f"上年预算数（{metric_label(rest[0])}）"
    return " · ".join([SECTION_LABELS.get(section, section), *map(str, rest)])


def metric_label(key):
    metric = METRICS.get(key)
    return metric.label if metric else key

"""Which keys of 上年预算数, 变动原因 and 主要用于 the document prints, found by writing it.

The narrative decides what it compares and explains as it is written (a 项 of the general
budget only when it has money, a reason only beside a comparison, a 主要用于 only at a 类, 款
or 项 with money); a separate list of those keys would drift from it. So the narrative is
written once more with mappings that note every key asked for. Entry offers these keys, and
validation names the stored ones that nothing prints.
"""
from dataclasses import dataclass

from budget.codes.models import FunctionalSubject
from budget.figures.catalogue import key_label

from .phrases import wan

USAGE = "function."


class Asked(dict):
    """A mapping that notes the keys looked up."""

    def __init__(self, items=()):
        super().__init__(items)
        self.asked = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)


class EveryPrior(Asked):
    """Prior figures as if every one were entered (and differed from this year's, so that a
    line written only beside a change or a figure is written), noting those asked: the
    comparisons the document writes once their 上年预算数 is there."""

    def __init__(self, now):
        super().__init__()
        self.now = now

    def __getitem__(self, key):
        self.asked.add(key)
        return self.now.get(key, 0) + 1

    get = __getitem__

    def of(self, metrics):
        return sum(self[metric] for metric in metrics)


@dataclass
class Printed:
    prior: set  # metrics the document compares with their 上年预算数, once entered
    reasons: set  # metrics whose 变动原因 it prints beside that comparison
    usage: set  # 主要用于 keys it prints among those entered
    usage_places: set  # 主要用于 keys it would print: the 类 it lists, their 款 and 项 with money
    now: dict  # this year's figures, by metric
    names: dict  # {functional code: name}


def printed_keys(budget, figures=None):
    """The keys the document prints, every prior figure assumed entered; once per budget
    object and revision (its page asks for the forms and the validation panel). `figures`:
    the budget's (metrics, PriorFigures) when the caller has them (see Facts)."""
    memo = getattr(budget, "_printed_keys", None)
    if memo is None or memo[0] != budget.revision:
        memo = budget._printed_keys = (budget.revision, write_noting(budget, figures))
    return memo[1]


def write_noting(budget, figures=None):
    """The chapters of the budget's template written with noting mappings."""
    from budget.budgets.publication import template_of

    from .facts import Facts
    from .layouts import LAYOUTS

    f = Facts(budget, figures=figures)
    f.prior, f.reasons, f.usage = EveryPrior(f.now), Asked(f.reasons), Asked(f.usage)
    for chapter in LAYOUTS[template_of(budget)].chapters:
        if chapter.write:
            chapter.write(f)
    classes = {key[len(USAGE):] for key in f.usage.asked if key.startswith(USAGE)}
    codes = set(budget.lines.values_list("function__code", flat=True))
    places = {f"{USAGE}{code[:n]}" for code in codes if code[:3] in classes for n in (3, 5, 7)}
    return Printed(prior=set(f.prior.asked), reasons=set(f.reasons.asked), usage=set(f.usage.asked),
                   usage_places=places, now=f.now, names=f.function_names)


def metric_label(metric, names):
    """'一般公共预算 2080505 机关事业单位基本养老保险缴费支出' or '“三公”经费'."""
    return key_label(metric, names)


def metric_choices(keys, p):
    """[(metric, '一般公共预算 2080505 机关事业…（本年 191.25 万元）')] in the order of their labels."""
    return sorted(((key, f"{metric_label(key, p.names)}（本年 {wan(p.now.get(key, 0))}）") for key in keys),
                  key=lambda choice: choice[0])


def usage_choices(keys, names):
    """[('function.208', '208 社会保障和就业支出')] by code."""
    return sorted((key, key_label(key, names)) for key in keys)

"""Start the budget of year + 1 from a budget: a draft in the newest classification edition.

What carries over from year to year is copied: the units, 主要职能, 机构设置, staffing, the
projects the accountant names as continuing (with their indicators and allocation items) and,
when asked, the lines as a starting point. What belongs to one year is not: procurement,
assets, vehicles, the 整体绩效目标, the texts of 第三部分 and the entered 上年预算数 (the new
year's come from this one, see budget.figures.metrics.PriorFigures).

The budget is exported as an exchange document, changed into next year's and imported: the
new one is checked and written exactly as an uploaded file would be, in one transaction.
Codes the new edition lacks are never dropped silently: the caller maps each to a code of the
new edition, or to SKIP (leave its lines out), or passes `leave_unmapped` (the command does,
and reports them).
"""
import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from budget.budgets.models import Budget
from budget.codes.lookup import CodeError, subject_id, subjects_by_code
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject
from budget.exchange.reader import ExchangeError
from budget.exchange.services import budget_export, budget_import
from budget.figures.money import UNIT_FACTOR, wan
from budget.orgs.models import Department

# The coded columns of a line, the subjects they name and at which level.
CODED = {"function": (FunctionalSubject, 3), "economic": (EconomicSubject, 2)}
SKIP = "skip"  # a mapping's target that leaves the lines of the code out, by the accountant's choice
STAFFING_CHANGES = ("serving_change", "retired_change", "retired_cadres_change")


class NextYearError(Exception):
    """The next year cannot be started; `messages` say why, each on its own."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("；".join(self.messages))


class NeedsMapping(NextYearError):
    """Lines name codes the new edition lacks and no mapping says what becomes of them."""

    def __init__(self, missing):
        self.missing = missing
        super().__init__([f"{code.label}：新版本中没有此科目，请选择对应的科目或不复制" for code in missing])


@dataclass(frozen=True)
class MissingCode:
    """A code of the lines that the new edition lacks, with what hangs on it."""

    column: str  # "function" or "economic"
    code: str
    name: str
    lines: int
    amount: Decimal  # 元

    @property
    def label(self):
        model = CODED[self.column][0]
        return f"{model._meta.verbose_name} {self.code} {self.name}（{self.lines} 条明细，合计 {wan(self.amount)}）"


@dataclass
class Outcome:
    """The new budget, what was copied into it ({what: how many}) and what was left out (texts)."""

    budget: Budget
    copied: dict
    left_out: list = field(default_factory=list)

    def summary(self):
        counted = "，".join(f"{what} {count} {COUNTERS[what]}" for what, count in self.copied.items())
        return f"已复制：{counted}；机构设置和人员情况"


COUNTERS = {"预算单位": "个", "主要职能": "条", "项目": "个", "绩效指标": "条", "明细": "条"}


def next_budget(budget):
    """The department's budget of the year after `budget`'s, when there is one."""
    return Budget.objects.filter(department_id=budget.department_id, year=budget.year + 1).first()


def refuse_existing(existing):
    if existing:
        raise NextYearError(f"{existing}已存在（{existing.get_status_display()}），未重复编制")


def newest_edition(year):
    """The newest classification edition a budget of `year` may use (none of a later year)."""
    return Edition.objects.filter(year__lte=year).order_by("-year").first()


def start_next_year(*, budget, continuing=(), with_lines=False, mapping=None, leave_unmapped=False):
    """Create the draft budget of budget.year + 1 from `budget`; returns an Outcome.

    `continuing`: codes of the projects to copy. `mapping`: {(column, old code): new code or
    SKIP}. Raises NeedsMapping when lines name codes the new edition lacks that `mapping` does
    not map (unless `leave_unmapped`), NextYearError for anything else that stops it.
    """
    year = budget.year + 1
    refuse_existing(next_budget(budget))
    edition = newest_edition(year)
    if edition is None:
        raise NextYearError(f"没有可用于 {year} 年的分类科目版本，请先载入分类科目")
    unknown = set(continuing) - set(budget.projects.values_list("code", flat=True))
    if unknown:
        raise NextYearError([f"项目 {code} 不是 {budget} 的项目" for code in sorted(unknown)])
    doc = budget_export(budget=budget)
    left_out = []
    lines = kept_lines(doc, set(continuing), with_lines, left_out)
    doc["lines"] = map_codes(lines, edition, mapping or {}, leave_unmapped, left_out, doc["amount_unit"])
    next_document(doc, year=year, edition=edition, continuing=set(continuing), left_out=left_out)
    new = create(budget, doc)
    copied = {
        "预算单位": len(doc["department"]["units"]), "主要职能": len(doc["overview"]["functions"]),
        "项目": len(doc["projects"]), "绩效指标": sum(len(p["indicators"]) for p in doc["projects"]),
        "明细": len(doc["lines"]),
    }
    return Outcome(new, copied, left_out)


def create(budget, doc):
    """Import `doc` as the department's new budget, refused when that year has one already."""
    year = doc["year"]
    with transaction.atomic():
        # Two people starting the same year: the second waits here, then finds the first's budget.
        Department.objects.select_for_update().filter(pk=budget.department_id).first()
        refuse_existing(next_budget(budget))
        try:
            return budget_import(data=doc, reason=f"由{budget}编制下一年度预算")
        except ExchangeError as error:
            raise NextYearError([f"无法编制 {year} 年预算：{fault}" for fault in error.faults])


def kept_lines(doc, continuing, with_lines, left_out):
    """The lines to copy: none without `with_lines`; else the basic ones and the continuing
    projects' (the others' are noted in `left_out`)."""
    if not with_lines:
        return []
    kept = [line for line in doc["lines"] if line["project"] is None or line["project"] in continuing]
    dropped = len(doc["lines"]) - len(kept)
    if dropped:
        left_out.append(f"未延续项目的明细 {dropped} 条未复制")
    return kept


def missing_codes(lines, edition, unit):
    """[MissingCode] of the codes of `lines` (exchange-document lines) that `edition` lacks."""
    found = []
    for column, (model, _) in CODED.items():
        known = subjects_by_code(model, edition.pk)
        counts, amounts = Counter(), Counter()
        for line in lines:
            if line[column] not in known:
                counts[line[column]] += 1
                amounts[line[column]] += Decimal(line["amount"]) * UNIT_FACTOR[unit]
        names = dict(model.objects.filter(code__in=list(counts)).order_by("edition__year").values_list("code", "name"))
        found += [MissingCode(column, code, names.get(code, ""), counts[code], amounts[code]) for code in sorted(counts)]
    return found


def map_codes(lines, edition, mapping, leave_unmapped, left_out, unit):
    """`lines` with the codes the edition lacks mapped (or left out), repeats merged."""
    missing = missing_codes(lines, edition, unit)
    unmapped = [code for code in missing if not (mapping.get((code.column, code.code)) or "").strip()]
    if unmapped and not leave_unmapped:
        raise NeedsMapping(unmapped)
    targets = checked_targets(missing, mapping, edition)
    result = []
    for line in lines:
        new = {column: targets.get((column, line[column]), line[column]) for column in CODED}
        if SKIP in new.values() or None in new.values():
            continue
        result.append({**line, **new})
    left_out += [f"{code.label}：{'按您的选择未复制' if targets.get((code.column, code.code)) == SKIP else '新版本中没有此科目，未复制'}"
                 for code in missing if targets.get((code.column, code.code)) in (SKIP, None)]
    return merged(result, left_out)


def checked_targets(missing, mapping, edition):
    """{(column, old code): new code, SKIP or None (unmapped)} for the missing codes, each new
    code checked against the edition at the line's level."""
    targets, faults = {}, []
    for code in missing:
        target = (mapping.get((code.column, code.code)) or "").strip() or None
        model, level = CODED[code.column]
        if target not in (None, SKIP):
            try:
                subject_id(target, subjects_by_code(model, edition.pk), model=model, level=level, edition_year=edition.year)
            except CodeError as error:
                faults.append(f"{model._meta.verbose_name} {code.code} 对应为 {target}：{error.message}")
        targets[code.column, code.code] = target
    if faults:
        raise NextYearError(faults)
    return targets


def merged(lines, left_out):
    """Lines that a mapping made one line (same unit, codes, source, kind, project) add up."""
    by_key = {}
    for line in lines:
        key = tuple(line[k] for k in ("unit", "function", "economic", "source", "kind", "project"))
        if key in by_key:
            by_key[key]["amount"] = str(Decimal(by_key[key]["amount"]) + Decimal(line["amount"]))
        else:
            by_key[key] = dict(line)
    if len(by_key) < len(lines):
        left_out.append(f"对应到同一科目的明细已合并：{len(lines)} 条合并为 {len(by_key)} 条")
    return list(by_key.values())


def next_document(doc, *, year, edition, continuing, left_out):
    """Change the exported `doc` (its lines already chosen) into the next year's draft."""
    doc.update(year=year, classification_edition=edition.year, published_on=None)
    doc.pop("comparison", None)  # the new year's 上年预算数 are this year's figures
    staffing = doc["overview"]["staffing"]
    staffing.update({key: 0 for key in STAFFING_CHANGES if staffing[key] is not None})
    totals = Counter()
    for line in doc["lines"]:
        if line["project"]:
            totals[line["project"]] += Decimal(line["amount"])
    doc["projects"] = [continued(p, year) for p in doc["projects"] if p["code"] in continuing]
    unmatched = [p for p in doc["projects"] if allocated(p) not in (None, totals[p["code"]])]
    for project in unmatched:
        project["allocation"] = [{**item, "amount": "0"} for item in project["allocation"]]
    if unmatched:
        names = "、".join(f"“{p['name']}”" for p in unmatched)
        why = "与复制的明细合计不符" if doc["lines"] else "未复制明细"
        left_out.append(f"项目{names}的资金分配只复制了事项，金额（{why}）请重新填写")
    zero = "0"
    doc["procurement"] = dict.fromkeys(doc["procurement"], zero)
    doc["assets"] = {**{key: None if value is None else (zero if isinstance(value, str) else 0)
                        for key, value in doc["assets"].items()},
                     "as_of": datetime.date(year - 1, 12, 31).isoformat(), "vehicles": []}
    performance = doc["performance"]
    doc["performance"] = {"contact": performance["contact"], "phone": performance["phone"], "goal": "", "indicators": []}
    doc["narrative"] = {key: {} if isinstance(value, dict) else "" for key, value in doc["narrative"].items()}


def continued(project, year):
    """A continuing project in the next year: a period that ended runs over the new year."""
    project = dict(project)
    if project["period"]["end"] < f"{year}-01-01":
        project["period"] = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    return project


def allocated(project):
    """The sum of a project's allocation amounts; None without allocation items (nothing to match)."""
    items = project["allocation"]
    return sum(Decimal(item["amount"]) for item in items) if items else None


def codes_to_map(*, budget, continuing, with_lines):
    """[MissingCode] of the lines that would be copied whose codes the new edition lacks."""
    edition = newest_edition(budget.year + 1)
    if not with_lines or edition is None:
        return []
    lines = budget.lines.filter(Q(project=None) | Q(project__code__in=list(continuing)))
    rows = lines.values_list("function__code", "economic__code", "amount")
    return missing_codes([{"function": f, "economic": e, "amount": a} for f, e, a in rows], edition, "yuan")

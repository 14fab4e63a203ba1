"""The changes of one budget's data, read from the history tables of its models.

Each history row is compared with the previous row of the same object; a row becomes one
`Change` per changed field (a creation lists the values given, a deletion those removed).
Amounts are shown in 万元, choices by their label, references by name. One query per model
and one per kind of reference, whatever the number of changes.
"""
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import ForeignKey

from budget.budgets import models as m
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.figures.catalogue import key_label
from budget.figures.money import format_wan

from .baseline import BASELINE

TRACKED = [m.Budget, m.BudgetUnit, m.Overview, m.InstitutionFunction, m.Line, m.Project, m.AllocationItem,
           m.Indicator, m.Procurement, m.Assets, m.Vehicle, m.DepartmentTarget, m.PriorFigure, m.Explanation]
ACTIONS = {"+": "新增", "~": "修改", "-": "删除"}
# Fields that place a row rather than describe it.
SKIPPED = {"id", "budget"}
# Fields naming a row in the audit trail, in order of preference.
NAMING = ["name", "code", "metric", "key", "item", "institution"]
EMPTY = "—"
# Under this key, the references hold the functional codes named by keys (see subject_of).
KEYS = "keys"


@dataclass
class Change:
    at: object
    user: object
    action: str
    subject: str
    field: str = ""
    old: str = ""
    new: str = ""
    reason: str = ""


def history_of(model, budget):
    """The history rows of `model` that belong to `budget`, oldest first."""
    rows = model.history.select_related("history_user").order_by("history_date", "history_id")
    if model is m.Budget:
        return rows.filter(id=budget.pk)
    if model is m.AllocationItem:
        projects = m.Project.history.filter(budget_id=budget.pk).values("id")
        return rows.filter(project_id__in=projects)
    return rows.filter(budget_id=budget.pk)


def tracked_fields(model):
    """The fields whose history is kept (the budget leaves out its bookkeeping ones)."""
    historical = {field.name for field in model.history.model._meta.fields}
    return [f for f in model._meta.fields if f.name not in SKIPPED and f.name in historical]


def budget_changes(budget):
    """Every change of the budget's data, newest first."""
    changes, references = [], defaultdict(set)
    for model in TRACKED:
        fields = tracked_fields(model)
        previous = {}
        for row in history_of(model, budget):
            before = previous.get(row.id)
            previous[row.id] = row
            if row.history_change_reason != BASELINE:
                changes.extend(row_changes(model, fields, before, row, references))
    names = reference_names(references, budget)
    for change in changes:
        change.old, change.new = shown(change.old, names), shown(change.new, names)
        change.subject = change.subject if isinstance(change.subject, str) else change.subject(names)
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes


def row_changes(model, fields, before, row, references):
    """The `Change`s of one history row, compared with the object's row `before` it (or none)."""
    subject = subject_of(model, row, references)
    base = {"at": row.history_date, "user": row.history_user, "action": ACTIONS[row.history_type],
            "subject": subject, "reason": row.history_change_reason or ""}
    changes, kind = [], row.history_type
    for field in fields:
        new = None if kind == "-" else value(field, row)
        if kind == "~":
            old = value(field, before) if before else None
        else:
            old = value(field, row) if kind == "-" else None
            if (old if kind == "-" else new) in (None, ""):
                continue  # a creation or deletion lists the values there are
        if old == new:
            continue
        for raw in (old, new):
            if isinstance(field, ForeignKey) and raw is not None:
                references[field.related_model].add(raw)
        changes.append(Change(field=label(field), old=(field, old), new=(field, new), **base))
    if base["reason"]:  # an import or an uploaded sheet: the reason says what was replaced
        changes.insert(0, Change(old=None, new=None, **base))
    return changes


def label(field):
    return str(field.verbose_name)


def subject_of(model, row, references):
    """How people name the row: '项目 大气污染防治', '上年预算数 基本支出', '预算明细 2110101 行政运行 ·
    30201 办公费 · …'; a name that needs other rows is a function of the names read at the end."""
    label = model._meta.verbose_name
    if model is m.Budget:
        return "预算"
    if model is m.Line:
        references[FunctionalSubject].add(row.function_id)
        references[EconomicSubject].add(row.economic_id)
        kind = [dict(field.flatchoices)[getattr(row, field.attname)] for field in line_choices()]
        return lambda names: " · ".join([f"{label} {names.get((FunctionalSubject, row.function_id), '')}",
                                         names.get((EconomicSubject, row.economic_id), ""), *kind])
    if model in (m.PriorFigure, m.Explanation):
        key = row.metric if model is m.PriorFigure else row.key
        references[KEYS].add(key.rsplit(".", 1)[-1])
        return lambda names: f"{label} {key_label(key, names[KEYS])}"
    return f"{label} {naming(row)}".strip()


def line_choices():
    return [m.Line._meta.get_field("source"), m.Line._meta.get_field("kind")]


def naming(row):
    for name in NAMING:
        text = getattr(row, name, "")
        if text:
            return str(text)
    return f"#{row.id}"


def value(field, row):
    return getattr(row, field.attname)


def reference_names(references, budget):
    """{(model, pk): text} of every referenced row still there (a deleted one shows its number),
    and under KEYS {functional code: name} of the codes that keys of 上年数 and 说明 name."""
    codes = references.pop(KEYS, set())
    subjects = FunctionalSubject.objects.filter(edition_id=budget.edition_id, code__in=codes)
    names = {KEYS: dict(subjects.values_list("code", "name"))}
    for model, pks in references.items():
        for obj in model._default_manager.filter(pk__in=pks):
            names[model, obj.pk] = user_name(obj) if model is get_user_model() else str(obj)
    return names


def user_name(user):
    return user.get_full_name() or user.get_username()


def shown(pair, names):
    """The text of a field's value: 万元 for amounts, labels for choices, names for references."""
    if pair is None:
        return ""
    field, raw = pair
    if raw is None or raw == "":
        return EMPTY
    if isinstance(field, ForeignKey):
        return names.get((field.related_model, raw), f"#{raw}")
    if getattr(field, "in_yuan", False):
        return f"{format_wan(raw)} 万元"
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    return str(raw)

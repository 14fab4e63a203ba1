"""Validation findings as an accountant reads them: the section and the row in words, and a link.

A finding's `Location` names a part of the budget by its related name and a row by its id
(`projects[9].allocation`); here it becomes "项目与绩效 · 大气污染防治项目 · 资金分配". The rows
named are read in one query per part, whatever the number of findings.
"""
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse

from budget.budgets import models as m
from budget.codes.models import FunctionalSubject
from budget.figures.catalogue import key_label
from budget.validation.findings import SEVERITY_LABELS

from .sections import SECTION_OF_PART, section_url

# The rows a location may point to, and what reads them with the names they show.
ROWS = {
    "lines": m.Line.objects.select_related("function", "economic", "project"),
    "projects": m.Project.objects.all(),
    "vehicles": m.Vehicle.objects.all(),
    "units": m.BudgetUnit.objects.all(),
}
# Parts whose field is a key of 上年预算数, 变动原因 or 主要用于 rather than a field name.
KEYED = {"explanations", "prior_figures"}
# Fields a location names that are related rows rather than model fields.
RELATED = {"allocation": "资金分配", "indicators": "绩效指标"}


@dataclass
class Described:
    finding: object
    severity: str
    title: str  # the rule's requirement, in words
    where: str
    url: str
    section: object  # the Section it points into


def described(budget, findings, rules):
    """The findings as `Described`, with `rules` {id: Rule}."""
    rows = named_rows(findings)
    names = function_names(budget, findings)
    return [
        Described(f, SEVERITY_LABELS[f.severity], rules[f.rule].title, where(f.location, rows, names),
                  location_url(budget, f.location), SECTION_OF_PART[f.location.part])
        for f in findings
    ]


def named_rows(findings):
    wanted = {}
    for finding in findings:
        location = finding.location
        if location.pk is not None and location.part in ROWS:
            wanted.setdefault(location.part, set()).add(location.pk)
    return {(part, row.pk): row for part, pks in wanted.items() for row in ROWS[part].filter(pk__in=pks)}


def function_names(budget, findings):
    """{code: name} of the functional subjects the keyed findings name."""
    codes = {f.location.field.rsplit(".", 1)[-1] for f in findings if f.location.part in KEYED}
    subjects = FunctionalSubject.objects.filter(edition_id=budget.edition_id, code__in=codes)
    return dict(subjects.values_list("code", "name"))


def where(location, rows, names):
    """'项目与绩效 · 大气污染防治项目 · 资金分配'."""
    words = [SECTION_OF_PART[location.part].title]
    if location.pk is None:
        words.append(part_label(location.part))
    else:
        row = rows.get((location.part, location.pk))
        words.append(str(row) if row is not None else "（已删除的一行）")
    if location.field:
        words.append(field_label(location, names))
    return " · ".join(words)


def part_label(part):
    field = m.Budget._meta.get_field(part)
    return str(field.related_model._meta.verbose_name)


def field_label(location, names):
    if location.part in KEYED:
        return key_label(location.field, names)
    if location.field in RELATED:
        return RELATED[location.field]
    model = m.Budget._meta.get_field(location.part).related_model
    try:
        return str(model._meta.get_field(location.field).verbose_name)
    except FieldDoesNotExist:  # show what the rule named
        return location.field


def location_url(budget, location):
    """The page of the row a finding points to, or its section."""
    if location.pk is not None and location.part in ("lines", "projects"):
        return reverse(f"admin:budgets_{location.part[:-1]}_change", args=[location.pk])
    return section_url(budget, SECTION_OF_PART[location.part].slug) + f"#{location.part}-group"

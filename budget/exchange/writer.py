"""Write a budget as a budget-exchange/1 document, section by section as reader.py reads it."""
from budget.budgets import models as m
from budget.budgets.publication import STAFFING
from budget.figures.money import WAN_YUAN, exact

from . import revision2
from .reader import FORMAT


class Amounts:
    """Writes 元 amounts in the file's unit, noting any that 万元 with two decimals cannot hold."""

    def __init__(self, unit):
        self.unit = unit
        self.exact = True

    def __call__(self, yuan):
        if self.unit == WAN_YUAN and yuan % 100:
            self.exact = False
        return exact(yuan, self.unit)

    def optional(self, yuan):
        """An amount that may be unpublished (None)."""
        return None if yuan is None else self(yuan)


def write_document(budget, amount):
    """The document of `budget` with its amounts written by `amount` (an Amounts)."""
    doc = {
        "format": FORMAT,
        **revision2.export_template(budget),
        "amount_unit": amount.unit,
        "year": budget.year,
        "classification_edition": budget.edition.year,
        **{name: section(budget, amount) for name, section in SECTIONS.items()},
        "published_on": budget.published_on.isoformat() if budget.published_on else None,
    }
    figures = comparison(budget, amount)
    if figures:
        doc["comparison"] = figures
    return doc


def department(budget, amount):
    return {
        "code": budget.department.code,
        "name": budget.department.name,
        "finance_bureau": budget.department.bureau.name,
        **({"short_name": budget.department.short_name} if budget.department.short_name else {}),
        "units": [{"code": u.code, "name": u.name, "kind": u.kind} for u in budget.units.all()],
    }


def overview(budget, amount):
    return {
        "functions": [{"institution": f.institution, "duties": f.duties} for f in budget.functions.all()],
        "structure": budget.overview.structure,
        "staffing": {key: getattr(budget.overview, key) for key in STAFFING},
    }


def indicator(i):
    return {
        "level1": i.level1, "level2": i.level2, "name": i.name, "comparator": i.comparator or None,
        "value": i.value, "unit": i.unit, "basis": i.basis, "prior_actual": i.prior_actual,
        "weight": i.weight, "scoring": i.scoring, "evidence": i.evidence,
    }


def projects(budget, amount):
    return [
        {
            "code": p.code, "name": p.name, "unit": p.unit_name, "manager": p.manager,
            "policy_basis": p.policy_basis,
            "allocation": [{"item": a.item, "amount": amount(a.amount)} for a in p.allocation.all()],
            "period": {"start": p.start.isoformat(), "end": p.end.isoformat()},
            "goal": p.goal,
            "indicators": [indicator(i) for i in p.indicators.all()],
            **revision2.export_project(p, amount),
        }
        for p in budget.projects.select_related("implementing_unit").prefetch_related("allocation", "indicators")
    ]


def lines(budget, amount):
    rows = budget.lines.order_by("id").values_list(
        "unit__code", "function__code", "economic__code", "source", "kind", "project__code", "amount"
    )
    return [
        {"unit": u, "function": f, "economic": e, "source": s, "kind": k, "project": p, "amount": amount(a)}
        for u, f, e, s, k, p, a in rows
    ]


def procurement(budget, amount):
    return {
        key: amount(getattr(budget.procurement, key))
        for key in ("goods", "works", "services", "sme_reserved", "small_micro_reserved")
    }


def assets(budget, amount):
    a = budget.assets
    return {
        "as_of": a.as_of.isoformat(),
        "buildings_area_m2": None if a.buildings_area_m2 is None else f"{a.buildings_area_m2:.2f}",
        "buildings_value": amount.optional(a.buildings_value),
        "vehicles": [
            {"kind": v.kind, "count": v.count, "value": amount.optional(v.value), **revision2.export_vehicle(v)}
            for v in budget.vehicles.all()
        ],
        "furniture_value": amount.optional(a.furniture_value),
        "other_value": amount.optional(a.other_value),
        **{key: getattr(a, key) for key in (
            "equipment_over_500k", "equipment_over_1m", "planned_vehicles",
            "planned_equipment_over_500k", "planned_equipment_over_1m")},
    }


def performance(budget, amount):
    target = budget.target
    return {
        "contact": target.contact, "phone": target.phone, "goal": target.goal,
        "indicators": [indicator(i) for i in budget.indicators.filter(project=None)],
    }


def comparison(budget, amount):
    """The entered prior-year figures; the file leaves the section out when there are none."""
    return {p.metric: amount(p.amount) for p in budget.prior_figures.all()}


def narrative(budget, amount):
    explanations = {kind: {} for kind in m.Explanation.Kind.values}
    for item in budget.explanations.all():
        explanations[item.kind][item.key] = item.text
    return {
        "reasons": explanations["reason"],
        "usage": explanations["usage"],
        "other_matters": budget.other_matters,
    }


# In the order of the file; `comparison`, optional, is written after them (write_document).
SECTIONS = {
    "department": department, "overview": overview, "projects": projects, "lines": lines,
    "procurement": procurement, "assets": assets, "performance": performance, "narrative": narrative,
}

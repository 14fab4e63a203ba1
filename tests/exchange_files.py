"""Helpers for the exchange-file tests: the reference file in 元, files on disk, stored amounts."""
import copy
import json
from decimal import Decimal

from budget.budgets import models as m


def yuan(wan_yuan):
    """An amount string in 万元 rewritten in 元 with two decimals ("191.25" -> "1912500.00")."""
    return f"{Decimal(wan_yuan) * 10000:.2f}"


def to_yuan(doc):
    """A copy of a 万元 document with every amount written in 元."""
    doc = copy.deepcopy(doc)
    doc["amount_unit"] = "yuan"
    for line in doc["lines"]:
        line["amount"] = yuan(line["amount"])
    for project in doc["projects"]:
        for item in project["allocation"]:
            item["amount"] = yuan(item["amount"])
    doc["procurement"] = {key: yuan(value) for key, value in doc["procurement"].items()}
    assets = doc["assets"]
    for key in ("buildings_value", "furniture_value", "other_value"):
        assets[key] = yuan(assets[key])
    for vehicle in assets["vehicles"]:
        vehicle["value"] = yuan(vehicle["value"])
    doc["comparison"] = {key: yuan(value) for key, value in doc.get("comparison", {}).items()}
    return doc


def write(tmp_path, doc, name="budget.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def stored_amounts(budget):
    """Every amount stored for a budget, keyed by what it is (not by row id)."""
    amounts = {}
    for line in budget.lines.select_related("unit", "function", "economic", "project"):
        key = (line.unit.code, line.function.code, line.economic.code, line.source, line.kind,
               line.project.code if line.project else None)
        amounts[("line", *key)] = line.amount
    for item in m.AllocationItem.objects.filter(project__budget=budget).select_related("project"):
        amounts[("allocation", item.project.code, item.item)] = item.amount
    for key in ("goods", "works", "services", "sme_reserved", "small_micro_reserved"):
        amounts[("procurement", key)] = getattr(budget.procurement, key)
    for key in ("buildings_value", "furniture_value", "other_value"):
        amounts[("assets", key)] = getattr(budget.assets, key)
    for vehicle in budget.vehicles.all():
        amounts[("vehicle", vehicle.kind)] = vehicle.value
    for figure in budget.prior_figures.all():
        amounts[("prior", figure.metric)] = figure.amount
    return amounts


def row_counts():
    """How many rows every table of budgets, departments and bureaus holds, in one query (the
    fuzz tests ask thousands of times): a refused input leaves them as they were."""
    from django.apps import apps
    from django.db import connection

    models = [*apps.get_app_config("budgets").get_models(), *apps.get_app_config("orgs").get_models()]
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)})" for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip((model._meta.label for model in models), cursor.fetchone()))


def shanghai_department(code, units=4):
    """A generated shanghai-2026 department of `units` units whose lines are all of fund sources
    the template's tables show (the generator spreads lines over every source)."""
    from bench.generate import generate_budget, project_document
    from budget.tables.shanghai import INCOME_SOURCES

    doc = generate_budget(lines=240, department_code=code, units=units)
    doc["template"] = "shanghai-2026"
    doc["lines"] = [line for line in doc["lines"] if line["source"] in INCOME_SOURCES]
    cents = {}
    for line in doc["lines"]:
        if line["project"]:
            cents[line["project"]] = cents.get(line["project"], 0) + int(Decimal(line["amount"]) * 100)
    doc["projects"] = [project_document(project, total, doc["year"]) for project, total in cents.items()]
    return doc

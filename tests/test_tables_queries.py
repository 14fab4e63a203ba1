"""The tables cost a fixed number of queries, whatever the number of lines (speed: make bench)."""
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from budget.budgets.sources import Source
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.exchange.services import budget_import
from budget.tables.exports import tables_document, tables_workbook
from budget.tables.html import html_tables

PROJECTS = 12


def generated(reference_data, code, count):
    """The reference department's document with `count` generated lines (in 元) and fresh projects."""
    functions = list(FunctionalSubject.objects.filter(edition__year=2024, level=3).values_list("code", flat=True))
    economics = list(EconomicSubject.objects.filter(edition__year=2024, level=2).values_list("code", flat=True))
    sources = Source.values
    doc = dict(reference_data, amount_unit="yuan", comparison={})
    doc["department"] = dict(doc["department"], code=code, units=[dict(doc["department"]["units"][0], code=code)])
    template = dict(reference_data["projects"][0], allocation=[], indicators=[])
    doc["projects"] = [dict(template, code=f"G{i}", name=f"项目{i}") for i in range(PROJECTS)]
    doc["lines"] = []
    for i in range(count):
        project = f"G{i % PROJECTS}" if i % 3 == 0 else None
        doc["lines"].append({
            "unit": code,
            "function": functions[(i // len(sources)) % len(functions)],
            "economic": economics[(i // (len(sources) * len(functions))) % len(economics)],
            "source": sources[i % len(sources)],
            "kind": "project" if project else "basic",
            "project": project,
            "amount": f"{i * 37 % 100000 + 1}.{i % 100:02d}",
        })
    return budget_import(data=doc)


def queries(build, budget):
    with CaptureQueriesContext(connection) as context:
        build(budget)
    return len(context.captured_queries)


def render_html(budget):
    request = RequestFactory().get("/")
    return render_to_string("tables/standard_tables.html", {"tables": html_tables(budget=budget)}, request=request)


def json_document(budget):
    return tables_document(budget=budget)


def workbook(budget):
    return tables_workbook(budget=budget)


@pytest.fixture
def small_and_large(db, reference_data):
    return generated(reference_data, "G50", 50), generated(reference_data, "G5000", 5000)


@pytest.mark.parametrize("build", [json_document, render_html, workbook])
def test_it_needs_as_many_queries_for_5000_lines_as_for_50(small_and_large, build):
    small, large = small_and_large
    assert large.lines.count() == 5000
    small_count = queries(build, small)
    assert small_count == queries(build, large)
    assert small_count <= 20

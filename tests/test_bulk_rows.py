"""budget.budgets.bulk.insert_rows: COPY on PostgreSQL, batches of bulk_create elsewhere."""
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budget.budgets import bulk
from budget.budgets import models as m
from budget.budgets.bulk import insert_rows
from budget.exchange.services import LINE_FIELDS

pytestmark = pytest.mark.django_db


def rows_of(budget, amounts):
    unit = budget.units.first()
    basic = budget.lines.filter(kind="basic").first()
    subjects = (basic.function_id, basic.economic_id)
    sources = ["general_budget", "special_account", "unit_business", "other"]
    return [
        (budget.id, unit.id, *subjects, source, "basic", None, amount) for source, amount in zip(sources, amounts)
    ]


def test_it_writes_rows_in_their_order_with_their_amounts(reference_budget, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 1)  # SQLite: one bulk_create per row
    rows = rows_of(reference_budget, [Decimal("0.01"), Decimal("1912500.00")])
    reference_budget.lines.all()._raw_delete(reference_budget.lines.db)

    insert_rows(m.Line, LINE_FIELDS, iter(rows))

    assert list(reference_budget.lines.order_by("id").values_list("source", "amount")) == [
        ("general_budget", Decimal("0.01")), ("special_account", Decimal("1912500.00")),
    ]


def test_it_refuses_a_row_that_breaks_a_constraint_with_django_s_error(reference_budget):
    rows = rows_of(reference_budget, [Decimal("5.00"), Decimal("-1.00")])
    reference_budget.lines.all()._raw_delete(reference_budget.lines.db)

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(m.Line, LINE_FIELDS, rows)

    assert not reference_budget.lines.exists()

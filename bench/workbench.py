"""The accountant's workbench (issue 14): the budget home, the lines grid's first page and the save
of one cell, for a 5,000-line budget, each against the same on a 50-line budget in the same run (the floor:
what the page costs with almost no lines, so the ratio shows what the size adds).

Registered with bench.benchmarks' decorator; bench/benchmarks.py imports this module last.
"""
import functools
import json
import time

from .benchmarks import benchmark, exchange_file, imported, signed_in_client

GRID_DEPARTMENT = "990060"
FLOOR_DEPARTMENT = "990061"


@functools.cache
def grid_budgets():
    """(the 5,000-line budget, the 50-line budget), imported once per database, both drafts."""
    return (imported(exchange_file(lines=5_000, department_code=GRID_DEPARTMENT)),
            imported(exchange_file(lines=50, department_code=FLOOR_DEPARTMENT)))


def first_page_seconds(client, budget):
    """GET the grid's page and its first page of lines (100 rows), as the browser does."""
    start = time.perf_counter()
    for url in (f"/admin/budgets/budget/{budget.pk}/grid/", f"/admin/budgets/budget/{budget.pk}/grid/lines.json?page=1&size=100"):
        assert client.get(url, secure=True).status_code == 200
    return time.perf_counter() - start


def against_floor(measure):
    """(seconds on the large budget, its figures against the floor), each warmed by one untimed call."""
    client = signed_in_client()
    large, small = grid_budgets()
    measure(client, small)
    measure(client, large)
    floor, seconds = measure(client, small), measure(client, large)
    return seconds, {"× 50-line budget": seconds / floor, "50-line budget (s)": floor}


@benchmark(title="明细表格的第一页，5,000 条明细的部门", target=0.5,
           limits=[("× 50-line budget", 3), ("50-line budget (s)", None)])
def grid_first_page():
    """The lines grid of a generated 5,000-line department as a signed-in user opens it: the page
    (admin frame, filters, the codes of the edition for autocomplete, totals) and the first 100
    rows as JSON, both through the views. The floor, in the same run: the same two requests for a
    generated 50-line department; "× 50-line budget" is the time over the floor's."""
    return against_floor(first_page_seconds)


def save_seconds(client, budget):
    """POST one edited amount, as the grid saves a cell: the first line, 1.00 more or less."""
    from budget.budgets.models import Budget

    line = budget.lines.order_by("id").values("id", "amount").first()
    base = f"/admin/budgets/budget/{budget.pk}/grid/"
    row = {**client.get(base + "lines.json?size=1", secure=True).json()["data"][0], "row": 1}
    amount = line["amount"] / 10000 + (1 if line["amount"] < 1_000_000 else -1)
    body = json.dumps({"revision": Budget.objects.values_list("revision", flat=True).get(pk=budget.pk),
                       "rows": [{**row, "amount": f"{amount:.2f}"}], "deleted": []})
    start = time.perf_counter()
    response = client.post(base + "save/", body, content_type="application/json", secure=True)
    seconds = time.perf_counter() - start
    assert response.status_code == 200, response.content
    return seconds


@benchmark(title="明细表格保存一个单元格，5,000 条明细的部门", target=0.3,
           limits=[("× 50-line budget", 3), ("50-line budget (s)", None)])
def grid_save_one_cell():
    """One edited amount of the same 5,000-line department saved through the grid's JSON API, as
    the grid posts it: checked by the Excel sheet's reader, the revision moved, the line and its
    history row written, the new totals summed. Not timed: reading the row and the revision
    before. The floor: the same save in the 50-line department."""
    return against_floor(save_seconds)


def home_seconds(client, budget):
    """The first view of the home after an edit: the revision moved (untimed) as every save moves
    it, so the page validates this state afresh rather than showing the findings it keeps."""
    from django.db.models import F

    from budget.budgets.models import Budget

    Budget.objects.filter(pk=budget.pk).update(revision=F("revision") + 1)
    start = time.perf_counter()
    assert client.get(f"/admin/budgets/budget/{budget.pk}/home/", secure=True).status_code == 200
    return time.perf_counter() - start


@benchmark(title="部门预算首页，5,000 条明细的部门", target=0.3,
           limits=[("× 50-line budget", 3), ("50-line budget (s)", None)])
def budget_home():
    """The budget home of the same 5,000-line department as a signed-in user opens it: status and
    next step, the actions, totals by source and kind, the validation summary with its links, the
    sections with their counts, recent events. Each view is the first after an edit (the budget's
    revision moved before it), so the validation runs in it. The floor: the same page of the
    50-line department."""
    return against_floor(home_seconds)

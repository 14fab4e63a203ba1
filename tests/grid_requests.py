"""Requests to the lines grid's JSON API (budget.entry.grid), shared by its tests."""
import json

from budget.budgets.models import Budget


def page_url(budget):
    return f"/admin/budgets/budget/{budget.pk}/grid/"


def lines_url(budget, query=""):
    return f"/admin/budgets/budget/{budget.pk}/grid/lines.json{query}"


def save_url(budget):
    return f"/admin/budgets/budget/{budget.pk}/grid/save/"


def post_batch(client, budget, rows=(), deleted=(), revision=None):
    """POST a batch as the grid sends it; the revision is the stored one unless given."""
    if revision is None:
        revision = Budget.objects.values_list("revision", flat=True).get(pk=budget.pk)
    body = json.dumps({"revision": revision, "rows": list(rows), "deleted": list(deleted)})
    return client.post(save_url(budget), body, content_type="application/json")


def first_row(client, budget):
    """The first row the grid shows (by id), with its row number 1."""
    return {**client.get(lines_url(budget, "?size=1")).json()["data"][0], "row": 1}

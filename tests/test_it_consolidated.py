"""/manage/bureau/<year>/: a bureau's non-draft budgets consolidated, checked against figures
computed here from the exchange documents themselves."""
import copy
import io
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from openpyxl import load_workbook
from django.test.utils import CaptureQueriesContext

from budget.budgets.models import Budget
from budget.exchange.services import budget_import
from budget.orgs.models import FinanceBureau

from .conftest import as_department, make_user

URL = "/manage/bureau/2024/"
WAN = Decimal(10000)
FISCAL = {
    "general_budget", "general_transfer", "fund_budget", "fund_transfer", "state_capital_budget",
    "state_capital_transfer",
}
THREE_PUBLIC = {"overseas": {"30212"}, "reception": {"30217"}, "vehicle_purchase": {"31013", "30913"},
                "vehicle_operation": {"30231"}}


def imported(doc, status):
    budget = budget_import(data=copy.deepcopy(doc))
    Budget.objects.filter(pk=budget.pk).update(status=status)
    return budget


def yuan(line, doc):
    return Decimal(line["amount"]) * (WAN if doc["amount_unit"] == "wan_yuan" else 1)


def three_public(doc):
    figures = defaultdict(Decimal)
    for line in doc["lines"]:
        for name, codes in THREE_PUBLIC.items():
            if line["economic"] in codes and line["source"] in FISCAL:
                figures[name] += yuan(line, doc)
    figures["total"] = sum(figures.values(), Decimal(0))
    return figures


@pytest.fixture
def bureau_docs(db, reference_data):
    """Reference (submitted), a variant with tripled vehicle operation and no reception (approved),
    a draft of the same bureau and a submitted budget of another bureau."""
    included = [
        reference_data,
        as_department(reference_data, "501050", scale={"30231": 3, "30217": 0}),
    ]
    imported(included[0], Budget.Status.SUBMITTED)
    imported(included[1], Budget.Status.APPROVED)
    imported(as_department(reference_data, "501060", scale={"30231": 100}), Budget.Status.DRAFT)
    imported(as_department(reference_data, "601001", bureau="另一财政局", scale={"30217": 50}), Budget.Status.SUBMITTED)
    return included


@pytest.fixture
def bureau_reviewer(bureau_docs):
    return make_user("bureau-reviewer", bureau=FinanceBureau.objects.get(name=bureau_docs[0]["department"]["finance_bureau"]))


def test_it_ranks_the_three_public_figures_of_every_submitted_budget(client, bureau_docs, bureau_reviewer):
    client.force_login(bureau_reviewer)
    response = client.get(URL)
    assert response.status_code == 200
    ranking = response.context["ranking"]
    assert [b.department.code for b in ranking] == ["501050", "501001"]
    for budget, doc in zip(ranking, reversed(bureau_docs)):
        expected = three_public(doc)
        assert {name: getattr(budget, name) for name in [*THREE_PUBLIC, "total"]} == {
            name: expected[name] for name in [*THREE_PUBLIC, "total"]
        }
    reference = three_public(bureau_docs[0])
    assert reference["total"] > 0 and reference["reception"] > 0
    assert ranking[0].reception == 0
    html = response.content.decode()
    assert f"{reference['total'] / WAN:,.2f}" in html
    assert "测试部门501060" not in html and "测试部门601001" not in html


def test_it_totals_every_column_of_the_three_public_ranking(client, bureau_docs, bureau_reviewer):
    client.force_login(bureau_reviewer)
    html = client.get(URL).content.decode()
    footer = html[html.index("<tfoot>", html.index('id="three-public"')):]
    footer = footer[:footer.index("</tfoot>")]
    expected = [three_public(doc) for doc in bureau_docs]
    amounts = [f"{sum(e[name] for e in expected) / WAN:,.2f}" for name in ["total", *THREE_PUBLIC]]
    assert re.findall(r'<td class="amount">([^<]*)</td>', footer) == amounts
    assert amounts[2] != "0.00" and amounts[4] != "0.00"  # reception, vehicle operation


def test_it_exports_the_same_figures_as_xlsx(client, bureau_docs, bureau_reviewer):
    client.force_login(bureau_reviewer)
    response = client.get("/manage/bureau/2024/xlsx/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    ranking = list(book["三公经费"].iter_rows(min_row=2, values_only=True))
    expected = [three_public(doc) for doc in reversed(bureau_docs)]  # 501050 ranks first
    for values, figures in zip(ranking, expected):
        assert values[4:] == tuple(float(round(figures[name] / WAN, 2)) for name in ["total", *THREE_PUBLIC])
    totals = ranking[-1]
    assert totals[0] == "合计" and totals[4:] == tuple(
        float(round(sum(f[name] for f in expected) / WAN, 2)) for name in ["total", *THREE_PUBLIC])
    by_source = {r[0]: r[1] for r in book["按资金来源"].iter_rows(min_row=2, values_only=True)}
    lines = [(line, doc) for doc in bureau_docs for line in doc["lines"]]
    assert by_source["合计"] == float(round(sum(yuan(line, doc) for line, doc in lines) / WAN, 2))


def test_it_links_the_years_of_the_bureau(client, bureau_docs, bureau_reviewer, reference_data):
    reference_data["year"] = 2023
    imported(reference_data, Budget.Status.SUBMITTED)
    client.force_login(bureau_reviewer)
    html = client.get(URL).content.decode()
    assert 'href="/manage/bureau/2023/"' in html and 'href="/manage/bureau/2024/progress/"' in html
    assert 'href="/manage/bureau/2024/xlsx/"' in html


def test_it_totals_by_class_and_by_source_group(client, bureau_docs, bureau_reviewer):
    by_class, by_source = defaultdict(Decimal), defaultdict(Decimal)
    for doc in bureau_docs:
        for line in doc["lines"]:
            by_class[line["function"][:3]] += yuan(line, doc)
            by_source[line["source"]] += yuan(line, doc)
    client.force_login(bureau_reviewer)
    context = client.get(URL).context
    assert {row.label[:3]: row.amount for row in context["classes"]} == dict(by_class)
    groups = {row.label: row.amount for row in context["groups"]}
    assert groups["一般公共预算拨款"] == by_source["general_budget"] + by_source["general_transfer"]
    assert sum(groups.values()) == sum(by_source.values()) == context["total"]
    assert context["total"] == sum(by_class.values())


def test_it_names_the_classes(client, bureau_docs, bureau_reviewer):
    client.force_login(bureau_reviewer)
    labels = [row.label for row in client.get(URL).context["classes"]]
    assert "211 节能环保支出" in labels


def test_it_needs_the_same_queries_for_more_departments(client, bureau_docs, bureau_reviewer, reference_data):
    client.force_login(bureau_reviewer)
    client.get(URL)  # session and profile caches
    with CaptureQueriesContext(connection) as two:
        client.get(URL)
    imported(as_department(reference_data, "501070"), Budget.Status.PUBLISHED)
    imported(as_department(reference_data, "501080"), Budget.Status.RETURNED)
    with CaptureQueriesContext(connection) as four:
        response = client.get(URL)
    assert len(response.context["ranking"]) == 4
    assert len(four) == len(two) <= 10  # 8 for the view, 1 for the year links, 1 for the header's newest year


def test_it_lets_a_superuser_choose_the_bureau(client, bureau_docs):
    client.force_login(make_user("root", is_superuser=True))
    chooser = client.get(URL)
    assert chooser.templates[0].name == "consolidated/choose.html"
    other = FinanceBureau.objects.get(name="另一财政局")
    assert f'<option value="{other.pk}">另一财政局</option>' in chooser.content.decode()
    response = client.get(URL, {"bureau": other.pk})
    assert [b.department.code for b in response.context["ranking"]] == ["601001"]
    assert response.context["ranking"][0].reception == three_public(
        as_department(bureau_docs[0], "601001", scale={"30217": 50}))["reception"]
    assert client.get(URL, {"bureau": "x"}).status_code == 404
    assert client.get(URL, {"bureau": other.pk + 100}).status_code == 404


def test_it_shows_a_reviewer_only_its_own_bureau(client, bureau_docs, bureau_reviewer):
    client.force_login(bureau_reviewer)
    other = FinanceBureau.objects.get(name="另一财政局")
    codes = [b.department.code for b in client.get(URL, {"bureau": other.pk}).context["ranking"]]
    assert codes == ["501050", "501001"]


def test_it_says_when_nothing_was_submitted_that_year(client, bureau_docs, bureau_reviewer):
    client.force_login(bureau_reviewer)
    response = client.get("/manage/bureau/2023/")
    assert response.status_code == 200
    assert "2023 年尚无已报送的部门预算" in response.content.decode()


def test_it_hides_the_view_from_everyone_else(client, bureau_docs):
    assert client.get(URL).status_code == 302  # to the login page
    accountant = make_user("dept-accountant", department=Budget.objects.get(department__code="501001").department)
    client.force_login(accountant)
    assert client.get(URL).status_code == 404
    client.force_login(make_user("nobody"))
    assert client.get(URL).status_code == 404

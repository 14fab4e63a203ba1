"""One prior year for every reader: the reviewer's queue, the document and the consolidated view
read the same 上年 figures of a generated budget with carry-over lines spread over several units.

The expected figures are added up here from the two years' exchange documents.
"""
import re
from decimal import Decimal

import pytest

from bench.generate import generate_budget
from budget.budgets.models import Budget
from budget.exchange.services import budget_import
from budget.orgs.models import FinanceBureau

from .conftest import make_user

CARRYOVER = {"carryover_general", "carryover_fund", "carryover_state_capital"}
BALANCE = {"balance_special_account", "balance_unit"}
SHARE = "，占 [0-9.]+%，"  # the share of the total, between an amount and its change


def total(doc, sources):
    return sum((Decimal(line["amount"]) for line in doc["lines"] if line["source"] in sources), Decimal(0))


def wan(yuan):
    return f"{(yuan / 10000).quantize(Decimal('0.01')):,}"


def change(now, before):
    return f"比上年预算{'增加' if now >= before else '减少'} {wan(abs(now - before))} 万元"


def documents(comparison=None):
    """(2023, 2024) of one generated department with three units; 2023's basic carry-over lines
    are 1 万元 higher each, so that the years differ."""
    prior = generate_budget(lines=400, units=3, year=2023)
    for line in prior["lines"]:
        if line["kind"] == "basic" and line["source"] in CARRYOVER | BALANCE:
            line["amount"] = str(Decimal(line["amount"]) + 10000)
    now = generate_budget(lines=400, units=3, year=2024)
    if comparison:
        now["comparison"] = comparison
    assert len(now["department"]["units"]) == 3 and total(now, CARRYOVER) and total(now, BALANCE)
    assert total(prior, CARRYOVER) != total(now, CARRYOVER)
    return prior, now


@pytest.fixture
def reviewer(db):
    return lambda: make_user("reviewer", bureau=FinanceBureau.objects.get(name="基准测试财政局"))


def imported(prior, now):
    """Both years, the prior one approved (a draft's figures are nobody's 上年预算数 yet)."""
    for doc in (prior, now):
        budget_import(data=doc)
    Budget.objects.update(status=Budget.Status.SUBMITTED)
    Budget.objects.filter(year=prior["year"]).update(status=Budget.Status.APPROVED)


def queue_row(html, label):
    """The cells [本年, 上年, 增减] of the queue's row `label` of the 2024 budget."""
    start = html.index('id="budget-990001-2024"')
    section = html[start:html.index("</section>", start)]
    cells = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', section, re.S).group(1)
    return re.findall(r'<td class="amount[^"]*">([^<]*)</td>', cells)


def consolidated_amount(html, label):
    table = html[html.index('id="by-source"'):]
    return re.search(rf'<td>{re.escape(label)}</td><td class="amount">([^<]*)</td>', table).group(1)


def test_it_gives_the_queue_the_document_and_the_consolidated_view_the_same_prior_figures(client, reviewer):
    prior, now = documents()
    imported(prior, now)
    before = total(prior, CARRYOVER | BALANCE)
    client.force_login(reviewer())

    assert queue_row(client.get("/manage/review/").content.decode(), "上年结转结余")[1] == wan(before)
    assert consolidated_amount(client.get("/manage/bureau/2023/").content.decode(), "上年结转结余") == wan(before)
    document = client.get("/manage/budgets/990001/2024/").content.decode()
    for label, sources in (("财政拨款结转", CARRYOVER), ("非财政拨款结余", BALANCE)):
        amount, was = total(now, sources), total(prior, sources)
        assert re.search(f"{label} {wan(amount)} 万元{SHARE}{change(amount, was)}", document), label


def test_it_gives_the_queue_and_the_document_the_entered_prior_figure_over_the_computed_one(client, reviewer):
    entered = Decimal("123456.78")  # 元: the 上年 非财政拨款结余 entered with the 2024 budget
    prior, now = documents(comparison={"income.balance_nonfiscal": str(entered)})
    assert entered != total(prior, BALANCE)
    imported(prior, now)
    client.force_login(reviewer())

    queue = client.get("/manage/review/").content.decode()
    assert queue_row(queue, "上年结转结余")[1] == wan(total(prior, CARRYOVER) + entered)
    document = client.get("/manage/budgets/990001/2024/").content.decode()
    balance = total(now, BALANCE)
    assert re.search(f"非财政拨款结余 {wan(balance)} 万元{SHARE}{change(balance, entered)}", document)
    carryover = total(now, CARRYOVER)
    assert re.search(f"财政拨款结转 {wan(carryover)} 万元{SHARE}{change(carryover, total(prior, CARRYOVER))}", document)

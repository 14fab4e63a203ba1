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

from .conftest import make_user

CARRYOVER = {"carryover_general", "carryover_fund", "carryover_state_capital"}
BALANCE = {"balance_special_account", "balance_unit"}
ENTERED_BALANCE = Decimal("123456.78")  # 元: the 上年 非财政拨款结余 entered with the 2024 budget


def total(doc, sources):
    return sum((Decimal(line["amount"]) for line in doc["lines"] if line["source"] in sources), Decimal(0))


def wan(yuan):
    return f"{(yuan / 10000).quantize(Decimal('0.01')):,}"


@pytest.fixture
def years(db):
    """(2023 document, 2024 document), imported and submitted; 2023's basic carry-over lines are
    1 万元 higher each, so that the two years differ."""
    prior = generate_budget(lines=400, units=3, year=2023)
    for line in prior["lines"]:
        if line["kind"] == "basic" and line["source"] in CARRYOVER | BALANCE:
            line["amount"] = str(Decimal(line["amount"]) + 10000)
    now = generate_budget(lines=400, units=3, year=2024)
    now["comparison"] = {"income.balance_nonfiscal": str(ENTERED_BALANCE)}
    for doc in (prior, now):
        budget_import(data=doc)
    Budget.objects.update(status=Budget.Status.SUBMITTED)
    return prior, now


def row(html, label):
    """The cells [本年, 上年, 增减] of the queue's row `label` of the 2024 budget."""
    start = html.index('id="budget-990001-2024"')
    section = html[start:html.index("</section>", start)]
    cells = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', section, re.S).group(1)
    return re.findall(r'<td class="amount[^"]*">([^<]*)</td>', cells)


def test_it_gives_the_queue_and_the_document_the_same_prior_figures(client, years):
    prior_doc, now_doc = years
    carryover_before = total(prior_doc, CARRYOVER)
    carryover_now, balance_now = total(now_doc, CARRYOVER), total(now_doc, BALANCE)
    assert len(now_doc["department"]["units"]) == 3 and carryover_now and balance_now
    assert carryover_before != carryover_now and ENTERED_BALANCE != total(prior_doc, BALANCE)
    client.force_login(make_user("root", is_superuser=True))

    queue = client.get("/manage/review/").content.decode()
    assert row(queue, "上年结转结余")[1] == wan(carryover_before + ENTERED_BALANCE)

    document = client.get("/manage/budgets/990001/2024/").content.decode()
    share = "，占 [0-9.]+%，"
    assert re.search(f"财政拨款结转 {wan(carryover_now)} 万元{share}比上年预算减少 {wan(carryover_before - carryover_now)} 万元",
                     document)
    assert re.search(f"非财政拨款结余 {wan(balance_now)} 万元{share}比上年预算增加 {wan(balance_now - ENTERED_BALANCE)} 万元",
                     document)

"""Issue 15, acceptance 1: every figure a reviewer reads on the queue and on the submission page is
the figure the document states, for the demo budget and for a generated budget with carry-over over
three units (its 2023 budget in the system).

The document's figures are read from its context (budget/document/builder.py): the sentences of
第三部分, where each amount stands beside its change. For the demo they are also the published text's
(tests/data/kizilsu-eco-2024-budget.txt).
"""
import re
from decimal import Decimal

import pytest

from bench.generate import generate_budget
from budget.budgets.models import Budget
from budget.document.narrative import explanations
from budget.exchange.services import budget_import
from budget.orgs.models import FinanceBureau

from .conftest import make_user

Status = Budget.Status
AMOUNT = r"(-?[0-9,]+\.[0-9]{2})"
CARRYOVER = {"carryover_general", "carryover_fund", "carryover_state_capital"}
BALANCE = {"balance_special_account", "balance_unit"}
# The queue's groups and the document's section 二 items that make them up.
GROUPS = {
    "一般公共预算拨款": ["一般公共预算"],
    "政府性基金预算拨款": ["政府性基金预算"],
    "国有资本经营预算拨款": ["国有资本经营预算"],
    "财政专户管理资金": ["财政专户管理资金"],
    "单位资金": ["单位资金"],
    "上年结转结余": ["财政拨款结转", "非财政拨款结余"],
}


def number(text):
    return Decimal(text.replace(",", ""))


def document_text(budget):
    return "\n".join(block.text for section in explanations(budget) for block in section.blocks if block.kind == "p")


def stated(text, label):
    """(本年, 增减) in 万元 that section 二 states for `label`: (0, None) when 未安排, and 增减 None
    when the document compares nothing."""
    if re.search(rf"^{re.escape(label)}未安排。", text, re.M):
        return Decimal(0), None
    found = re.search(rf"^{re.escape(label)} {AMOUNT} 万元，占 [0-9.]+%(?:，比上年预算(增加|减少) {AMOUNT} 万元)?", text, re.M)
    if found is None:
        return Decimal(0), None  # neither year has it: the document leaves it out
    now, direction, amount = found.groups()
    return number(now), None if amount is None else number(amount) * (1 if direction == "增加" else -1)


def class_stated(text):
    """{类 name: 本年 in 万元} from section 五's 一般公共预算当年拨款结构."""
    return {name: number(amount) for name, amount in re.findall(rf"^[0-9]+、(\S+?)（类）{AMOUNT} 万元，占", text, re.M)}


def item_changes(text):
    """{类 name: [增减 of each 项]} from section 五's 具体使用情况."""
    changes = {}
    for match in re.finditer(rf"^[0-9]+\.(\S+?)（类）.*?（项）：[0-9]+ 年预算数为 {AMOUNT} 万元(?:，比上年预算(增加|减少) {AMOUNT} 万元)?", text, re.M):
        name, _, direction, amount = match.groups()
        if amount is not None:
            changes.setdefault(name, []).append(number(amount) * (1 if direction == "增加" else -1))
    return changes


def rows(html, css_class):
    """{label: [本年, 上年, 增减]} (Decimal 万元, None for —) of one comparison table."""
    start = html.index(f'class="consolidated-table {css_class}"')
    table = html[start:html.index("</table>", start)]
    found = {}
    for label, cells in re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', table, re.S):
        values = re.findall(r'<td class="amount[^"]*">([^<]*)</td>', cells)
        found[label] = [None if value == "—" else number(value) for value in values]
    return found


def queue_section(client, code):
    html = client.get("/manage/review/").content.decode()
    start = html.index(f'id="budget-{code}-2024"')
    return html[start:html.index("</section>", start)]


def check_groups(by_source, text, prior_text=None):
    """Each group's 本年 and 增减 are the document's; its 上年 is 本年 − 增减, or (with the prior
    year's document) what that document states as its 本年."""
    for group, labels in GROUPS.items():
        figures = [stated(text, label) for label in labels]
        now, prior, change = by_source[group]
        assert now == sum(f[0] for f in figures), group
        changes = [f[1] for f in figures if f[1] is not None]
        if not changes:
            assert prior is None or (prior == 0 and change == 0), group
            continue
        assert change == sum(changes), group
        if prior_text is None:
            assert prior == now - change, group
        else:
            assert prior == sum(stated(prior_text, label)[0] for label in labels), group


def check_classes(by_class, text, prior_text=None):
    """The general budget by 类: 本年 as section 五 states it; 上年 and 增减 add up its 项'."""
    now_classes, changes = class_stated(text), item_changes(text)
    assert now_classes
    for label, (now, prior, change) in by_class.items():
        if label == "合计":
            continue
        name = label.split(" ", 1)[1]
        assert now == now_classes[name], label
        if prior_text is None:
            assert change == sum(changes[name]) and prior == now - change, label
        else:
            assert prior == class_stated(prior_text).get(name, Decimal(0)), label
            assert abs(change - (now - prior)) <= Decimal("0.01"), label  # one rounding vs two


def check_key_figures(html, text):
    """Each key figure's 本年 is in the document; where the document compares it, the 增减 stands
    beside it (or beside its name) in the same paragraph. Returns the labels the document compares."""
    compared = []
    for label, (now, prior, change) in rows(html, "key-figures").items():
        assert f"{now:,.2f} 万元" in text or f"{now:,.2f}万元" in text, label
        if change is None:
            continue
        phrase = f"比上年预算{'增加' if change >= 0 else '减少'} {abs(change):,.2f} 万"
        if any((f"{now:,.2f}" in paragraph or label in paragraph) and phrase in paragraph for paragraph in text.split("\n")):
            compared.append(label)
    return compared


def submission_page(client, code):
    return client.get(f"/manage/review/{code}/2024/").content.decode()


@pytest.fixture
def submitted_demo(reference_budget, accountant):
    from budget.workflow.services import set_status

    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    return reference_budget


def test_it_shows_the_demo_budgets_figures_as_its_document_states_them(client, reviewer, submitted_demo):
    text = document_text(submitted_demo)
    client.force_login(reviewer)
    html = queue_section(client, "501001")
    by_source, by_class = rows(html, "by-source"), rows(html, "by-class")
    check_groups(by_source, text)
    check_classes(by_class, text)
    # The published text's own figures (tests/data/kizilsu-eco-2024-budget.txt).
    assert by_source["上年结转结余"] == [Decimal("0.00"), Decimal("35.90"), Decimal("-35.90")]
    assert by_class["208 社会保障和就业支出"] == [Decimal("191.25"), Decimal("56.04"), Decimal("135.21")]
    assert by_class["211 节能环保支出"] == [Decimal("1997.37"), Decimal("670.33"), Decimal("1327.04")]
    assert by_class["合计"] == [Decimal("2188.62"), Decimal("726.37"), Decimal("1462.25")]
    # 上年 收支总预算: the known groups' (一般公共预算 726.37, 单位资金 0.00, 财政拨款结转 35.90).
    assert by_source["合计"] == [Decimal("2448.62"), Decimal("762.27"), Decimal("1686.35")]
    assert re.search(r"收支总预算 2,448\.62 万元", text)

    page = submission_page(client, "501001")
    assert rows(page, "by-source") == by_source and rows(page, "by-class") == by_class
    compared = check_key_figures(page, text)
    # The key figures the published text compares (section 二, 三, 五, 七, 八).
    assert {"一般公共预算收入", "单位资金", "财政拨款结转", "基本支出", "项目支出", "一般公共预算基本支出",
            "一般公共预算项目支出", "“三公”经费", "机关运行经费"} <= set(compared)


def generated():
    """(2023, 2024) of one generated department with three units and carry-over; 2023's basic
    carry-over and balance lines are 1 万元 higher each."""
    prior = generate_budget(lines=400, units=3, year=2023)
    for line in prior["lines"]:
        if line["kind"] == "basic" and line["source"] in CARRYOVER | BALANCE:
            line["amount"] = str(Decimal(line["amount"]) + 10000)
    return prior, generate_budget(lines=400, units=3, year=2024)


def test_it_shows_a_generated_budgets_figures_as_its_documents_state_them(client, db):
    prior_doc, now_doc = generated()
    prior, budget = budget_import(data=prior_doc), budget_import(data=now_doc)
    assert budget.units.count() == 3
    Budget.objects.update(status=Status.SUBMITTED)
    Budget.objects.filter(pk=prior.pk).update(status=Status.APPROVED)  # a draft's figures count for nothing yet
    client.force_login(make_user("reviewer", bureau=FinanceBureau.objects.get(name="基准测试财政局")))
    text, prior_text = document_text(budget), document_text(prior)
    html = queue_section(client, "990001")
    by_source, by_class = rows(html, "by-source"), rows(html, "by-class")
    assert by_source["上年结转结余"][0] and by_source["上年结转结余"][2]
    check_groups(by_source, text, prior_text)
    check_classes(by_class, text, prior_text)
    page = submission_page(client, "990001")
    assert rows(page, "by-source") == by_source and rows(page, "by-class") == by_class
    assert {"财政拨款结转", "非财政拨款结余", "基本支出"} <= set(check_key_figures(page, text))
    total = re.search(rf"收支总预算 {AMOUNT} 万元", text).group(1)
    assert by_source["合计"][:2] == [number(total), number(re.search(rf"收支总预算 {AMOUNT} 万元", prior_text).group(1))]


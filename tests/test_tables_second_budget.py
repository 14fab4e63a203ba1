"""A second budget exercises what the reference lacks: three units, every fund source,
basic and project lines of 表8/表9/表11, 因公出国 and 公务用车购置, and amounts in 元 with fen.

The expected figures are plain sums over the fixture's JSON lines, computed here without the
code under test, then rounded once to 万元 and formatted.
"""
import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from budget.exchange.services import budget_import
from budget.tables.exports import tables_document

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data" / "tables-second-budget-2024.json"
CODES = TESTS.parent / "budget" / "codes" / "data"
E = ""

GENERAL = {"general_budget", "general_transfer"}
FUND = {"fund_budget", "fund_transfer"}
STATE_CAPITAL = {"state_capital_budget", "state_capital_transfer"}
FISCAL = GENERAL | FUND | STATE_CAPITAL
UNIT = {"unit_business", "unit_superior", "unit_affiliate", "unit_operating", "unit_other"}
CARRYOVER = {"carryover_general", "carryover_fund", "carryover_state_capital"}
BALANCE = {"balance_special_account", "balance_unit"}
EVERY = FISCAL | UNIT | CARRYOVER | BALANCE | {"special_account"}


def read_names(kind):
    with open(CODES / f"{kind}-2024.csv", encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


NAMES = read_names("functional")
ECONOMIC_NAMES = read_names("economic")


def wan(yuan):
    if yuan == 0:
        return ""
    return f"{(yuan / Decimal(10000)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def personnel(line):
    return line["kind"] == "basic" and line["economic"][:3] in ("301", "303")


def public(line):
    return line["kind"] == "basic" and not personnel(line)


def project(line):
    return line["kind"] == "project"


def anything(line):
    return True


def basic(line):
    return line["kind"] == "basic"


def total(lines, sources=EVERY, where=anything):
    return sum((line["amount"] for line in lines if line["source"] in sources and where(line)), Decimal(0))


def split(code):
    return [code[:3], code[3:5], code[5:7]]


@pytest.fixture(scope="module")
def lines():
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    return [{**line, "amount": Decimal(line["amount"])} for line in doc["lines"]]


@pytest.fixture
def tables(db):
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    budget = budget_import(data=doc)
    result = tables_document(budget=budget)
    assert result["department"] == "示例县文化体育广播电视和旅游局"
    return {table["number"]: table for table in result["tables"]}


def functional_rows(lines, columns, label=None):
    """类, 款, 项 rows of every code the lines use, and the 合计 row; columns are (sources, where)."""
    codes = sorted({line["function"][:n] for line in lines for n in (3, 5, 7)})
    rows = []
    for code in codes:
        mine = [line for line in lines if line["function"].startswith(code)]
        cells = [f"{code} {NAMES[code]}"] if label else split(code) + [NAMES[code]]
        rows.append(cells + [wan(total(mine, *column)) for column in columns])
    blank = [] if label else [E, E, E]
    return rows + [["合计"] + blank + [wan(total(lines, *column)) for column in columns]]


def test_it_fixture_covers_what_the_reference_lacks(lines):
    sources = {line["source"] for line in lines}
    assert sources == EVERY
    assert {line["unit"] for line in lines} == {"830101", "830102", "830103"}
    assert {"30212", "31013", "30913"} <= {line["economic"] for line in lines}
    for group in (FUND, STATE_CAPITAL, CARRYOVER | BALANCE):
        assert {line["kind"] for line in lines if line["source"] in group} == {"basic", "project"}
    fen = [line for line in lines if line["amount"] == Decimal("1234.56") and line["source"] == "unit_business"]
    assert len(fen) == 3


def test_it_rounds_totals_from_exact_amounts(tables):
    """Three lines of 1,234.56 元: 0.12 万元 each as printed, but 0.37 万元 together (not 0.36)."""
    income = dict((row[0], row[1]) for row in tables[1]["rows"])
    assert income["其中：事业收入"] == "0.37"
    library = next(row for row in tables[2]["rows"] if row[:3] == ["207", "01", "04"])
    assert library[13] == "0.37"  # 单位资金
    rows6 = tables[6]["rows"]
    assert [row[3] for row in rows6 if row[:2] in (["302", "01"], ["302", "02"], ["302", "05"])] == ["0.12"] * 3
    goods = [row for row in rows6 if row[0] == "302"]
    shown = sum(Decimal(row[3]) for row in goods[1:])
    assert goods[0][3] == "10.40" and shown == Decimal("10.39")


def test_it_builds_table1(tables, lines):
    labels = [
        ("一、本年收入", FISCAL | UNIT | {"special_account"}),
        ("1.一般公共预算拨款", GENERAL),
        ("其中：一般财力", {"general_budget"}),
        ("上级一般公共预算安排转移支付", {"general_transfer"}),
        ("2.政府性基金预算拨款", FUND),
        ("其中：政府性基金收入", {"fund_budget"}),
        ("上级政府性基金安排转移支付", {"fund_transfer"}),
        ("3.国有资本经营预算拨款", STATE_CAPITAL),
        ("其中：国有资本经营收入", {"state_capital_budget"}),
        ("上级国有资本经营预算安排转移支付", {"state_capital_transfer"}),
        ("4.财政专户核拨", {"special_account"}),
        ("5.单位资金", UNIT),
        ("其中：事业收入", {"unit_business"}),
        ("上级补助收入", {"unit_superior"}),
        ("附属单位上缴收入", {"unit_affiliate"}),
        ("事业单位经营收入", {"unit_operating"}),
        ("其他收入", {"unit_other"}),
        ("二、上年结转结余", CARRYOVER | BALANCE),
        ("1.财政拨款结转", CARRYOVER),
        ("其中：一般公共预算拨款", {"carryover_general"}),
        ("政府性基金预算拨款", {"carryover_fund"}),
        ("国有资本经营预算拨款", {"carryover_state_capital"}),
        ("2.非财政拨款结余", BALANCE),
        ("其中：财政专户核拨", {"balance_special_account"}),
        ("单位资金", {"balance_unit"}),
    ]
    income = [[label, wan(total(lines, sources))] for label, sources in labels]
    classes = [code for code in NAMES if len(code) == 3]
    spent = [
        [f"{code} {NAMES[code]}", wan(total(lines, where=lambda line, c=code: line["function"].startswith(c)))]
        for code in classes
    ]
    income += [[E, E]] * (len(spent) - len(income))
    expected = [left + right for left, right in zip(income, spent)]
    expected.append(["收入总计", wan(total(lines)), "支出总计", wan(total(lines))])
    assert tables[1]["rows"] == expected
    assert tables[1]["rows"][6] == ["上级政府性基金安排转移支付", "3.65", "207 文化旅游体育与传媒支出", "429.85"]


def test_it_builds_table2(tables, lines):
    columns = [(EVERY,), (FISCAL,)] + [({source},) for source in (
        "general_budget", "general_transfer", "fund_budget", "fund_transfer",
        "state_capital_budget", "state_capital_transfer", "special_account")] + [(UNIT,), (CARRYOVER,), (BALANCE,)]
    assert tables[2]["rows"] == functional_rows(lines, columns)


def test_it_builds_table3(tables, lines):
    expected = functional_rows(lines, [(EVERY, anything), (EVERY, basic), (EVERY, project)])
    assert tables[3]["rows"] == expected
    # Rounded parts need not add up: 59.38 + 12.22 is not 71.59.
    assert ["207", "01", "04", "图书馆", "71.59", "59.38", "12.22"] in expected


def test_it_builds_table4(tables, lines):
    fiscal = [line for line in lines if line["source"] in FISCAL]
    income = [[label, wan(total(fiscal, sources))] for label, sources in (
        ("一、财政拨款（补助）", FISCAL), ("一般公共预算", GENERAL), ("政府性基金预算", FUND),
        ("国有资本经营预算", STATE_CAPITAL))]
    rows = []
    for code in [code for code in NAMES if len(code) == 3]:
        mine = [line for line in fiscal if line["function"].startswith(code)]
        rows.append([f"{code} {NAMES[code]}"]
                    + [wan(total(mine, group)) for group in (FISCAL, GENERAL, FUND, STATE_CAPITAL)])
    income += [[E, E]] * (len(rows) - len(income))
    expected = [left + right for left, right in zip(income, rows)]
    expected.append(["收入总计", wan(total(fiscal)), "支出总计"]
                    + [wan(total(fiscal, group)) for group in (FISCAL, GENERAL, FUND, STATE_CAPITAL)])
    assert tables[4]["rows"] == expected


def test_it_builds_table5(tables, lines):
    general = [line for line in lines if line["source"] in GENERAL]
    columns = [(GENERAL, anything), (GENERAL, basic), (GENERAL, project)]
    assert tables[5]["rows"] == functional_rows(general, columns)


def test_it_builds_table6(tables, lines):
    general = [line for line in lines if line["source"] in GENERAL and line["kind"] == "basic"]
    codes = sorted({line["economic"][:n] for line in general for n in (3, 5)})
    expected = []
    for code in codes:
        mine = [line for line in general if line["economic"].startswith(code)]
        expected.append([code[:3], code[3:5], ECONOMIC_NAMES[code]]
                        + [wan(total(mine, where=where)) for where in (anything, personnel, public)])
    expected.append(["合计", E, E] + [wan(total(general, where=where)) for where in (anything, personnel, public)])
    assert tables[6]["rows"] == expected


def test_it_builds_table7(tables, lines):
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    order = [p["code"] for p in doc["projects"]]
    names = {p["code"]: p["name"] for p in doc["projects"]}
    classes = [code for code in ECONOMIC_NAMES if len(code) == 3]
    general = [line for line in lines if line["source"] in GENERAL and line["kind"] == "project"]

    def amounts(mine):
        return [wan(total(mine))] + [
            wan(total(mine, where=lambda line, c=c: line["economic"].startswith(c))) for c in classes]

    expected = []
    for code in sorted({line["function"][:n] for line in general for n in (3, 5)}):
        expected.append(split(code)[:2] + [E, NAMES[code], E]
                        + amounts([line for line in general if line["function"].startswith(code)]))
        leaves = sorted({(line["function"], order.index(line["project"])) for line in general
                         if line["function"].startswith(code) and len(code) == 5})
        for function, index in leaves:
            mine = [line for line in general if line["function"] == function and line["project"] == order[index]]
            expected.append(split(function) + [NAMES[function], names[order[index]]] + amounts(mine))
    expected.append(["合计", E, E, E, E] + amounts(general))
    assert tables[7]["rows"] == expected
    assert ["207", "01", "12", "文化和旅游市场管理", "执法车辆购置项目", "35.00", E, E, E, E, "10.00", "25.00",
            E, E, E, E] in expected


@pytest.mark.parametrize("number, sources", [(8, FUND), (9, STATE_CAPITAL)])
def test_it_builds_tables8_and_9(tables, lines, number, sources):
    mine = [line for line in lines if line["source"] in sources]
    columns = [(sources, where) for where in (anything, personnel, public, project)]
    assert tables[number]["rows"] == functional_rows(mine, columns)
    assert tables[number]["note"] is None


def test_it_builds_table10(tables, lines):
    fiscal = [line for line in lines if line["source"] in FISCAL]
    items = [
        ("合计", ("30212", "30217", "31013", "30913", "30231")),
        ("因公出国（境）费", ("30212",)),
        ("公务接待费", ("30217",)),
        ("公务用车购置及运行费（小计）", ("31013", "30913", "30231")),
        ("其中：公务用车购置费", ("31013", "30913")),
        ("公务用车运行费", ("30231",)),
    ]
    expected = []
    for label, codes in items:
        mine = [line for line in fiscal if line["economic"] in codes]
        expected.append([label] + [wan(total(mine, group)) for group in (FISCAL, GENERAL, FUND, STATE_CAPITAL)])
    assert tables[10]["rows"] == expected
    assert expected[1] == ["因公出国（境）费", "3.50", "3.50", E, E]
    assert expected[4] == ["其中：公务用车购置费", "35.00", "35.00", E, E]


def test_it_builds_table11(tables, lines):
    mine = [line for line in lines if line["source"] in CARRYOVER | BALANCE]
    columns = [(CARRYOVER | BALANCE, anything)] + [
        (group, where) for group in (CARRYOVER, BALANCE) for where in (anything, personnel, public, project)]
    assert tables[11]["rows"] == functional_rows(mine, columns, label=True)
    assert tables[11]["note"] is None

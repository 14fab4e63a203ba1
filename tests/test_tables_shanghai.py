"""The shanghai-2026 template's nine tables of a real budget: the chengguan bureau
(tests/data/shpt-chengguan-2026.json), exported with `export_tables --template shanghai-2026`.

The expected grids are the published text's rows (tests/data/shpt-chengguan-2026-budget.txt,
pages 8–20), copied by hand: "|" separates cells, "||" the income side from the spending side,
an empty cell is a blank (zero) one. Every row the document prints is there and no other.
"""
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from bench.generate import generate_budget
from budget.exchange.services import budget_import

SHANGHAI = ("--department", "SHPT-CG", "--year", "2026", "--template", "shanghai-2026")

TABLE1 = """
一、财政拨款收入 | 47,483,458 || 一、社会保障和就业支出 | 6,397,096
1. 一般公共预算 | 47,483,458 || 二、卫生健康支出 | 1,439,040
2. 政府性基金预算 | || 三、城乡社区支出 | 33,775,592
3. 国有资本经营预算 | || 四、住房保障支出 | 5,871,730
二、事业收入 | ||
三、事业单位经营收入 | ||
四、其他收入 | ||
收入总计 | 47,483,458 || 支出总计 | 47,483,458
"""
TABLE2 = """
208 | 社会保障和就业支出 | 6,397,096 | 6,397,096 | | |
208 05 | 行政事业单位养老支出 | 6,103,096 | 6,103,096 | | |
208 05 01 | 行政单位离退休 | 2,614,680 | 2,614,680 | | |
208 05 05 | 机关事业单位基本养老保险缴费支出 | 2,302,464 | 2,302,464 | | |
208 05 06 | 机关事业单位职业年金缴费支出 | 1,151,232 | 1,151,232 | | |
208 05 99 | 其他行政事业单位养老支出 | 34,720 | 34,720 | | |
208 08 | 抚恤 | 294,000 | 294,000 | | |
208 08 01 | 死亡抚恤 | 294,000 | 294,000 | | |
210 | 卫生健康支出 | 1,439,040 | 1,439,040 | | |
210 11 | 行政事业单位医疗 | 1,439,040 | 1,439,040 | | |
210 11 01 | 行政单位医疗 | 1,439,040 | 1,439,040 | | |
212 | 城乡社区支出 | 33,775,592 | 33,775,592 | | |
212 01 | 城乡社区管理事务 | 33,775,592 | 33,775,592 | | |
212 01 04 | 城管执法 | 33,775,592 | 33,775,592 | | |
221 | 住房保障支出 | 5,871,730 | 5,871,730 | | |
221 02 | 住房改革支出 | 5,871,730 | 5,871,730 | | |
221 02 01 | 住房公积金 | 2,649,730 | 2,649,730 | | |
221 02 03 | 购房补贴 | 3,222,000 | 3,222,000 | | |
合计 | | 47,483,458 | 47,483,458 | | |
"""
# 表3, and 表5 which the document prints with "exactly the same rows and totals".
TABLE3 = """
208 | 社会保障和就业支出 | 6,397,096 | 6,103,096 | 294,000
208 05 | 行政事业单位养老支出 | 6,103,096 | 6,103,096 |
208 05 01 | 行政单位离退休 | 2,614,680 | 2,614,680 |
208 05 05 | 机关事业单位基本养老保险缴费支出 | 2,302,464 | 2,302,464 |
208 05 06 | 机关事业单位职业年金缴费支出 | 1,151,232 | 1,151,232 |
208 05 99 | 其他行政事业单位养老支出 | 34,720 | 34,720 |
208 08 | 抚恤 | 294,000 | | 294,000
208 08 01 | 死亡抚恤 | 294,000 | | 294,000
210 | 卫生健康支出 | 1,439,040 | 1,439,040 |
210 11 | 行政事业单位医疗 | 1,439,040 | 1,439,040 |
210 11 01 | 行政单位医疗 | 1,439,040 | 1,439,040 |
212 | 城乡社区支出 | 33,775,592 | 22,783,399 | 10,992,193
212 01 | 城乡社区管理事务 | 33,775,592 | 22,783,399 | 10,992,193
212 01 04 | 城管执法 | 33,775,592 | 22,783,399 | 10,992,193
221 | 住房保障支出 | 5,871,730 | 5,871,730 |
221 02 | 住房改革支出 | 5,871,730 | 5,871,730 |
221 02 01 | 住房公积金 | 2,649,730 | 2,649,730 |
221 02 03 | 购房补贴 | 3,222,000 | 3,222,000 |
合计 | | 47,483,458 | 36,197,265 | 11,286,193
"""
TABLE4 = """
一、一般公共预算 | 47,483,458 || 一、社会保障和就业支出 | 6,397,096 | 6,397,096 | |
二、政府性基金预算 | || 二、卫生健康支出 | 1,439,040 | 1,439,040 | |
三、国有资本经营预算 | || 三、城乡社区支出 | 33,775,592 | 33,775,592 | |
 | || 四、住房保障支出 | 5,871,730 | 5,871,730 | |
收入总计 | 47,483,458 || 支出总计 | 47,483,458 | 47,483,458 | |
"""
EMPTY_GROUP = """
合计 | | | |
"""
TABLE8 = """
301 | 工资福利支出 | 29,045,727 | 29,045,727 |
301 01 | 基本工资 | 3,794,196 | 3,794,196 |
301 02 | 津贴补贴 | 16,042,750 | 16,042,750 |
301 08 | 机关事业单位基本养老保险缴费 | 2,302,464 | 2,302,464 |
301 09 | 职业年金缴费 | 1,151,232 | 1,151,232 |
301 10 | 职工基本医疗保险缴费 | 1,439,040 | 1,439,040 |
301 12 | 其他社会保障缴费 | 37,415 | 37,415 |
301 13 | 住房公积金 | 2,649,730 | 2,649,730 |
301 99 | 其他工资福利支出 | 1,628,900 | 1,628,900 |
302 | 商品和服务支出 | 4,862,538 | | 4,862,538
302 01 | 办公费 | 246,700 | | 246,700
302 02 | 印刷费 | 100,000 | | 100,000
302 04 | 手续费 | 2,500 | | 2,500
302 05 | 水费 | 10,000 | | 10,000
302 06 | 电费 | 250,000 | | 250,000
302 07 | 邮电费 | 40,000 | | 40,000
302 09 | 物业管理费 | 750,000 | | 750,000
302 11 | 差旅费 | 25,000 | | 25,000
302 13 | 维修（护）费 | 40,000 | | 40,000
302 14 | 租赁费 | 336,000 | | 336,000
302 15 | 会议费 | 5,000 | | 5,000
302 16 | 培训费 | 2,000 | | 2,000
302 17 | 公务接待费 | 4,600 | | 4,600
302 18 | 专用材料费 | 111,000 | | 111,000
302 27 | 委托业务费 | 429,000 | | 429,000
302 28 | 工会经费 | 332,298 | | 332,298
302 31 | 公务用车运行维护费 | 387,600 | | 387,600
302 39 | 其他交通费用 | 629,920 | | 629,920
302 99 | 其他商品和服务支出 | 1,160,920 | | 1,160,920
303 | 对个人和家庭的补助 | 2,079,000 | 2,079,000 |
303 02 | 退休费 | 2,079,000 | 2,079,000 |
310 | 资本性支出 | 210,000 | | 210,000
310 02 | 办公设备购置 | 210,000 | | 210,000
合计 | | 36,197,265 | 31,124,727 | 5,072,538
"""
# 万元; the document prints 因公出国(境)费 as 0.00, not blank.
TABLE9 = """
114.22 | 0.00 | 0.46 | 113.76 | 75.00 | 38.76 || 507.25
"""


def export(*args):
    out = io.StringIO()
    call_command("export_tables", *args, stdout=out)
    return json.loads(out.getvalue())


def side(text, width):
    cells = [cell.strip() for cell in text.split("|")] if text.strip() else []
    return cells + [""] * (width - len(cells))


def grid(text, left=None, right=None):
    """The published rows as cells; a two-sided row is padded on each side to its width."""
    rows = []
    for line in text.strip("\n").split("\n"):
        if left is None:
            rows.append([cell.strip() for cell in line.replace("||", "|").split("|")])
        else:
            income, spending = line.split("||")
            rows.append(side(income, left) + side(spending, right))
    return rows


@pytest.fixture
def document(chengguan_budget):
    return export(*SHANGHAI)


@pytest.fixture
def tables(document):
    return {table["number"]: table for table in document["tables"]}


def test_it_gives_the_nine_tables_in_their_order_and_units(document):
    assert (document["template"], document["amount_unit"]) == ("shanghai-2026", "元")
    assert [(t["number"], t["title"], t.get("unit", "元")) for t in document["tables"]] == [
        (1, "2026年部门财务收支预算总表", "元"),
        (2, "2026年部门收入预算总表", "元"),
        (3, "2026年部门支出预算总表", "元"),
        (4, "2026年部门财政拨款收支预算总表", "元"),
        (5, "2026年部门一般公共预算支出功能分类预算表", "元"),
        (6, "2026年部门政府性基金预算支出功能分类预算表", "元"),
        (7, "2026年部门国有资本经营预算支出功能分类预算表", "元"),
        (8, "2026年部门一般公共预算基本支出部门预算经济分类预算表", "元"),
        (9, "2026年部门“三公”经费和机关运行经费预算表", "万元"),
    ]
    assert "unit" not in document


def test_it_prints_every_row_of_the_published_tables_and_no_other(tables):
    assert tables[1]["rows"] == grid(TABLE1, 2, 2)
    assert tables[2]["rows"] == grid(TABLE2)
    assert tables[3]["rows"] == grid(TABLE3)
    assert tables[4]["rows"] == grid(TABLE4, 2, 5)
    assert tables[5]["rows"] == grid(TABLE3)
    assert tables[6]["rows"] == tables[7]["rows"] == grid(EMPTY_GROUP)
    assert tables[8]["rows"] == grid(TABLE8)
    assert tables[9]["rows"] == grid(TABLE9)


def test_it_notes_the_fund_groups_without_spending(tables):
    assert tables[6]["note"] == "注：本年度无政府性基金预算支出，故本表无数据"
    assert tables[7]["note"] == "注：本年度无国有资本经营预算支出，故本表无数据"
    assert [tables[n]["note"] for n in (1, 2, 3, 4, 5, 8, 9)] == [None] * 7


def test_it_heads_the_columns_as_the_document_does(tables):
    assert tables[2]["header"] == [["功能分类科目编码", "功能分类科目名称", "合计", "财政拨款收入", "事业收入",
                                    "事业单位经营收入", "其他收入"]]
    assert tables[8]["header"] == [["部门预算经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]]
    assert tables[9]["header"] == [
        ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
        ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "小计", "购置费", "运行费", ""],
    ]


def test_it_gives_the_exact_yuan_beside_the_rounded_wan(tables):
    # 表9's 公务接待费 0.46 万元 and 运行费 38.76 万元 are 表8's 4,600 and 387,600 元.
    assert tables[9]["values"] == [[
        "1142200.00", "0.00", "4600.00", "1137600.00", "750000.00", "387600.00", "5072538.00"]]
    assert tables[1]["values"][-1] == [None, "47483458.00", None, "47483458.00"]


def test_it_prints_fen_when_an_amount_has_them(db, chengguan_data):
    line = next(line for line in chengguan_data["lines"] if line["economic"] == "30217")  # 公务接待费 4,600
    line["amount"] = "4600.50"
    budget_import(data=chengguan_data)
    tables = export(*SHANGHAI)["tables"]
    assert tables[0]["rows"][0][:2] == ["一、财政拨款收入", "47,483,458.50"]
    assert tables[7]["rows"][-1] == ["合计", "", "36,197,265.50", "31,124,727.00", "5,072,538.50"]
    assert tables[8]["rows"] == [["114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25"]]


def test_it_gives_one_units_budget_from_its_lines_only(db, chengguan_data):
    chengguan_data["department"]["units"].append(
        {"code": "SHPT-CG-02", "name": "普陀区城市管理行政执法局住房保障", "kind": "administrative"})
    for line in chengguan_data["lines"]:
        if line["function"] == "2210203":  # 购房补贴 3,222,000 元
            line["unit"] = "SHPT-CG-02"
    budget_import(data=chengguan_data)
    second = export(*SHANGHAI, "--unit", "SHPT-CG-02")
    assert second["unit"] == {"code": "SHPT-CG-02", "name": "普陀区城市管理行政执法局住房保障"}
    table3 = second["tables"][2]
    assert table3["title"] == "2026年单位支出预算总表"
    assert table3["rows"] == grid("""
221 | 住房保障支出 | 3,222,000 | 3,222,000 |
221 02 | 住房改革支出 | 3,222,000 | 3,222,000 |
221 02 03 | 购房补贴 | 3,222,000 | 3,222,000 |
合计 | | 3,222,000 | 3,222,000 |
""")
    first = export(*SHANGHAI, "--unit", "SHPT-CG-01")["tables"][2]
    # 47,483,458 − 3,222,000 and 36,197,265 − 3,222,000: the department's less the second unit's.
    assert first["rows"][-1] == ["合计", "", "44,261,458", "32,975,265", "11,286,193"]
    assert [row[0] for row in first["rows"]][-4:] == ["221", "221 02", "221 02 01", "合计"]


def test_it_refuses_an_unknown_unit(chengguan_budget):
    with pytest.raises(CommandError, match="没有单位 SHPT-CG-09"):
        export(*SHANGHAI, "--unit", "SHPT-CG-09")


def test_it_writes_the_nine_sheets_in_their_units(chengguan_budget):
    from openpyxl import load_workbook

    from budget.tables.exports import tables_workbook

    book = load_workbook(io.BytesIO(tables_workbook(budget=chengguan_budget, template="shanghai-2026")))
    assert book.sheetnames == [f"表{n}" for n in range(1, 10)]
    first, last = book["表1"], book["表9"]
    assert first["A2"].value == "2026年部门财务收支预算总表"
    assert first.cell(row=3, column=4).value == "单位：元" and last.cell(row=3, column=7).value == "单位：万元"
    assert (first["B6"].value, first["B6"].number_format) == (47483458, "#,##0")
    assert (last["D7"].value, last["D7"].number_format) == (113.76, "#,##0.00")
    assert book["表6"]["A7"].value == "注：本年度无政府性基金预算支出，故本表无数据"


def test_it_gives_the_budgets_own_template_without_one_named(chengguan_budget):
    # The file names shanghai-2026: its nine tables, as with --template.
    document = export("--department", "SHPT-CG", "--year", "2026")
    assert document["template"] == "shanghai-2026" and len(document["tables"]) == 9


def test_it_gives_the_xinjiang_tables_when_asked(chengguan_budget):
    # The eleven 万元 tables, written as revision 1 wrote them.
    document = export("--department", "SHPT-CG", "--year", "2026", "--template", "xinjiang-2024")
    assert "template" not in document and document["amount_unit"] == "万元"
    assert len(document["tables"]) == 11 and all("unit" not in table for table in document["tables"])
    assert document["tables"][0]["rows"][-1] == ["收入总计", "4,748.35", "支出总计", "4,748.35"]


def totals(document, number):
    """The exact 元 of a table's last row (合计, or 表9's one row), amount cells only."""
    return [Decimal(value) for value in document["tables"][number - 1]["values"][-1] if value is not None]


@pytest.mark.parametrize("template, added_up", [("shanghai-2026", (2, 3, 5, 8, 9)), ("xinjiang-2024", (2, 3, 5, 6, 10))])
def test_it_gives_unit_budgets_that_add_up_to_the_department(db, template, added_up):
    doc = generate_budget(lines=240, department_code="990417")  # four units, every source
    budget_import(data=doc)
    budget = ("--department", "990417", "--year", "2024", "--template", template)
    department = export(*budget)
    units = [export(*budget, "--unit", unit["code"]) for unit in doc["department"]["units"]]
    assert [unit["unit"]["code"] for unit in units] == ["990417", "990417-01", "990417-02", "990417-03"]
    # 表3's 合计 is every line of the file; each table's totals of the four units add up to the department's.
    assert totals(department, 3)[0] == sum(Decimal(line["amount"]) for line in doc["lines"])
    for number in added_up:
        assert [sum(column) for column in zip(*(totals(unit, number) for unit in units))] == totals(department, number)


def test_it_titles_a_units_tables_as_its_own(db):
    budget_import(data=generate_budget(lines=40, department_code="990418"))
    unit = export("--department", "990418", "--year", "2024", "--template", "shanghai-2026", "--unit", "990418-02")
    assert unit["unit"] == {"code": "990418-02", "name": "基准测试单位 990418-02"}
    assert [table["title"] for table in unit["tables"]][:3] == [
        "2024年单位财务收支预算总表", "2024年单位收入预算总表", "2024年单位支出预算总表"]


def test_it_names_the_unit_as_compiler_of_its_xinjiang_tables(db):
    from openpyxl import load_workbook

    from budget.tables.exports import tables_workbook

    budget = budget_import(data=generate_budget(lines=40, department_code="990419"))
    unit = budget.units.get(code="990419-01")
    book = load_workbook(io.BytesIO(tables_workbook(budget=budget, unit=unit)))
    assert book["表3"]["A3"].value == "编制部门：基准测试单位 990419-01"
    book = load_workbook(io.BytesIO(tables_workbook(budget=budget, template="shanghai-2026", unit=unit)))
    assert book["表3"]["A3"].value == "编制部门：基准测试单位 990419-01"

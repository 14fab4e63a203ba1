"""The eleven standard tables (表1–表11) of 第二部分, computed from a budget's lines.

`standard_tables(budget=…)` is the one implementation behind the HTML preview, the
budget-tables/1 JSON and the XLSX workbook. Layouts (rows, columns, grouped headers, the
sentence under an empty table) follow the published 2024 document; figures come from the
lines, names from the budget's classification edition.
"""
from dataclasses import dataclass
from itertools import zip_longest

from budget.budgets import sources as s
from budget.budgets.models import Budget, Line
from budget.budgets.sources import Source as S
from budget.figures.catalogue import FISCAL_GROUPS, THREE_PUBLIC_BY_NAME, THREE_PUBLIC_CODES
from budget.figures.sums import LineFacts, fetched

from .grid import HeaderCell as H, Row, StandardTable
from .sums import Classification, add, column, split_code, total, with_subtotals

FUNCTION_CODE_ENDS = (3, 5, 7)  # 类, 款, 项 as separate cells: "208", "05", "05"
ECONOMIC_CODE_ENDS = (3, 5)  # 类, 款
TOTAL = "合计"
CLASS_ITEM_HEADER = [H("类"), H("款"), H("项")]
EVERY_SOURCE = tuple(S)


@dataclass
class Context:
    """What every table is built from: the budget, its lines, its codes and the lines' grouped sums."""

    budget: Budget
    lines: object  # the budget's Line queryset
    codes: Classification
    facts: LineFacts

    def table(self, number, title, kinds, header, rows, note=None):
        return StandardTable(number, title, self.budget.department.name, kinds, header, rows, note)

    def empty_note(self, what):
        """The sentence the document prints under an empty table."""
        return f"{self.budget.department.name} {self.budget.year} 年没有使用{what}"


def standard_tables(*, budget):
    """The eleven tables of a department-year budget, in any status."""
    lines = Line.objects.filter(budget=budget)
    codes = Classification.of(budget.edition_id)
    ctx = Context(budget, lines, codes, LineFacts(lines, codes))
    return [build(ctx) for build in BUILDERS]


def style(depth, leaf):
    return "item" if leaf else ("class" if depth == 0 else "section")


def functional_rows(ctx, columns, label=None):
    """Rows 类, 款, 项 (code order) with exact subtotals, and the exact grand total.

    Codes take three cells and the name one, unless `label` joins code and name in one cell.
    """
    by_item = ctx.facts.per_item_fen(columns)
    leaves = sorted((ctx.codes.functional[pk], True, values) for pk, values in by_item.items() if any(values))
    subtotalled, grand = with_subtotals(leaves, FUNCTION_CODE_ENDS[:2], len(columns))
    rows = []
    for depth, code, leaf, values in subtotalled:
        name = ctx.codes.names[code]
        cells = [label(code, name)] if label else [*split_code(code, FUNCTION_CODE_ENDS), name]
        rows.append(Row(cells + values, style(depth, leaf)))
    return rows, grand


def total_row(label_cells, values):
    return Row([TOTAL] + [""] * (label_cells - 1) + values, "total")


def functional_table(ctx, number, title, header, columns, empty=None):
    """A table of 类/款/项 rows with a 合计 row; with `empty`, no rows and that note when all is zero."""
    rows, grand = functional_rows(ctx, columns)
    if empty and not any(grand):
        return ctx.table(number, title, kinds(3, 1, len(columns)), header, [], ctx.empty_note(empty))
    return ctx.table(number, title, kinds(3, 1, len(columns)), header, rows + [total_row(4, grand)])


def kinds(codes, labels, amounts):
    return ["code"] * codes + ["label"] * labels + ["amount"] * amounts


# 表1 -------------------------------------------------------------------------------------

INCOME_ROWS = [
    ("一、本年收入", s.THIS_YEAR),
    ("1.一般公共预算拨款", s.GENERAL),
    ("其中：一般财力", (S.GENERAL_BUDGET,)),
    ("上级一般公共预算安排转移支付", (S.GENERAL_TRANSFER,)),
    ("2.政府性基金预算拨款", s.FUND),
    ("其中：政府性基金收入", (S.FUND_BUDGET,)),
    ("上级政府性基金安排转移支付", (S.FUND_TRANSFER,)),
    ("3.国有资本经营预算拨款", s.STATE_CAPITAL),
    ("其中：国有资本经营收入", (S.STATE_CAPITAL_BUDGET,)),
    ("上级国有资本经营预算安排转移支付", (S.STATE_CAPITAL_TRANSFER,)),
    ("4.财政专户核拨", (S.SPECIAL_ACCOUNT,)),
    ("5.单位资金", s.UNIT_FUNDS),
    ("其中：事业收入", (S.UNIT_BUSINESS,)),
    ("上级补助收入", (S.UNIT_SUPERIOR,)),
    ("附属单位上缴收入", (S.UNIT_AFFILIATE,)),
    ("事业单位经营收入", (S.UNIT_OPERATING,)),
    ("其他收入", (S.UNIT_OTHER,)),
    ("二、上年结转结余", s.CARRYOVER_AND_BALANCE),
    ("1.财政拨款结转", s.CARRYOVER),
    ("其中：一般公共预算拨款", (S.CARRYOVER_GENERAL,)),
    ("政府性基金预算拨款", (S.CARRYOVER_FUND,)),
    ("国有资本经营预算拨款", (S.CARRYOVER_STATE_CAPITAL,)),
    ("2.非财政拨款结余", s.BALANCE),
    ("其中：财政专户核拨", (S.BALANCE_SPECIAL_ACCOUNT,)),
    ("单位资金", (S.BALANCE_UNIT,)),
]

FISCAL_INCOME_ROWS = [
    ("一、财政拨款（补助）", s.FISCAL),
    ("一般公共预算", s.GENERAL),
    ("政府性基金预算", s.FUND),
    ("国有资本经营预算", s.STATE_CAPITAL),
]


def by_class_fen(ctx, columns):
    """{functional 类 code: [exact fen per column]}, added up from the 项."""
    classes = {}
    for item, values in ctx.facts.per_item_fen(columns).items():
        code = ctx.codes.functional[item][:3]
        classes[code] = add(classes.get(code), values)
    return classes


def income_and_classes(ctx, income_rows, income_total, columns):
    """Left: income rows with their amounts; right: every 类 of the edition; then the totals row."""
    income = ctx.facts.totals_fen([column(sources) for _, sources in income_rows] + [income_total])
    classes = by_class_fen(ctx, columns)
    left = [[label, amount] for (label, _), amount in zip(income_rows, income)]
    right = [
        [f"{code} {ctx.codes.names[code]}"] + classes.get(code, [0] * len(columns))
        for code in ctx.codes.classes
    ]
    width = len(columns) + 1
    rows = [
        Row((left_cells or ["", None]) + (right_cells or [""] + [None] * (width - 1)))
        for left_cells, right_cells in zip_longest(left, right)
    ]
    spent = total(classes.values(), len(columns))
    rows.append(Row(["收入总计", income[-1], "支出总计"] + spent, "total"))
    return rows


def table1(ctx):
    header = [[H("收入", colspan=2), H("支出", colspan=2)], [H("项目"), H("预算数"), H("功能分类"), H("预算数")]]
    everything = column(EVERY_SOURCE)
    rows = income_and_classes(ctx, INCOME_ROWS, everything, [everything])
    return ctx.table(1, "部门收支总体情况表", ["label", "amount", "label", "amount"], header, rows)


# 表2, 表3 ----------------------------------------------------------------------------------

def table2(ctx):
    header = [
        [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("总计", rowspan=2),
         H("财政拨款(补助)", colspan=7), H("财政专户（教育收费）", rowspan=2), H("单位资金", rowspan=2),
         H("财政拨款结转", rowspan=2), H("非财政拨款结转结余", rowspan=2)],
        CLASS_ITEM_HEADER + [
            H("财政拨款(补助)小计"), H("一般公共预算"), H("上级一般公共预算安排的转移支付"), H("政府性基金预算"),
            H("上级政府性基金安排的转移支付"), H("国有资本经营预算"), H("上级国有资本经营预算安排的转移支付")],
    ]
    columns = [column(EVERY_SOURCE), column(s.FISCAL)] + [column([source]) for source in s.FISCAL] + [
        column([S.SPECIAL_ACCOUNT]), column(s.UNIT_FUNDS), column(s.CARRYOVER), column(s.BALANCE)]
    return functional_table(ctx, 2, "部门收入总体情况表", header, columns)


def basic_project_header(group):
    return [
        [H("科目", colspan=4), H(group, colspan=3)],
        [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("合计", rowspan=2),
         H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
        CLASS_ITEM_HEADER,
    ]


def basic_project_columns(sources):
    return [column(sources), column(sources, "personnel", "public"), column(sources, "project")]


def table3(ctx):
    columns = basic_project_columns(EVERY_SOURCE)
    return functional_table(ctx, 3, "部门支出总体情况表", basic_project_header("支出预算"), columns)


# 表4 -------------------------------------------------------------------------------------

def table4(ctx):
    header = [
        [H("财政拨款收入", colspan=2), H("财政拨款支出", colspan=5)],
        [H("项目"), H("合计"), H("功能分类"), H("合计"), H("一般公共预算"), H("政府性基金预算"), H("国有资本经营预算")],
    ]
    columns = [column(s.FISCAL), column(s.GENERAL), column(s.FUND), column(s.STATE_CAPITAL)]
    rows = income_and_classes(ctx, FISCAL_INCOME_ROWS, column(s.FISCAL), columns)
    return ctx.table(4, "财政拨款收支预算总体情况表", ["label", "amount", "label"] + ["amount"] * 4, header, rows)


# 表5–表7: 一般公共预算 --------------------------------------------------------------------

def basic_by_economic(ctx, fund_sources, columns):
    """[(economic code, True, [fen per column])] of the basic lines of these fund sources (of the
    general budget, as LineFacts.economic holds them), per economic 款 that has any, in code
    order; a column adds up parts: ("personnel", "public")."""
    if not set(fund_sources) <= set(s.GENERAL):
        raise ValueError(f"the basic lines by economic 款 are summed for the general budget only, not {fund_sources}")
    by_economic = {}
    for economic, source, kind, fen in ctx.facts.economic:
        if kind == "basic" and source in fund_sources:
            by_economic[economic] = by_economic.get(economic, 0) + fen
    leaves = []
    for economic, fen in by_economic.items():
        part = "personnel" if economic in ctx.codes.personnel else "public"
        leaves.append((ctx.codes.economic[economic], True, [fen if part in parts else 0 for parts in columns]))
    return sorted(leaf for leaf in leaves if leaf[2][0])


def table5(ctx):
    header = basic_project_header("一般公共预算支出")
    return functional_table(ctx, 5, "一般公共预算支出情况表", header, basic_project_columns(s.GENERAL))


def table6(ctx):
    header = [
        [H("科目", colspan=3), H("一般公共预算基本支出", colspan=3)],
        [H("经济分类科目编码", colspan=2), H("经济分类科目名称", rowspan=2), H("合计", rowspan=2),
         H("人员经费", rowspan=2), H("公用经费", rowspan=2)],
        [H("类"), H("款")],
    ]
    leaves = basic_by_economic(ctx, s.GENERAL, [("personnel", "public"), ("personnel",), ("public",)])
    subtotalled, grand = with_subtotals(leaves, ECONOMIC_CODE_ENDS[:1], 3)
    rows = [
        Row([*split_code(code, ECONOMIC_CODE_ENDS), ctx.codes.economic_names[code], *values],
            style(depth, leaf))
        for depth, code, leaf, values in subtotalled
    ]
    rows.append(total_row(3, grand))
    return ctx.table(6, "一般公共预算基本支出情况表", kinds(2, 1, 3), header, rows)


def table7(ctx):
    """类 and 款 subtotals, then one row per (项, project); columns by economic class."""
    classes = ctx.codes.economic_classes
    header = [
        [H("科目编码", colspan=3), H("科目名称", rowspan=2), H("项目名称", rowspan=2), H("项目支出合计", rowspan=2)]
        + [H(ctx.codes.economic_names[code], rowspan=2) for code in classes],
        CLASS_ITEM_HEADER,
    ]
    place = {code: 1 + n for n, code in enumerate(classes)}
    place_of = {pk: place[code[:3]] for pk, code in ctx.codes.economic.items()}  # economic id -> its class's
    by_project = {}  # (function id, project id) -> [total, one sum per economic class]
    for function, project, economic, fen in ctx.facts.general_projects:
        values = by_project.get((function, project))
        if values is None:
            values = by_project[function, project] = [0] * (1 + len(classes))
        values[0] += fen
        values[place_of[economic]] += fen
    projects = {pk: (position, name) for pk, position, name in
                fetched(ctx.budget.projects.values_list("id", "position", "name"))} if by_project else {}
    ordered = sorted(  # by 项, then as the projects are ordered
        (ctx.codes.functional[function], projects[project][0], project, values)
        for (function, project), values in by_project.items() if values[0])
    leaves = [(code, project, values) for code, _, project, values in ordered]
    subtotalled, grand = with_subtotals(leaves, FUNCTION_CODE_ENDS[:2], 1 + len(classes))
    names = ctx.codes.names
    rows = [
        Row([*split_code(code, FUNCTION_CODE_ENDS), names[code], projects[project][1] if project else "",
             *values], style(depth, project))
        for depth, code, project, values in subtotalled
    ]
    rows.append(total_row(5, grand))
    return ctx.table(7, "一般公共预算项目支出情况表", kinds(3, 2, 1 + len(classes)), header, rows)


# 表8, 表9 ----------------------------------------------------------------------------------

def personnel_public_header(group):
    return [
        [H("科目", colspan=4), H(group, colspan=4)],
        [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("合计", rowspan=2),
         H("基本支出", colspan=2), H("项目支出", rowspan=2)],
        CLASS_ITEM_HEADER + [H("人员经费"), H("公用经费")],
    ]


def personnel_public_columns(sources):
    return [column(sources)] + [column(sources, part) for part in ("personnel", "public", "project")]


def table8(ctx):
    return functional_table(
        ctx, 8, "政府性基金预算支出情况表", personnel_public_header("政府性基金预算支出"),
        personnel_public_columns(s.FUND),
        empty="政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
    )


def table9(ctx):
    return functional_table(
        ctx, 9, "国有资本经营预算支出情况表", personnel_public_header("国有资本经营预算支出"),
        personnel_public_columns(s.STATE_CAPITAL),
        empty="国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
    )


# 表10 ------------------------------------------------------------------------------------

THREE = THREE_PUBLIC_BY_NAME
VEHICLES = THREE["vehicle_purchase"].codes + THREE["vehicle_operation"].codes
THREE_PUBLIC_ROWS = [
    ("合计", THREE_PUBLIC_CODES),
    (THREE["overseas"].label, THREE["overseas"].codes),
    (THREE["reception"].label, THREE["reception"].codes),
    ("公务用车购置及运行费（小计）", VEHICLES),
    ("其中：" + THREE["vehicle_purchase"].label, THREE["vehicle_purchase"].codes),
    (THREE["vehicle_operation"].label, THREE["vehicle_operation"].codes),
]
FUND_GROUPS = [group.sources for group in FISCAL_GROUPS]


def table10(ctx):
    """The 三公 figures: fiscal lines of their economic codes, by the three budgets."""
    header = [
        [H("“三公”经费支出内容", rowspan=2), H("合计", rowspan=2), H("资金来源", colspan=3)],
        [H("一般公共预算"), H("政府性基金"), H("国有资本经营预算")],
    ]
    amounts = {}  # (economic code, fund source) -> fen
    for economic, source, _, fen in ctx.facts.economic:
        code = ctx.codes.economic[economic]
        if code in THREE_PUBLIC_CODES and source in s.FISCAL:
            amounts[code, source] = amounts.get((code, source), 0) + fen
    rows = []
    for label, codes in THREE_PUBLIC_ROWS:
        by_group = [
            sum(fen for (code, source), fen in amounts.items() if code in codes and source in group)
            for group in FUND_GROUPS
        ]
        rows.append(Row([label, sum(by_group)] + by_group, "total" if label == TOTAL else "item"))
    return ctx.table(10, "财政拨款“三公”经费支出情况表", ["label"] + ["amount"] * 4, header, rows)


# 表11 ------------------------------------------------------------------------------------

def table11(ctx):
    header = [
        [H("项目名称", rowspan=3), H("总计", rowspan=3), H("财政拨款", colspan=4), H("非财政拨款", colspan=4)],
        [H("合计", rowspan=2), H("基本支出", colspan=2), H("项目支出", rowspan=2)] * 2,
        [H("人员经费"), H("公用经费")] * 2,
    ]
    columns = [column(s.CARRYOVER_AND_BALANCE)]
    columns += personnel_public_columns(s.CARRYOVER) + personnel_public_columns(s.BALANCE)
    rows, grand = functional_rows(ctx, columns, label=lambda code, name: f"{code} {name}")
    column_kinds = kinds(0, 1, len(columns))
    if not any(grand):
        note = ctx.empty_note("上年结转结余预算安排的支出，上年结转结余预算支出情况表为空表。")
        return ctx.table(11, "上年结转结余情况明细表", column_kinds, header, [], note)
    return ctx.table(11, "上年结转结余情况明细表", column_kinds, header, rows + [total_row(1, grand)])


BUILDERS = [table1, table2, table3, table4, table5, table6, table7, table8, table9, table10, table11]

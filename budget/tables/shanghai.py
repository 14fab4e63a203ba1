"""The nine tables of the shanghai-2026 template (exchange format, Revision 2), declared as data
and built by four generic builders: coded tables by functional or economic subject, two-sided
income/spending tables, and one row of derived figures.

Only non-zero subjects are listed. Amounts are in 元 (two decimals when the budget has fen,
whole 元 otherwise) except 表9 in 万元; a zero is blank except in 表9, which prints 0.00 as the
published documents do.
"""
from itertools import zip_longest

from budget.budgets import sources as s
from budget.figures.metrics import FILTERS
from budget.figures.sums import ZERO, fen_of, sums_by

from .declaration import EVERY_CLASS, FEN, Column as C, TableDeclaration as T
from .grid import HeaderCell as H, Row, StandardTable
from .standard import EVERY_SOURCE, FUNCTION_CODE_ENDS, ECONOMIC_CODE_ENDS, basic_by_economic, by_class_fen, style
from .sums import column, split_code, total, with_subtotals

TOTAL = "合计"
NUMERALS = "一二三四五六七八九"


def numbered(n):
    """一、 二、 … 十、 十一、 … 九十九、: the numbering of the spending rows of 表1 and 表4."""
    tens, ones = divmod(n, 10)
    text = ("" if tens < 2 else NUMERALS[tens - 1]) + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")
    return f"{text}、"


def places(ctx, declaration):
    if declaration.places is FEN:
        return 2 if ctx.fen else 0
    return declaration.places


def table(ctx, declaration, kinds, header, rows, note=None):
    unit = ctx.unit
    return StandardTable(
        declaration.number, ctx.template.title(declaration, ctx.budget.year, unit),
        unit.name if unit else ctx.budget.department.name, kinds, list(header), rows, note,
        unit=declaration.unit, places=places(ctx, declaration), note_label=ctx.template.note_label,
        zero=declaration.zero,
    )


def simple_header(labels, declaration):
    return declaration.header or [[H(label) for label in labels] + [H(c.header) for c in declaration.columns]]


def coded_rows(ctx, declaration, leaves, levels, names):
    """Subject rows (code, name, amounts) with their 类/款 subtotals, then the 合计 row."""
    subtotalled, grand = with_subtotals(leaves, levels[:-1], len(declaration.columns))
    rows = [
        Row([" ".join(part for part in split_code(code, levels) if part), names[code]] + values, style(depth, leaf))
        for depth, code, leaf, values in subtotalled
    ]
    return rows + [Row([TOTAL, ""] + grand, "total")]


def functional(ctx, declaration):
    """表2, 3, 5, 6, 7: the 类, 款, 项 whose 合计 (first column) is not zero."""
    by_item = ctx.facts.per_item_fen([c.lines for c in declaration.columns])
    leaves = sorted((ctx.codes.functional[pk], True, values) for pk, values in by_item.items() if values[0])
    rows = coded_rows(ctx, declaration, leaves, FUNCTION_CODE_ENDS, ctx.codes.names)
    kinds = ["code", "label"] + ["amount"] * len(declaration.columns)
    header = simple_header(["功能分类科目编码", "功能分类科目名称"], declaration)
    note = declaration.empty_note if not leaves else None
    return table(ctx, declaration, kinds, header, rows, note)


def economic(ctx, declaration):
    """表8: the economic 类 and 款 of the basic spending in scope."""
    leaves = basic_by_economic(ctx, declaration.scope, [c.lines for c in declaration.columns])
    rows = coded_rows(ctx, declaration, leaves, ECONOMIC_CODE_ENDS, ctx.codes.economic_names)
    kinds = ["code", "label"] + ["amount"] * len(declaration.columns)
    return table(ctx, declaration, kinds, simple_header(["部门预算经济分类科目编码", "经济分类科目名称"], declaration), rows)


def two_sided(ctx, declaration):
    """表1, 表4: the declared income rows beside the 类 (the non-zero ones, or every 类 of the
    edition), paired from the top."""
    income = ctx.facts.totals_fen([column(sources) for _, sources in declaration.income]
                                  + [column(declaration.income_total)])
    columns = [c.lines for c in declaration.columns]
    sums = by_class_fen(ctx, columns)
    if declaration.rows == EVERY_CLASS:
        classes = [(code, sums.get(code, [0] * len(columns))) for code in ctx.codes.classes]
    else:
        classes = sorted((code, values) for code, values in sums.items() if values[0])
    left = [[label, value] for (label, _), value in zip(declaration.income, income)]
    right = [[numbered(n) + ctx.codes.names[code]] + values for n, (code, values) in enumerate(classes, start=1)]
    blank_right = [""] + [None] * len(columns)
    rows = [Row((l or ["", None]) + (r or blank_right)) for l, r in zip_longest(left, right)]
    spent = total([values for _, values in classes], len(columns))
    rows.append(Row(["收入总计", income[-1], "支出总计"] + spent, "total"))
    kinds = ["label", "amount", "label"] + ["amount"] * len(columns)
    return table(ctx, declaration, kinds, declaration.header, rows)


def derived(ctx, declaration):
    """表9: one row of figures, each the exact sum of its metrics' lines, rounded once."""
    keys = sorted({key for c in declaration.columns for key in c.lines})
    sums = sums_by(ctx.lines, ["budget_id"], [FILTERS[key] for key in keys]).get((ctx.budget.id,), [ZERO] * len(keys))
    by_key = dict(zip(keys, map(fen_of, sums)))
    values = [sum(by_key[key] for key in c.lines) for c in declaration.columns]
    rows = [Row(values)]
    return table(ctx, declaration, ["amount"] * len(values), declaration.header, rows)


def group_columns(sources):
    return (C(TOTAL, column(sources)), C("基本支出", column(sources, "personnel", "public")),
            C("项目支出", column(sources, "project")))


def group_table(number, group, sources):
    """表5–表7: one fund group's spending by functional subject, with a note when it has none."""
    header = ([H("项目", colspan=2), H(f"{group}支出", colspan=3)],
              [H("功能分类科目编码"), H("功能分类科目名称"), H(TOTAL), H("基本支出"), H("项目支出")])
    return T(number, f"{group}支出功能分类预算表", functional, group_columns(sources), header,
             places=FEN, unit="元", empty_note=f"注：本年度无{group}支出，故本表无数据")


BUDGET_GROUPS = (("一般公共预算", s.GENERAL), ("政府性基金预算", s.FUND), ("国有资本经营预算", s.STATE_CAPITAL))

TABLES = (
    T(1, "财务收支预算总表", two_sided, (C("预算数", column(EVERY_SOURCE)),),
      ([H("本年收入", colspan=2), H("本年支出", colspan=2)], [H("项目"), H("预算数"), H("项目"), H("预算数")]),
      unit="元", places=FEN, income_total=EVERY_SOURCE, income=(
          ("一、财政拨款收入", s.FISCAL), ("1. 一般公共预算", s.GENERAL), ("2. 政府性基金预算", s.FUND),
          ("3. 国有资本经营预算", s.STATE_CAPITAL), ("二、事业收入", (s.Source.UNIT_BUSINESS,)),
          ("三、事业单位经营收入", (s.Source.UNIT_OPERATING,)), ("四、其他收入", (s.Source.UNIT_OTHER,)))),
    T(2, "收入预算总表", functional, (
        C(TOTAL, column(EVERY_SOURCE)), C("财政拨款收入", column(s.FISCAL)),
        C("事业收入", column((s.Source.UNIT_BUSINESS,))), C("事业单位经营收入", column((s.Source.UNIT_OPERATING,))),
        C("其他收入", column((s.Source.UNIT_OTHER,)))), unit="元", places=FEN),
    T(3, "支出预算总表", functional, group_columns(EVERY_SOURCE), unit="元", places=FEN),
    T(4, "财政拨款收支预算总表", two_sided, (
        C(TOTAL, column(s.FISCAL)),) + tuple(C(group, column(sources)) for group, sources in BUDGET_GROUPS),
      ([H("财政拨款收入", colspan=2), H("财政拨款支出", colspan=5)],
       [H("项目"), H("预算数"), H("项目"), H(TOTAL)] + [H(group) for group, _ in BUDGET_GROUPS]),
      unit="元", places=FEN, income_total=s.FISCAL,
      income=tuple((f"{numbered(n)}{group}", sources) for n, (group, sources) in enumerate(BUDGET_GROUPS, start=1))),
    *(group_table(number, group, sources) for number, (group, sources) in enumerate(BUDGET_GROUPS, start=5)),
    T(8, "一般公共预算基本支出部门预算经济分类预算表", economic,
      (C(TOTAL, ("personnel", "public")), C("人员经费", ("personnel",)), C("公用经费", ("public",))),
      unit="元", places=FEN, scope=s.GENERAL),
    T(9, "“三公”经费和机关运行经费预算表", derived, (
        C(TOTAL, ("three_public.total",)), C("因公出国（境）费", ("three_public.overseas",)),
        C("公务接待费", ("three_public.reception",)),
        C("小计", ("three_public.vehicle_purchase", "three_public.vehicle_operation")),
        C("购置费", ("three_public.vehicle_purchase",)), C("运行费", ("three_public.vehicle_operation",)),
        C("机关运行经费预算数", ("operating_expenses",))),
      ([H("“三公”经费预算数", colspan=6), H("机关运行经费预算数", rowspan=3)],
       [H(TOTAL, rowspan=2), H("因公出国（境）费", rowspan=2), H("公务接待费", rowspan=2),
        H("公务用车购置及运行费", colspan=3)],
       [H("小计"), H("购置费"), H("运行费")]),
      unit="万元", places=2, zero="0.00"),
)
# Every source the income side of 表1 has a row for; lines of any other (财政专户核拨, 上级补助收入,
# 附属单位上缴收入, carry-over and balances) have no place in these tables.
INCOME_SOURCES = tuple(dict.fromkeys(source for _, sources in TABLES[0].income for source in sources))

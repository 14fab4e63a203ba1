"""第三部分 预算情况说明, written sentence by sentence from the figures.

Each section is a `Section(title, blocks)`; a block is a paragraph, a sub-heading or a
performance-target table. Texts that people entered are inserted as plain strings and
escaped by the template like everything else.
"""
from dataclasses import dataclass, field

from budget.budgets import sources as S
from budget.figures import catalogue
from budget.figures.catalogue import METRICS

from .phrases import against_prior, because, change, chinese_date, listing, share, wan

NUMERALS = "一二三四五六七八九十"


@dataclass
class Block:
    kind: str  # "p", "h", "department_target" or "project_target"
    text: str = ""
    data: object = None


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)

    def p(self, text):
        self.blocks.append(Block("p", text))

    def h(self, text):
        self.blocks.append(Block("h", text))


def numeral(n):
    return NUMERALS[n - 1] if n <= 10 else "十" + NUMERALS[n - 11]


# Income items of section 二: (label, metric, always written when not arranged).
INCOME_ITEMS = [
    ("一般公共预算", "income.general_budget", True),
    ("上级一般公共预算安排的转移支付资金", "income.general_transfer", True),
    ("政府性基金预算", "income.fund_budget", True),
    ("上级政府性基金安排的转移支付资金", "income.fund_transfer", True),
    ("国有资本经营预算", "income.state_capital_budget", True),
    ("上级国有资本经营预算安排的转移支付资金", "income.state_capital_transfer", True),
    ("财政专户管理资金", "income.special_account", False),
    ("单位资金", "income.unit_funds", False),
    ("财政拨款结转", "income.carryover_fiscal", False),
    ("非财政拨款结余", "income.balance_nonfiscal", False),
]
# Labels of section 一's income list, by metric.
INCOME_GROUPS = [
    ("一般公共预算", "income.general_budget"),
    ("政府性基金预算", "income.fund_budget"),
    ("国有资本经营预算", "income.state_capital_budget"),
    ("财政专户管理资金", "income.special_account"),
    ("单位资金", "income.unit_funds"),
    ("上年财政拨款结转", "income.carryover_fiscal"),
    ("上年非财政拨款结余", "income.balance_nonfiscal"),
]
# (label, metric, sources) of the three budgets of 财政拨款.
FISCAL_GROUPS = [(group.label, group.metrics[0], group.sources) for group in catalogue.FISCAL_GROUPS]


def about(f, n, subject):
    return f"{numeral(n)}、关于{f.name} {f.year} 年{subject}"


def compared(f, metric, colon=False, lead="，"):
    """('，比上年预算…', lead + '主要原因是…'); a reason is only written beside a change."""
    comparison = against_prior(f[metric], f.prior[metric])
    return comparison, because(f.reasons.get(metric), colon, lead) if comparison else ""


def measured(f, label, metric, whole):
    """'一般公共预算 2,188.62 万元，占 89.38%，比上年预算增加 …，主要原因是…。'"""
    comparison, reason = compared(f, metric)
    return f"{label} {wan(f[metric])}，{share(f[metric], whole)}{comparison}{reason}。"


def overall(f):
    s = Section(about(f, 1, "收支预算情况的总体说明"))
    s.p(f"按照全口径预算的原则，{f.name} {f.year} 年所有收入和支出均纳入部门预算管理。收支总预算 {wan(f['income.total'])}。")
    s.p(f"收入预算包括：{listing(label for label, metric in INCOME_GROUPS if f[metric])}。")
    s.p(f"支出预算包括：{listing(name for _, name, _ in f.classes())}。")
    return s


def income(f):
    s = Section(about(f, 2, "收入预算情况说明"))
    total = f["income.total"]
    s.p(f"{f.name}收入预算 {wan(total)}，其中：")
    for label, metric, always in INCOME_ITEMS:
        now, prior = f[metric], f.prior[metric]
        if now or prior:
            s.p(measured(f, label, metric, total))
        elif always:
            s.p(f"{label}未安排。")
    return s


def expenditure(f):
    s = Section(about(f, 3, "支出预算情况说明"))
    s.p(f"{f.name} {f.year} 年支出预算 {wan(f['income.total'])}，其中：")
    for metric in ("expenditure.basic", "expenditure.project"):
        s.p(measured(f, METRICS[metric].label, metric, f["income.total"]))
    return s


def fiscal_overall(f):
    s = Section(about(f, 4, "财政拨款收支预算情况的总体说明"))
    s.p(f"{f.year} 年财政拨款收支总预算 {wan(f['income.fiscal'])}。")
    arranged = [(label, metric, sources) for label, metric, sources in FISCAL_GROUPS if f[metric]]
    missing = [label for label, metric, _ in FISCAL_GROUPS if not f[metric]]
    if len(arranged) == 1:
        s.p(f"收入全部为{arranged[0][0]}" + (f"，无{'和'.join(missing)}。" if missing else "。"))
    s.p(f"收入预算包括：{'，'.join(f'{label} {wan(f[metric])}' for label, metric, _ in arranged) or '无'}。")
    for label, metric, sources in arranged:
        uses = [class_use(f, code, name, amount, sources) for code, name, amount in f.classes(sources)]
        s.p(f"{label[:-2]}支出包括：" + "".join(uses))
    return s


def class_use(f, code, name, amount, sources):
    """'社会保障和就业支出 191.25 万元，主要用于…。', then the 款 and 项 of the class whose 主要用于
    was entered and which have money of these sources: 主要用于 is printed at the level given."""
    text = f"{name} {wan(amount)}"
    usage = f.usage.get(f"function.{code}")
    if usage:
        text += f"，主要用于{usage}"
    finer = []
    for key in sorted(k for k in f.usage if len(k) > len("function.") + 3 and k.startswith(f"function.{code}")):
        subject = key.split(".", 1)[1]
        part = f.amount_under(subject, sources)
        if part:
            finer.append(f"{f.subject_path(subject)} {wan(part)}，主要用于{f.usage[key]}")
    if finer:
        text += ("；其中：" if usage else "，其中：") + "；".join(finer)
    return text + "。"


def general_allocation(f):
    s = Section(about(f, 5, "一般公共预算当年拨款情况说明"))
    general = f["income.general_budget"]
    s.h("（一）一般公共预算当年拨款规模变化情况")
    for n, (label, metric) in enumerate([("基本支出", "general.basic"), ("项目支出", "general.project")]):
        lead = f"{f.name} {f.year} 年一般公共预算拨款合计 {wan(general)}，其中：" if n == 0 else ""
        comparison, reason = compared(f, metric, colon=True, lead="")
        s.p(f"{lead}{label} {wan(f[metric])}{comparison}。" + (f"{reason}。" if reason else ""))
    s.h("（二）一般公共预算当年拨款结构情况")
    classes = f.classes(S.GENERAL)
    for n, (code, name, amount) in enumerate(classes, start=1):
        s.p(f"{n}、{name}（类）{wan(amount)}，{share(amount, general)}。")
    s.h("（三）一般公共预算当年拨款具体使用情况")
    items = [(key.rsplit(".", 1)[1], amount) for key, amount in f.now.items() if key.startswith("general.function.")]
    for n, (code, amount) in enumerate(sorted(items), start=1):
        names = f.function_names
        path = f"{names.get(code[:3], '')}（类）{names.get(code[:5], '')}（款）{names.get(code, '')}（项）"
        comparison, reason = compared(f, f"general.function.{code}", colon=True)
        s.p(f"{n}.{path}：{f.year} 年预算数为 {wan(amount)}{comparison}" + (f"{reason}。" if reason else "。"))
    return s


def general_basic(f):
    s = Section(about(f, 6, "一般公共预算基本支出情况说明"))
    s.p(f"{f.name} {f.year} 年一般公共预算基本支出 {wan(f['general.basic'])}，其中：")
    for label, metric, names in [("人员经费", "general.personnel", f.personnel_names),
                                 ("公用经费", "general.public", f.public_names)]:
        s.p(f"{label} {wan(f[metric])}" + (f"，主要包括：{listing(names)}。" if names else "。"))
    return s


def general_projects(f):
    s = Section(about(f, 7, "一般公共预算项目支出情况说明"))
    projects = [p for p in f.projects if p.general]
    if not projects:
        s.p(f"{f.name} {f.year} 年没有安排一般公共预算项目支出。")
    describe_projects(s, projects, "general")
    return s


def describe_projects(s, projects, group):
    """项目情况说明 of each project, its 预算安排规模 being its money of the fund `group`."""
    for n, project in enumerate(projects, start=1):
        s.p(f"{n}、项目名称：{project.name}")
        s.p(f"设立的政策依据：{project.policy_basis}")
        s.p(f"预算安排规模：{wan(getattr(project, group))}")
        s.p(f"项目承担单位：{project.unit_name}")
        items = [f"{a.item} {wan(a.amount)}" for a in project.allocation.all()]
        if items:
            s.p(f"资金分配情况：{'，'.join(items)}，共计 {wan(sum(a.amount for a in project.allocation.all()))}")
        s.p(f"资金执行时间：{chinese_date(project.start)}-{chinese_date(project.end)}")


def special_fund(f, n, subject, prefix, table):
    """八 and 九: the empty-table sentence, or the figures when money is arranged."""
    s = Section(about(f, n, f"{subject}拨款情况说明"))
    basic, project = f[f"{prefix}.basic"], f[f"{prefix}.project"]
    if not basic + project:
        s.p(f"{f.name} {f.year} 年没有使用{subject}拨款安排的支出，{table}为空表。")
        return s
    s.p(f"{f.name} {f.year} 年{subject}拨款支出 {wan(basic + project)}，其中：基本支出 {wan(basic)}，项目支出 {wan(project)}。")
    sources = S.FUND if prefix == "fund" else S.STATE_CAPITAL
    classes = f.classes(sources)
    s.p("按支出功能分类：" + "，".join(f"{name}（类）{wan(amount)}" for _, name, amount in classes) + "。")
    projects = [p for p in f.projects if getattr(p, prefix)]
    if projects:
        s.h(f"{subject}项目支出情况")
        describe_projects(s, projects, prefix)
    return s


THREE_PUBLIC = [(item.label, item.metric) for item in catalogue.THREE_PUBLIC]


def three_public(f):
    s = Section(f"{numeral(10)}、关于{f.name} {f.year} 年财政拨款“三公”经费预算情况说明")
    parts = "，".join(f"{label} {wan(f[metric])}" for label, metric in THREE_PUBLIC)
    s.p(f"{f.name} {f.year} 年财政拨款“三公”经费数为 {wan(f['three_public.total'])}，其中：{parts}。")
    total_change = change(f["three_public.total"], f.prior["three_public.total"])
    if total_change:
        items = []
        for label, metric in THREE_PUBLIC:
            item_change = change(f[metric], f.prior[metric])
            if item_change:
                items.append(f"{label}{item_change}{because(f.reasons.get(metric), lead='，')}")
        s.p(f"{f.year} 年财政拨款“三公”经费比上年预算{total_change}{because(f.reasons.get('three_public.total'), lead='，')}"
            + (f"，其中：{'；'.join(items)}。" if items else "。"))
    return s


def carryover(f):
    s = Section(f"{numeral(11)}、关于{f.name} {f.year} 年上年结转结余预算情况说明")
    fiscal, nonfiscal = f["income.carryover_fiscal"], f["income.balance_nonfiscal"]
    if not fiscal + nonfiscal:
        s.p(f"{f.name} {f.year} 年无上年结转结余预算的支出，结转结余预算支出情况表为空表。")
    else:
        s.p(f"{f.name} {f.year} 年上年结转结余预算支出 {wan(fiscal + nonfiscal)}，其中：财政拨款结转 {wan(fiscal)}，非财政拨款结余 {wan(nonfiscal)}。")
    return s


def other_matters(f):
    budget = f.budget
    s = Section(f"{numeral(12)}、其他重要事项的情况说明")
    s.h("（一）单位运行经费情况")
    comparison, reason = compared(f, "operating_expenses", lead="")
    s.p(f"{f.name} {f.year} 年的机关运行经费财政拨款预算 {wan(f['operating_expenses'])}{comparison}。"
        + (f"{reason}。" if reason else ""))
    s.h("（二）政府采购情况")
    procurement(s, f, budget.procurement)
    s.h("（三）国有资产占用使用情况")
    assets(s, f, budget.assets, list(budget.vehicles.all()))
    s.h("（四）预算绩效情况")
    performance(s, f)
    s.h("（五）其他需说明的事项")
    s.p(budget.other_matters or "无。")
    return s


def procurement(s, f, p):
    total = p.goods + p.works + p.services
    s.p(f"{f.year} 年，{f.name}政府采购预算 {wan(total)}，其中：政府采购货物预算 {wan(p.goods)}，"
        f"政府采购工程预算 {wan(p.works)}，政府采购服务预算 {wan(p.services)}。")
    s.p(f"{f.year} 年，{f.name}面向中小企业预留政府采购项目预算金额 {wan(p.sme_reserved)}，"
        f"小微企业预留政府采购项目预算金额 {wan(p.small_micro_reserved)}。")


def assets(s, f, a, vehicles):
    """国有资产占用使用情况; a value that is not published (None) is never printed: its words
    are left out, and an item left with nothing to say is dropped (the rest renumbered)."""
    as_of = f"{a.as_of.year} 年底" if (a.as_of.month, a.as_of.day) == (12, 31) else chinese_date(a.as_of)
    items = [item for item in (buildings(a), vehicle_holdings(vehicles), known("办公家具价值 {}", a.furniture_value),
                               known("其他资产价值 {}", a.other_value)) if item]
    if items:
        s.p(f"截至 {as_of}，{f.name}及下属各预算单位占用使用国有资产总体情况为：")
    for n, item in enumerate(items, start=1):
        s.p(f"{n}.{item}。")
    equipment = [f"部门价值 {size} 万元以上大型设备 {count} 台"
                 for size, count in (("50", a.equipment_over_500k), ("100", a.equipment_over_1m)) if count is not None]
    if equipment:
        s.p("，".join(equipment) + "。")
    planned = [planned_vehicles(a, vehicles)] if a.planned_vehicles is not None else []
    planned += [f"{label} {count} 台" for label, count in (
        ("安排购置 50 万元以上大型设备", a.planned_equipment_over_500k),
        ("单位价值 100 万元以上大型设备", a.planned_equipment_over_1m)) if count is not None]
    if planned:
        s.p(f"{f.year} 年部门预算" + "，".join(planned) + "。")


def known(pattern, amount):
    return None if amount is None else pattern.format(wan(amount))


def buildings(a):
    parts = ([f"房屋 {a.buildings_area_m2:,.2f} 平方米"] if a.buildings_area_m2 is not None else []) + (
        [f"价值 {wan(a.buildings_value)}"] if a.buildings_value is not None else [])
    if not parts:
        return None
    return "，".join(parts) if a.buildings_area_m2 is not None else f"房屋{parts[0]}"


def vehicle_holdings(vehicles):
    """'车辆 3 辆，价值 64.52 万元；其中：…'; the total value only when every kind's is published."""
    kinds = "；".join(f"{v.get_kind_display()} {v.count} 辆" + (f"，价值 {wan(v.value)}" if v.value is not None else "")
                     for v in vehicles)
    values = [v.value for v in vehicles]
    total = f"车辆 {sum(v.count for v in vehicles)} 辆" + (f"，价值 {wan(sum(values))}" if None not in values else "")
    return total + (f"；其中：{kinds}" if kinds else "")


def planned_vehicles(a, vehicles):
    if not a.planned_vehicles:
        return "未安排购置车辆经费"
    kinds = "、".join(f"{v.get_kind_display()} {v.planned} 辆" for v in vehicles if v.planned)
    return f"安排购置车辆 {a.planned_vehicles} 辆" + (f"（{kinds}）" if kinds else "")


def performance(s, f):
    """预算绩效情况: the targets the budget has, counted from the data, and their tables: the
    department's 整体绩效目标 when it has one, a project's when its targets are published."""
    department_indicators = [i for i in f.budget.indicators.all() if i.project_id is None]
    has_target = bool(department_indicators or f.budget.target.goal.strip())
    with_targets = [p for p in f.projects if p.indicators.all()]
    fiscal = [p for p in with_targets if p.fiscal]
    other = [p for p in with_targets if p.other]
    tabled = [p for p in with_targets if p.targets_published]
    who = "本单位" if f.unit_count == 1 else "本部门"
    target = f"整体预算绩效目标 1 个，涉及金额 {wan(f['income.total'])}" if has_target else "整体预算绩效目标 0 个"
    s.p(f"{f.year} 年，{who}预算绩效管理{target}；"
        f"当年财政拨款项目 {len(fiscal)} 个，涉及预算金额 {wan(sum(p.fiscal for p in fiscal))}；"
        f"当年非财政拨款项目 {len(other)} 个，涉及预算金额 {wan(sum(p.other for p in other))}。"
        + ("具体情况见下表（按项目分别填报）：" if has_target or tabled else ""))
    if has_target:
        transfers = f["income.general_transfer"] + f["income.fund_transfer"] + f["income.state_capital_transfer"]
        s.blocks.append(Block("department_target", data={
            "target": f.budget.target,
            "superior": transfers,
            "own": f["income.fiscal"] - transfers,
            "other": f["income.total"] - f["income.fiscal"],
            "indicators": merged_levels(department_indicators),
        }))
    for project in tabled:
        project.merged_indicators = merged_levels(list(project.indicators.all()))
        s.blocks.append(Block("project_target", data=project))


def explanations(budget):
    """The twelve sections of 第三部分, in the reference document's order."""
    from .facts import Facts

    return sections(Facts(budget))


def explanations_of(f):
    """第三部分 of the xinjiang-2024 layout, from the document's Facts."""
    return sections(f)


def sections(f):
    """The sections written from `f` (budget.document.printed writes them with noting mappings)."""
    return [
        overall(f), income(f), expenditure(f), fiscal_overall(f), general_allocation(f),
        general_basic(f), general_projects(f),
        special_fund(f, 8, "政府性基金预算", "fund", "政府性基金预算支出情况表"),
        special_fund(f, 9, "国有资本经营预算", "state_capital", "国有资本经营预算支出情况表"),
        three_public(f), carryover(f), other_matters(f),
    ]


def merged_levels(indicators):
    """[(indicator, level1 rowspan, level2 rowspan)]: consecutive equal 一级/二级 cells merge,
    as the printed target tables show them; a span of 0 means the cell above covers it."""
    rows = [[i, 1, 1] for i in indicators]
    for n in range(1, len(rows)):
        above, row = rows[n - 1][0], rows[n][0]
        for column, key in ((1, "level1"), (2, "level2")):
            same = getattr(above, key) == getattr(row, key) and (column == 1 or above.level1 == row.level1)
            if same:
                start = n - 1
                while rows[start][column] == 0:
                    start -= 1
                rows[start][column] += 1
                rows[n][column] = 0
    return [tuple(row) for row in rows]

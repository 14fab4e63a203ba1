"""The chapters of the shanghai-2026 layout, written from the document's Facts: 主要职能, 机构设置,
部门预算编制说明, 其他相关情况说明 and 项目经费情况说明 with each project's 财政项目支出绩效目标申报表.

The sentences follow the published Shanghai district documents (a real one:
tests/data/shpt-chengguan-2026-budget.txt): amounts in 万元 without separators, a whole 万元
without decimals ("27万元"), a comparison with last year's budget only where its figure is
known, "与上年预算持平" when the rounded figure did not move. A 单位预算 (facts.unit) says what
its own lines say; the department's 政府采购 and 国有资产 are not the unit's and stay out.
"""
from budget.budgets import sources as S
from budget.budgets.models import BudgetUnit, Vehicle
from budget.figures.catalogue import THREE_PUBLIC_BY_NAME
from budget.figures.money import plain_wan as wan, to_wan

from .glossary import SHANGHAI_TERMS
from .narrative import Block, Section, merged_levels, numeral

# 收入预算: 财政拨款收入 (compared with last year), then the unit's own sources.
OWN_INCOME = [("事业收入", (S.Source.UNIT_BUSINESS,)), ("事业单位经营收入", (S.Source.UNIT_OPERATING,)),
              ("其他收入", (S.Source.UNIT_OTHER,))]
# The eight kinds of the 党政机关公务用车 rules, in the order and words of the published text.
VEHICLE_KINDS = [
    (Vehicle.Kind.MINISTERIAL_LEADER, "部级领导干部用车"), (Vehicle.Kind.PRINCIPAL_LEADER, "主要领导干部用车"),
    (Vehicle.Kind.CONFIDENTIAL, "机要通信用车"), (Vehicle.Kind.EMERGENCY, "应急保障用车"),
    (Vehicle.Kind.LAW_ENFORCEMENT, "执法执勤用车"), (Vehicle.Kind.SPECIAL_PROFESSIONAL, "特种专业技术用车"),
    (Vehicle.Kind.RETIRED_CADRES, "离退休干部用车"), (Vehicle.Kind.OTHER, "其他用车"),
]
COUNTS = "零一两三四五六七八九十"
# The three budgets of 财政拨款 as the published sentences name them, with their metric.
FISCAL = [("一般公共预算拨款", "income.general_budget"), ("政府性基金拨款", "income.fund_budget"),
          ("国有资本经营预算拨款", "income.state_capital_budget")]


def against(f, now, prior):
    """'，比2025年预算增加27万元' / '，与2025年预算持平'; '' when last year's figure is unknown."""
    if prior is None:
        return ""
    difference = to_wan(now) - to_wan(prior)
    if not difference:
        return f"，与{f.year - 1}年预算持平"
    return f"，比{f.year - 1}年预算{'增加' if difference > 0 else '减少'}{wan(abs(now - prior))}"


def compared(f, metric, prior=None):
    return against(f, f[metric], f.prior[metric] if prior is None else prior)


def reason(f, *metrics, lead="，主要原因是"):
    """The first reason entered for these metrics, after `lead`; '' without one."""
    text = next((f.reasons.get(metric) for metric in metrics if f.reasons.get(metric)), None)
    return f"{lead}{text}" if text else ""


def lines_of(text):
    return [line for line in text.splitlines() if line.strip()]


def terms(f):
    """名词解释: the template's five terms, numbered （一）…（五）."""
    return [(numeral(n), term, meaning) for n, (term, meaning) in enumerate(SHANGHAI_TERMS, start=1)]


def functions(f):
    """主要职能: the department's entered texts; a unit's are those entered under its name."""
    items = list(f.budget.functions.all())
    if f.unit is not None:
        items = [item for item in items if item.institution == f.unit.name]
    if not items:
        return None
    s = Section("")
    for item in items:
        if len(items) > 1:
            s.h(item.institution)
        for line in lines_of(item.duties):
            s.p(line)
    return [s]


def structure(f):
    """机构设置: the department's entered text (a unit has none of its own)."""
    text = f.budget.overview.structure if f.unit is None else ""
    if not text.strip():
        return None
    s = Section("")
    for line in lines_of(text):
        s.p(line)
    return [s]


def preparation(f):
    """部门预算编制说明: income and spending, 财政拨款 by budget, the reason of the change, and
    each 项 of 财政拨款 with what it is 主要用于."""
    s = Section("")
    fiscal, prior_fiscal = f["income.fiscal"], f.prior.of([metric for _, metric in FISCAL])
    own = "；".join(f"{label}{wan(f.class_sums.of_sources(sources))}" for label, sources in OWN_INCOME)
    s.p(f"{f.year}年，{f.name}收入预算{wan(f['income.total'])}，其中：财政拨款收入{wan(fiscal)}"
        f"{against(f, fiscal, prior_fiscal)}；{own}。")
    groups = "；".join(f"{label}支出预算{wan(f[metric])}{compared(f, metric)}" for label, metric in FISCAL)
    s.p(f"支出预算{wan(f['income.total'])}，其中：财政拨款支出预算{wan(fiscal)}{against(f, fiscal, prior_fiscal)}。"
        f"财政拨款支出预算中，{groups}。")
    if prior_fiscal is not None and to_wan(fiscal) != to_wan(prior_fiscal):
        why = reason(f, "income.fiscal", "income.total", lead="")
        if why:
            s.p(f"财政拨款收入支出{'增加' if fiscal > prior_fiscal else '减少'}的主要原因是{why}。")
    items = fiscal_items(f)
    if items:
        s.p("财政拨款支出主要内容如下：")
    for n, (code, amount) in enumerate(items, start=1):
        # Every level is looked up (the entry offers each one, budget.document.printed), the finest wins.
        usage = next(filter(None, [f.usage.get(f"function.{code[:size]}") for size in (7, 5, 3)]), None)
        s.p(f"{n}. “{subject(f, code)}”{wan(amount)}" + (f"，主要用于{usage}。" if usage else "。"))
    return [s]


def fiscal_items(f):
    """[(项 code, 财政拨款 amount)] in code order, those with money."""
    codes = sorted({code for code, source in f.class_sums if source in S.FISCAL})
    return [(code, amount) for code in codes if (amount := f.amount_under(code, S.FISCAL))]


def subject(f, code):
    names = f.function_names
    return f"{names.get(code[:3], '')}（类）{names.get(code[:5], '')}（款）{names.get(code, '')}（项）"


def other_matters(f):
    """其他相关情况说明: 三公, 机关运行经费, 政府采购, 绩效目标, 国有资产 and the entered 其他事项."""
    sections = [three_public(f), operating_expenses(f)]
    if f.unit is None:
        sections.append(procurement(f))
    sections.append(targets(f))
    if f.unit is None:
        sections.append(assets(f))
        if f.budget.other_matters.strip():
            sections.append(Section("其他需说明的事项", [Block("p", line) for line in lines_of(f.budget.other_matters)]))
    for n, section in enumerate(sections, start=1):
        section.title = f"{numeral(n)}、{section.title}"
    return sections


def three_public(f):
    s = Section(f"{f.year}年“三公”经费预算情况说明")
    s.p(f"{three_public_item(f, 'three_public.total', f'{f.year}年“三公”经费预算数为')}。其中：")
    item = THREE_PUBLIC_BY_NAME
    s.p(f"（一）{three_public_item(f, item['overseas'].metric, item['overseas'].label)}。")
    parts = [item["vehicle_purchase"], item["vehicle_operation"]]
    metrics = [part.metric for part in parts]
    both = sum(f[metric] for metric in metrics)
    details = "；".join(three_public_item(f, part.metric, part.label) for part in parts)
    s.p(f"（二）公务用车购置及运行费{wan(both)}{against(f, both, f.prior.of(metrics))}。其中：{details}。")
    s.p(f"（三）{three_public_item(f, item['reception'].metric, item['reception'].label)}。")
    return s


def three_public_item(f, metric, label):
    """'公务用车购置费75万元，比2025年预算增加27万元，主要原因是…': a reason beside a comparison."""
    comparison = compared(f, metric)
    return f"{label}{wan(f[metric])}{comparison}" + (reason(f, metric) if comparison else "")


def count(n):
    return f"{COUNTS[n]}家" if n <= 10 else f"{n}家"


def operating_expenses(f):
    """机关运行经费, with the count of 机关 and 参公 units whose basic spending it is."""
    s = Section("机关运行经费预算")
    metric = "operating_expenses"
    offices = ""
    if f.unit is None:
        kinds = [unit.kind for unit in f.budget.units.all()]
        named = [(kinds.count(BudgetUnit.Kind.ADMINISTRATIVE), "机关"),
                 (kinds.count(BudgetUnit.Kind.CIVIL_SERVICE_MANAGED), "参照公务员法管理事业单位")]
        offices = "和".join(f"{count(n)}{label}" for n, label in named if n)
        offices = f"下属{offices}" if offices else ""
    comparison = compared(f, metric)
    s.p(f"{f.year}年{f.name}{offices}财政拨款的机关运行经费预算为{wan(f[metric])}{comparison}"
        + (reason(f, metric) if comparison else "") + "。")
    return s


def procurement(f):
    p = f.budget.procurement
    s = Section("政府采购预算情况")
    s.p(f"{f.year}年本部门政府采购预算{wan(p.goods + p.works + p.services)}，其中：政府采购货物预算{wan(p.goods)}、"
        f"政府采购工程预算{wan(p.works)}、政府采购服务预算{wan(p.services)}。")
    s.p(f"{f.year}年本部门面向中小企业预留政府采购项目预算金额{wan(p.sme_reserved)}，其中，"
        f"预留给小型和微型企业的政府采购项目预算为{wan(p.small_micro_reserved)}。")
    return s


def targets(f):
    """绩效目标设置情况: the projects with indicators, their units and their money."""
    s = Section("绩效目标设置情况")
    projects = [p for p in f.projects if p.indicators.all()]
    units = f.lines.filter(project__in=[p.id for p in projects]).values("unit_id").distinct().count()
    who = "本单位" if f.unit is not None else f"本部门{units}个预算单位"
    s.p(f"按照本区预算绩效管理工作的总体要求，{who}开展了{f.year}年项目预算绩效目标编报工作，"
        f"编报绩效目标的项目{len(projects)}个，涉及项目预算资金{wan(sum(p.total for p in projects))}。")
    return s


def assets(f):
    """国有资产占有使用情况: vehicles of the eight kinds, 100万元 equipment, planned purchases; a value
    that is not published (None) leaves its words out."""
    a = f.budget.assets
    vehicles = {v.kind: v for v in f.budget.vehicles.all()}
    kinds = VEHICLE_KINDS + [(kind, v.get_kind_display()) for kind, v in vehicles.items()
                             if kind not in dict(VEHICLE_KINDS)]  # a kind the rules do not name is still told
    s = Section("国有资产占有使用情况")
    held = "、".join(f"{label}{vehicles[kind].count if kind in vehicles else 0}辆" for kind, label in kinds)
    equipment = "" if a.equipment_over_1m is None else f"；单价100万元（含）以上设备（不含车辆）{a.equipment_over_1m}套"
    as_of = f"{a.as_of.year}年{a.as_of.month}月{a.as_of.day}日"
    s.p(f"截至{as_of}，{f.name}共有车辆{sum(v.count for v in vehicles.values())}辆，其中：{held}{equipment}。")
    planned = []
    if a.planned_vehicles is not None:
        kinds_planned = "、".join(f"{label}{vehicles[kind].planned if kind in vehicles else 0}辆" for kind, label in kinds)
        planned.append(f"{f.year}年部门预算安排购置车辆{a.planned_vehicles}辆，其中：{kinds_planned}")
    if a.planned_equipment_over_1m is not None:
        planned.append(f"部门预算安排购置单价100万元（含）以上设备（不含车辆）{a.planned_equipment_over_1m}套")
    if planned:
        s.p("；".join(planned) + "。")
    return s


def projects(f):
    """项目经费情况说明 of the projects that publish their targets, each with its 申报表."""
    published = [p for p in f.projects if p.targets_published and p.indicators.all()]
    if not published:
        return None
    return [project_section(f, project) for project in published]


def implementing_unit(f, project):
    if project.implementing_unit is not None:
        return project.implementing_unit.name
    return project.unit_name or f.name


def project_section(f, project):
    s = Section(project.name)
    parts = []
    if project.policy_basis.strip():
        parts.append(("立项依据", lines_of(project.policy_basis)))
    parts.append(("实施主体", [implementing_unit(f, project)]))
    parts.append(("实施周期", [f"{chinese_day(project.start)}-{chinese_day(project.end)}"]))
    parts.append(("年度预算安排", [f"本年度{project.name}预算金额为{wan(project.total)}。"]))
    for n, (title, texts) in enumerate(parts, start=1):
        s.h(f"{numeral(n)}、{title}")
        for text in texts:
            s.p(text)
    s.h(f"{numeral(len(parts) + 1)}、绩效目标")
    s.blocks.append(Block("declaration_form", data=declared(f, project)))
    return s


SYMBOLS = {">=": "≥", "<=": "≤"}


def declared(f, project):
    """The project with what its 申报表 prints: 实施单位, 其他资金 (of the whole period and of the
    year) and each indicator's value as '≥90.00(%)', the merged 一级/二级 cells as printed."""
    project.implementer = implementing_unit(f, project)
    project.total_other = None if project.total_amount is None or project.total_fiscal is None else (
        project.total_amount - project.total_fiscal)
    project.annual_other = project.other - project.carryover
    project.form_indicators = [
        (i, span1, span2, f"{SYMBOLS.get(i.comparator, i.comparator)}{i.value}" + (f"({i.unit})" if i.unit else ""))
        for i, span1, span2 in merged_levels(list(project.indicators.all()))
    ]
    return project


def chinese_day(day):
    return f"{day.year}年{day.month}月{day.day}日"

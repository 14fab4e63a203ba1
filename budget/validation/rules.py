"""The catalogue of validation rules, and `validate(budget)` that runs them all.

Errors block submission; warnings ask for a second look. Each rule reads the budget
through a `Subject`, which computes the shared figures (this year's metrics, the prior
year's, the reason texts) once. Figures come from budget.figures, the same functions the
document prints them with.
"""
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q, Sum

from budget.budgets.models import Assets, DepartmentTarget, Explanation, Line, Overview, Procurement
from budget.budgets.models import TEMPLATES
from budget.budgets.publication import printed, template_of
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.document.printed import USAGE, metric_label, printed_keys
from budget.figures.catalogue import FUNCTION_METRIC, METRICS, THREE_PUBLIC, is_metric
from budget.figures.metrics import metrics_with_prior
from budget.figures.money import WAN_YUAN, change, exact, growth
from budget.tables.templates import TEMPLATES as TABLE_TEMPLATES

from .findings import ERROR, RULES, WARNING, Location, rule

TARGET_WEIGHT = 90  # the other 10 points of a self-assessment belong to 预算执行率
CHANGE_LIMIT = Decimal(30)  # per cent
THREE_PUBLIC_ITEMS = [item.metric for item in THREE_PUBLIC]
PARTS = {"overview": (Overview, "部门概况"), "procurement": (Procurement, "政府采购"),
         "assets": (Assets, "国有资产"), "target": (DepartmentTarget, "部门整体绩效目标")}


def wan(yuan):
    """An amount in 万元 for a message, exact (more than two decimals only when needed)."""
    return f"{exact(yuan, WAN_YUAN, grouping=True)} 万元"


class Subject:
    """The budget under validation, with the figures several rules share."""

    def __init__(self, budget):
        self.budget = budget

    @cached_property
    def parts(self):
        """The one-to-one parts by name, read afresh (the budget object may hold stale ones)."""
        return {name: model.objects.filter(budget=self.budget).first() for name, (model, _) in PARTS.items()}

    def part(self, name):
        """A one-to-one part (overview, procurement, …), or None when it was never entered."""
        return self.parts[name]

    @cached_property
    def figures(self):
        """(this year's metrics, the PriorFigures), summed together (see metrics_with_prior)."""
        return metrics_with_prior(self.budget)

    @property
    def now(self):
        return self.figures[0]

    @property
    def prior(self):
        return self.figures[1]

    @cached_property
    def printed(self):
        """The keys the document prints (document.printed), or None while it cannot be written
        yet (a part or the units missing: budget.parts says so)."""
        if None in self.parts.values() or not self.budget.units.exists():
            return None
        return printed_keys(self.budget, self.figures)

    @cached_property
    def reasons(self):
        """Metrics with a reason text that is not blank."""
        texts = self.budget.explanations.filter(kind=Explanation.Kind.REASON).values_list("key", "text")
        return {key for key, text in texts if text.strip()}

    def label(self, metric):
        function = FUNCTION_METRIC.fullmatch(metric)
        if function:
            code = function[1]
            subject = FunctionalSubject.objects.filter(edition_id=self.budget.edition_id, code=code).first()
            return f"一般公共预算 {code} {subject.name if subject else ''}".rstrip()
        return METRICS[metric].label


def validate(budget):
    """Every finding of every rule, errors first."""
    subject = Subject(budget)
    findings = [finding for each in RULES for finding in each.run(subject)]
    return sorted(findings, key=lambda finding: finding.severity != ERROR)


def has_errors(findings):
    return any(finding.is_error for finding in findings)


@rule("budget.parts", ERROR, "部门概况、政府采购、国有资产、整体绩效目标和预算单位都已填写",
      "公开文本的各部分都从这些内容写出，缺少任何一部分文本就无法生成")
def parts(s):
    for name, (_, label) in PARTS.items():
        if s.part(name) is None:
            yield f"缺少{label}", Location(name)
    if not s.budget.units.exists():
        yield "没有预算单位（没有下属单位时为部门本级）", Location("units")


def wrong_codes(s, field, model, level):
    """Lines whose `field` is not a subject of the budget's edition at `level`."""
    edition = s.budget.edition
    lines = s.budget.lines.exclude(**{f"{field}__edition_id": edition.pk, f"{field}__level": level})
    for line in lines.select_related(f"{field}__edition").order_by("id"):
        subject = getattr(line, field)
        if subject.edition_id != edition.pk:
            problem = f"是 {subject.edition.year} 年版的科目，本预算使用 {edition.year} 年版"
        else:
            problem = f"是{model.LEVELS[subject.level]}级科目，明细应填{model.LEVELS[level]}级科目"
        yield f"{model._meta.verbose_name} {subject.code} {subject.name} {problem}", Location("lines", line.pk, field)


@rule("line.function", ERROR, "明细的功能分类科目是本预算版本的项级科目",
      "各表按类、款、项汇总明细，只有本版本的项级科目才能归入表中的行")
def line_function(s):
    return wrong_codes(s, "function", FunctionalSubject, 3)


@rule("line.economic", ERROR, "明细的经济分类科目是本预算版本的款级科目",
      "经济分类表和人员经费、公用经费、“三公”经费都按本版本的款级科目汇总")
def line_economic(s):
    return wrong_codes(s, "economic", EconomicSubject, 2)


@rule("line.unit", ERROR, "明细的预算单位属于本预算",
      "部门预算是所属预算单位明细的合计，别的预算的单位会把金额算错部门")
def line_unit(s):
    for line in s.budget.lines.exclude(unit__budget=s.budget).select_related("unit").order_by("id"):
        yield f"预算单位 {line.unit} 不属于本预算", Location("lines", line.pk, "unit")


@rule("line.project", ERROR, "项目支出明细指明本预算的项目，基本支出明细不指明项目",
      "项目的预算安排规模、财政拨款和其他资金都从项目的明细加总")
def line_project(s):
    """The database already refuses a project line without a project and a basic line with
    one; what it cannot refuse is a project of another budget."""
    budget = s.budget
    wrong = Q(kind=Line.Kind.BASIC, project__isnull=False) | (Q(kind=Line.Kind.PROJECT) & ~Q(project__budget=budget))
    for line in budget.lines.filter(wrong).select_related("project").order_by("id"):
        if line.kind == Line.Kind.BASIC:
            message = "基本支出不能指明项目"
        elif line.project is None:
            message = "项目支出必须指明项目"
        else:
            message = f"项目 {line.project.code} 不属于本预算"
        yield message, Location("lines", line.pk, "project")


@rule("project.allocation", ERROR, "项目的资金分配合计等于项目明细合计（未填资金分配的除外）",
      "公开的资金分配情况写出“共计”，它必须等于项目的预算安排规模")
def project_allocation(s):
    budget = s.budget
    totals = dict(budget.lines.filter(project__isnull=False).values_list("project").annotate(Sum("amount")))
    projects = budget.projects.annotate(allocated=Sum("allocation__amount"), items=Count("allocation"))
    for project in projects:
        lines = totals.get(project.pk, 0)
        if project.items and project.allocated != lines:
            yield (f"项目“{project.name}”资金分配合计 {wan(project.allocated)}，与项目明细合计 {wan(lines)}不符",
                   Location("projects", project.pk, "allocation"))


@rule("project.indicators", WARNING, "项目有绩效指标（财政部门要求每个项目都有时为错误）",
      "实际公开的预算多数只为选定的项目公开绩效目标；财政部门设置“要求每个项目都有绩效指标”时，缺少指标的项目不能报送")
def project_indicators(s):
    severity = ERROR if s.budget.department.bureau.requires_project_targets else WARNING
    for project in s.budget.projects.annotate(count=Count("indicators")).filter(count=0):
        yield f"项目“{project.name}”没有绩效指标", Location("projects", project.pk, "indicators"), severity


@rule("project.weights", WARNING, "每个项目的绩效指标分值权重合计为 90",
      "自评时指标共 90 分，另 10 分属于预算执行率；模板不印权重时不检查")
def project_weights(s):
    if not printed(s.budget, "weights"):
        return
    projects = s.budget.projects.annotate(count=Count("indicators"), weight=Sum("indicators__weight"))
    for project in projects.filter(count__gt=0).exclude(weight=TARGET_WEIGHT):
        yield (f"项目“{project.name}”的绩效指标分值权重合计 {project.weight}，应为 {TARGET_WEIGHT}",
               Location("projects", project.pk, "indicators"))


@rule("target.weights", WARNING, "部门整体绩效目标的指标分值权重合计为 90",
      "自评时指标共 90 分，另 10 分属于预算执行率；没有整体绩效目标或模板不印权重时不检查")
def target_weights(s):
    indicators = s.budget.indicators.filter(project=None)
    if not printed(s.budget, "weights") or not indicators.exists():
        return
    weight = indicators.aggregate(total=Sum("weight"))["total"] or 0
    if weight != TARGET_WEIGHT:
        yield f"部门整体绩效目标的指标分值权重合计 {weight}，应为 {TARGET_WEIGHT}", Location("indicators", field="weight")


def beyond_limit(now, prior):
    return prior is not None and growth(now, prior) > CHANGE_LIMIT


@rule("change.reason", WARNING, "比上年预算变动超过 30% 的数字都说明了主要原因",
      "公开文本在变动的数字后写出主要原因，变动较大而没有原因会被问询")
def change_reason(s):
    """Every figure that has a prior-year figure (the metrics of the exchange file's
    `comparison`, 三公 apart: see three_public.reason) and changed by more than 30%, as the
    document prints the change (two decimals, so 30.00% is not above 30%)."""
    for metric, now in s.now.items():
        if not is_metric(metric) or metric.startswith("three_public.") or metric in s.reasons:
            continue
        prior = s.prior[metric]
        if beyond_limit(now, prior):
            yield (f"{s.label(metric)}比上年预算{change(now, prior)}，变动超过 30%，没有填写主要原因",
                   Location("explanations", field=metric))


@rule("three_public.reason", WARNING, "“三公”经费的增加和超过 30% 的变动都说明了主要原因",
      "“三公”经费的增加按规定要说明原因")
def three_public_reason(s):
    """Any increase of a 三公 figure, or a change above 30%, needs a reason. The total counts
    as explained when each item that changed has its reason: the document writes the total's
    change followed by the items' changes and reasons, as the reference does (its total grew
    by 30.61% without a reason of its own; the changed items 公务接待费 and 公务用车运行费 have
    theirs)."""
    def needs_reason(metric):
        now, prior = s.now[metric], s.prior[metric]
        return prior is not None and (now > prior or beyond_limit(now, prior)) and metric not in s.reasons

    for metric in THREE_PUBLIC_ITEMS:
        if needs_reason(metric):
            yield (f"{s.label(metric)}比上年预算{change(s.now[metric], s.prior[metric])}，没有填写主要原因",
                   Location("explanations", field=metric))
    total = "three_public.total"
    changed = [m for m in THREE_PUBLIC_ITEMS if s.prior[m] is not None and s.now[m] != s.prior[m]]
    explained = changed and all(m in s.reasons for m in changed)
    if needs_reason(total) and not explained:
        yield (f"“三公”经费合计比上年预算{change(s.now[total], s.prior[total])}，没有填写主要原因，"
               "也没有为每个变动的分项填写原因", Location("explanations", field=total))


@rule("procurement.sme", ERROR, "面向中小企业预留不超过政府采购预算合计",
      "预留份额是政府采购预算的一部分")
def procurement_sme(s):
    p = s.part("procurement")
    if p and p.sme_reserved > p.goods + p.works + p.services:
        yield (f"面向中小企业预留 {wan(p.sme_reserved)}超过政府采购预算合计 {wan(p.goods + p.works + p.services)}",
               Location("procurement", field="sme_reserved"))


@rule("procurement.small_micro", ERROR, "小微企业预留不超过面向中小企业预留",
      "小微企业预留是面向中小企业预留的一部分")
def procurement_small_micro(s):
    p = s.part("procurement")
    if p and p.small_micro_reserved > p.sme_reserved:
        yield (f"小微企业预留 {wan(p.small_micro_reserved)}超过面向中小企业预留 {wan(p.sme_reserved)}",
               Location("procurement", field="small_micro_reserved"))


@rule("vehicles.consistent", ERROR, "车辆数量与价值一致（没有车辆就没有价值；模板印出价值时，有车辆就有价值）",
      "公开的车辆价值与数量相矛盾会被问询；不印车辆价值的模板不要求填写价值")
def vehicles_consistent(s):
    values_printed = "value" in printed(s.budget, "vehicles")
    for vehicle in s.budget.vehicles.all():
        kind = vehicle.get_kind_display()
        if vehicle.count == 0 and vehicle.value:
            yield f"{kind}数量为 0，价值却为 {wan(vehicle.value)}", Location("vehicles", vehicle.pk, "value")
        elif vehicle.count > 0 and vehicle.value == 0 and values_printed:
            yield f"{kind} {vehicle.count} 辆，价值却为 0", Location("vehicles", vehicle.pk, "value")


@rule("vehicles.planned", ERROR, "各类车辆的拟购置数之和等于拟购置车辆数",
      "公开文本写出拟购置车辆总数及各类数量，两者必须一致")
def vehicles_planned(s):
    assets = s.part("assets")
    planned = sum(vehicle.planned for vehicle in s.budget.vehicles.all())
    if assets and assets.planned_vehicles is not None and planned and planned != assets.planned_vehicles:
        yield (f"各类车辆拟购置 {planned} 辆，与拟购置车辆 {assets.planned_vehicles} 辆不符",
               Location("assets", field="planned_vehicles"))


@rule("published.missing", ERROR, "模板印出的人员、资产数字都已公开（未填为“不公开”）",
      "未公开的数字从不当作 0 印出；模板要印出的数字缺少时文本会缺句，不公开的数字只在模板不印时允许")
def published_missing(s):
    for part in ("overview", "assets"):
        row = s.part(part)
        for name in printed(s.budget, part) if row else []:
            if getattr(row, name) is None:
                label = row._meta.get_field(name).verbose_name
                yield f"{template_label(s.budget)}要印出“{label}”，此项未公开（为空）", Location(part, field=name)
    if "value" in printed(s.budget, "vehicles"):
        for vehicle in s.budget.vehicles.filter(value=None):
            yield (f"{template_label(s.budget)}要印出车辆价值，{vehicle.get_kind_display()}的价值未公开（为空）",
                   Location("vehicles", vehicle.pk, "value"))


@rule("template.sources", ERROR, "明细的资金来源在公开模板的表中有位置",
      "上海 2026 版的表没有财政专户核拨、上级补助收入、附属单位上缴收入和上年结转结余的行或列，这些明细公开不出来")
def template_sources(s):
    unshown = TABLE_TEMPLATES[template_of(s.budget)].unshown_sources()
    lines = s.budget.lines.filter(source__in=unshown).select_related("function", "economic").order_by("id")
    for line in lines:
        yield (f"{template_label(s.budget)}的表中没有“{line.get_source_display()}”的位置：明细 {line.function.code} "
               f"{line.economic.code} {line.amount:,.2f} 元公开不出来，请改为模板列出的资金来源",
               Location("lines", line.pk, "source"))


def template_label(budget):
    return f"公开模板“{dict(TEMPLATES)[template_of(budget)]}”"


@rule("overview.functions", ERROR, "填写了主要职能",
      "第一部分从主要职能写起")
def overview_functions(s):
    if not any(function.duties.strip() for function in s.budget.functions.all()):
        yield "没有填写主要职能", Location("functions")


@rule("overview.structure", ERROR, "填写了机构设置",
      "第一部分写出机构设置")
def overview_structure(s):
    overview = s.part("overview")
    if overview and not overview.structure.strip():
        yield "没有填写机构设置", Location("overview", field="structure")


@rule("overview.staffing", WARNING, "在职、退休、离休人数之和等于实有人数",
      "公开的人员情况中实有人数是在职、退休、离休之和；有未公开的人数时不检查")
def overview_staffing(s):
    o = s.part("overview")
    if o and None not in (o.serving, o.retired, o.retired_cadres, o.actual) and o.serving + o.retired + o.retired_cadres != o.actual:
        yield (f"在职 {o.serving} + 退休 {o.retired} + 离休 {o.retired_cadres} = "
               f"{o.serving + o.retired + o.retired_cadres} 人，与实有人数 {o.actual} 人不符",
               Location("overview", field="actual"))


@rule("narrative.printed", WARNING, "填写的变动原因和主要用途都会印在文档中",
      "文档只在与上年比较的地方印出变动原因，只为列出金额的科目印出主要用途；其余的填写不会出现")
def unprinted_texts(s):
    if (keys := s.printed) is None:
        return
    for item in s.budget.explanations.all():
        if item.kind == Explanation.Kind.USAGE:
            code = item.key.removeprefix(USAGE)
            if item.key not in keys.usage:
                yield (f"主要用途“{code} {keys.names.get(code, '')}”不会印在文档中：文档不列出这个科目的金额",
                       Location("explanations", field=item.key))
        elif item.key not in keys.reasons or s.prior[item.key] is None:
            why = "文档中没有这一项的上年比较" if item.key not in keys.reasons else "没有上年预算数，不作比较"
            yield (f"变动原因“{metric_label(item.key, keys.names)}”不会印在文档中：{why}",
                   Location("explanations", field=item.key))


@rule("comparison.printed", WARNING, "填写的上年预算数都会印在文档中",
      "文档只在它与上年比较的地方印出上年预算数（如一般公共预算中有金额的项）；其余的填写不会出现")
def unprinted_prior_figures(s):
    if (keys := s.printed) is None:
        return
    for metric, amount in s.budget.prior_figures.order_by("metric").values_list("metric", "amount"):
        if metric not in keys.prior:
            yield (f"上年预算数“{metric_label(metric, keys.names)}”（{wan(amount)}）不会印在文档中：文档中没有这一项的上年比较",
                   Location("prior_figures", field=metric))

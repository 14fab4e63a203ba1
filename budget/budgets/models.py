"""The budget of one department for one year.

Every amount of expenditure is a `Line`; the tables and the narrative are derived from the
lines. The other models hold what the lines cannot say. Amounts are stored exactly, in 元.

Every model keeps its history (django-simple-history: who, when, every field), shown by
budget.audit. An import replaces a budget's parts without a history row per part: it is
recorded as one change of the budget (see budget.budgets.revisions).
"""
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from budget.codes.models import EconomicSubject, Edition, FunctionalSubject
from budget.orgs.models import TEMPLATES, Department, validate_code

from .sources import Source

# Money columns hold 16 digits with 2 decimals: amounts stay below 10**14 元 (budget.figures.money).
MAX_DIGITS = 16


def Money(verbose_name, **kwargs):
    """An amount in 元 with fen; the exchange file and the forms convert from 万元."""
    kwargs.setdefault("default", 0)
    field = models.DecimalField(verbose_name, max_digits=MAX_DIGITS, decimal_places=2, **kwargs)
    field.in_yuan = True  # the audit trail shows it in 万元
    return field


def Unpublished(field_class, verbose_name, **kwargs):
    """A value a department may leave unpublished: NULL, never printed as a figure."""
    return field_class(verbose_name, null=True, blank=True, help_text="留空表示不公开", **kwargs)


def Text(verbose_name, max_length, **kwargs):
    """Text written by people, at most `max_length` characters: the forms (Django's own check and
    the textarea's maxlength), the model's validation and the exchange reader refuse longer
    ones. The limits are several times the longest texts of real budgets; a 2.4-million-character
    text made an 819-page PDF that took 25 s to render."""
    return models.TextField(verbose_name, max_length=max_length, validators=[MaxLengthValidator(max_length)],
                            **kwargs)


def Position():
    """The order of a row among its budget's (or project's) rows of the same kind."""
    return models.PositiveIntegerField("顺序", default=0)


def Of(model, related_name=None, **kwargs):
    """The budget (or project) a part belongs to."""
    return models.ForeignKey(model, models.CASCADE, related_name=related_name,
                             verbose_name=model._meta.verbose_name, **kwargs)


def non_negative(model_name, *fields):
    return [
        models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=f"{model_name}_{field}_gte_0")
        for field in fields
    ]


class Budget(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已报送"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已审核"
        PUBLISHED = "published", "已公开"

    class AmountUnit(models.TextChoices):
        YUAN = "yuan", "元"
        WAN_YUAN = "wan_yuan", "万元"

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    department = models.ForeignKey(Department, models.PROTECT, related_name="budgets", verbose_name="部门")
    year = models.PositiveSmallIntegerField("预算年度")
    edition = models.ForeignKey(Edition, models.PROTECT, verbose_name="分类科目版本")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    amount_unit = models.CharField(
        "交换文件金额单位", max_length=8, choices=AmountUnit.choices, default=AmountUnit.WAN_YUAN
    )
    published_on = models.DateField("公开日期", null=True, blank=True)
    # The publication template the exchange file named; "" means the finance bureau's.
    template = models.CharField("公开模板", max_length=20, blank=True, choices=TEMPLATES)
    other_matters = Text("其他需说明的事项", 10000, blank=True)
    # Optimistic locking: a form carries the revision it showed and is refused when it moved.
    revision = models.PositiveIntegerField("修订号", default=1)
    revised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="最后修改人")
    revised_at = models.DateTimeField("最后修改时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "revision", "revised_by", "revised_at"])

    class Meta:
        ordering = ["-year", "department__code"]
        verbose_name = verbose_name_plural = "部门预算"
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="budget_one_per_year")]

    def __str__(self):
        return f"{self.department.name} {self.year} 年部门预算"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE


class BudgetUnit(models.Model):
    """A 预算单位 whose lines make up the department's budget (本级 is the department itself)."""

    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", "行政单位"
        CIVIL_SERVICE_MANAGED = "civil_service_managed", "参照公务员法管理事业单位"
        PUBLIC_INSTITUTION = "public_institution", "事业单位"
        OTHER = "other", "其他"

    budget = Of(Budget, "units")
    position = Position()
    code = models.CharField("单位编码", max_length=20, validators=[validate_code])
    name = models.CharField("单位名称", max_length=100)
    kind = models.CharField("单位性质", max_length=24, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "预算单位"
        constraints = [models.UniqueConstraint(fields=["budget", "code"], name="unit_unique_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class Project(models.Model):
    """A 项目 with its 资金分配 and 绩效目标; its totals come from its lines."""

    budget = Of(Budget, "projects")
    position = Position()
    code = models.CharField("项目编码", max_length=40)
    name = models.CharField("项目名称", max_length=200)
    unit_name = models.CharField("项目承担单位", max_length=100, blank=True)
    manager = models.CharField("项目负责人", max_length=50, blank=True)
    policy_basis = Text("设立的政策依据", 2000, blank=True)
    start = models.DateField("执行开始日期")
    end = models.DateField("执行结束日期")
    goal = Text("项目总体目标", 2000, blank=True)
    annual_goal = Text("年度目标", 2000, blank=True)
    total_amount = Money("项目资金总额", default=None, null=True, blank=True, help_text="项目全周期，可跨年度；留空表示不公开")
    total_fiscal = Money("其中：财政资金", default=None, null=True, blank=True, help_text="留空表示不公开")
    nature = models.CharField("项目性质", max_length=50, blank=True, help_text="如 经常性项目、一次性项目")
    category = models.CharField("项目类别", max_length=50, blank=True)
    implementing_unit = models.ForeignKey(
        BudgetUnit, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="实施单位",
        help_text="实施项目的预算单位，不是部门本身时填写",
    )
    targets_published = models.BooleanField("公开绩效目标表", default=True)
    # Revision-2 keys the exchange file gave with their default value, written back on export.
    given_keys = models.JSONField("交换文件给出的键", default=list, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "项目"
        constraints = non_negative("project", "total_amount", "total_fiscal") + [
            models.UniqueConstraint(fields=["budget", "code"], name="project_unique_code"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="project_period_order"),
        ]

    def __str__(self):
        return self.name


class AllocationItem(models.Model):
    project = Of(Project, "allocation")
    position = Position()
    item = models.CharField("分配事项", max_length=200)
    amount = Money("金额")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "资金分配"
        constraints = non_negative("allocation", "amount")

    def __str__(self):
        return self.item


class Line(models.Model):
    """One amount: unit × 功能分类项 × 经济分类款 × source × basic/project × project."""

    class Kind(models.TextChoices):
        BASIC = "basic", "基本支出"
        PROJECT = "project", "项目支出"

    # What makes a line one line (within its budget): every input of lines refuses a repeat so.
    KEY = ["unit", "function", "economic", "source", "kind", "project"]
    KEY_LABEL = "同一单位、功能科目、经济科目、资金来源、支出类型和项目"

    # Every query reaches lines by budget: its own narrow index (through line_unique_key the
    # planner read the whole table for a budget of a sixth of it, 27 ms instead of 4).
    budget = Of(Budget, "lines")
    # Found by unit (a unit's lines, the check when a unit is deleted) through line_unique_key,
    # which starts with it: an index of its own only slowed the import's writes.
    unit = models.ForeignKey(BudgetUnit, models.CASCADE, db_index=False, verbose_name="预算单位")
    # No index of their own: every query reaches lines by budget (the plans at 1.5 million lines
    # never used one), and each index slowed the import's writes. Only deleting a subject, which
    # the code lists never do, would scan the lines.
    function = models.ForeignKey(FunctionalSubject, models.PROTECT, db_index=False, verbose_name="功能分类科目")
    economic = models.ForeignKey(EconomicSubject, models.PROTECT, db_index=False, verbose_name="经济分类科目")
    source = models.CharField("资金来源", max_length=24, choices=Source.choices)
    kind = models.CharField("支出类型", max_length=8, choices=Kind.choices)
    # Indexed only where a project is named (line_project): half the lines or more name none.
    project = models.ForeignKey(Project, models.CASCADE, null=True, blank=True, db_index=False, verbose_name="项目")
    amount = Money("金额")

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "预算明细"
        constraints = non_negative("line", "amount") + [
            models.CheckConstraint(
                condition=Q(kind="basic", project__isnull=True) | Q(kind="project", project__isnull=False),
                name="line_project_iff_project_kind",
            ),
            # KEY within the budget, in one index: the kind follows from the project (the
            # constraint above), which is 0 when there is none (ids start at 1). The unit,
            # which implies the budget, comes first; the budget is named too, last, so that the
            # inline form of a budget's lines (without the budget) leaves repeats to its formset.
            models.UniqueConstraint(
                F("unit"), F("function"), F("economic"), F("source"),
                Coalesce(F("project"), 0, output_field=models.BigIntegerField()), F("budget"),
                name="line_unique_key",
            ),
        ]
        indexes = [
            # A project's lines, and the check when a project is deleted.
            models.Index(fields=["project"], condition=Q(project__isnull=False), name="line_project"),
        ]

    def __str__(self):
        """'2110101 行政运行 · 30101 基本工资 · 一般公共预算财政拨款 · 基本支出' (the key of a line)."""
        parts = [str(self.function), str(self.economic), self.get_source_display(), self.get_kind_display()]
        return " · ".join(parts + ([self.project.name] if self.project_id else []))


class Indicator(models.Model):
    """A performance indicator of a project, or of the department's 整体绩效目标 (project empty)."""

    COMPARATORS = ["=", ">=", "<=", ">", "<"]

    budget = Of(Budget, "indicators")
    project = Of(Project, "indicators", null=True, blank=True)
    position = Position()
    level1 = models.CharField("一级指标", max_length=50)
    level2 = models.CharField("二级指标", max_length=50)
    name = models.CharField("三级指标", max_length=200)
    comparator = models.CharField(
        "比较符", max_length=2, blank=True, choices=[(c, c) for c in COMPARATORS], help_text="空为定性指标"
    )
    value = models.CharField("指标值", max_length=100, blank=True)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    basis = models.CharField("指标值设定依据", max_length=200, blank=True)
    prior_actual = models.CharField("上年完成值", max_length=100, blank=True)
    weight = models.PositiveSmallIntegerField("分值权重", default=0)
    scoring = models.CharField("指标赋分规则", max_length=200, blank=True)
    evidence = models.CharField("佐证资料", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "绩效指标"

    def __str__(self):
        return self.name


class Overview(models.Model):
    """第一部分: 机构设置 and staffing (the 主要职能 are `InstitutionFunction` rows)."""

    budget = models.OneToOneField(Budget, models.CASCADE, related_name="overview", verbose_name="部门预算")
    structure = Text("机构设置", 5000, blank=True)
    authorized = Unpublished(models.PositiveIntegerField, "编制数", default=0)
    actual = Unpublished(models.PositiveIntegerField, "实有人数", default=0)
    serving = Unpublished(models.PositiveIntegerField, "在职人数", default=0)
    serving_change = Unpublished(models.IntegerField, "在职人数增减", default=0)
    retired = Unpublished(models.PositiveIntegerField, "退休人数", default=0)
    retired_change = Unpublished(models.IntegerField, "退休人数增减", default=0)
    retired_cadres = Unpublished(models.PositiveIntegerField, "离休人数", default=0)
    retired_cadres_change = Unpublished(models.IntegerField, "离休人数增减", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "部门概况"

    def __str__(self):
        return "部门概况"


class InstitutionFunction(models.Model):
    budget = Of(Budget, "functions")
    position = Position()
    institution = models.CharField("机构", max_length=100)
    duties = Text("主要职能", 2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "主要职能"

    def __str__(self):
        return self.institution


class Procurement(models.Model):
    budget = models.OneToOneField(Budget, models.CASCADE, related_name="procurement", verbose_name="部门预算")
    goods = Money("政府采购货物预算")
    works = Money("政府采购工程预算")
    services = Money("政府采购服务预算")
    sme_reserved = Money("面向中小企业预留")
    small_micro_reserved = Money("其中小微企业预留")

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "政府采购"
        constraints = non_negative(
            "procurement", "goods", "works", "services", "sme_reserved", "small_micro_reserved"
        )

    def __str__(self):
        return "政府采购"


class Assets(models.Model):
    budget = models.OneToOneField(Budget, models.CASCADE, related_name="assets", verbose_name="部门预算")
    as_of = models.DateField("统计截止日期")
    buildings_area_m2 = Unpublished(models.DecimalField, "房屋面积（平方米）", max_digits=14, decimal_places=2, default=0)
    buildings_value = Unpublished(Money, "房屋价值")
    furniture_value = Unpublished(Money, "办公家具价值")
    other_value = Unpublished(Money, "其他资产价值")
    equipment_over_500k = Unpublished(models.PositiveIntegerField, "50万元以上大型设备（台）", default=0)
    equipment_over_1m = Unpublished(models.PositiveIntegerField, "100万元以上大型设备（台）", default=0)
    planned_vehicles = Unpublished(models.PositiveIntegerField, "拟购置车辆（辆）", default=0)
    planned_equipment_over_500k = Unpublished(models.PositiveIntegerField, "拟购置50万元以上设备（台）", default=0)
    planned_equipment_over_1m = Unpublished(models.PositiveIntegerField, "拟购置100万元以上设备（台）", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "国有资产"
        constraints = non_negative(
            "assets", "buildings_area_m2", "buildings_value", "furniture_value", "other_value"
        )

    def __str__(self):
        return "国有资产"


class Vehicle(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", "一般公务用车"
        # The eight kinds of the 党政机关公务用车 rules (exchange format revision 2).
        MINISTERIAL_LEADER = "ministerial_leader", "部级领导干部用车"
        PRINCIPAL_LEADER = "principal_leader", "主要领导干部用车"
        CONFIDENTIAL = "confidential", "机要通信用车"
        EMERGENCY = "emergency", "应急保障用车"
        LAW_ENFORCEMENT = "law_enforcement", "执法执勤用车"
        SPECIAL_PROFESSIONAL = "special_professional", "特种专业技术用车"
        RETIRED_CADRES = "retired_cadres", "离退休干部用车"
        OTHER = "other", "其他车辆"

    budget = Of(Budget, "vehicles")
    position = Position()
    kind = models.CharField("车辆类型", max_length=24, choices=Kind.choices)
    count = models.PositiveIntegerField("数量（辆）", default=0)
    value = Unpublished(Money, "价值")
    planned = models.PositiveIntegerField("本年拟购置（辆）", default=0)
    # Revision-2 keys the exchange file gave with their default value, written back on export.
    given_keys = models.JSONField("交换文件给出的键", default=list, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "车辆"
        constraints = non_negative("vehicle", "value") + [
            models.UniqueConstraint(fields=["budget", "kind"], name="vehicle_unique_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


class DepartmentTarget(models.Model):
    """部门整体绩效目标; its indicators are `Indicator` rows without a project."""

    budget = models.OneToOneField(Budget, models.CASCADE, related_name="target", verbose_name="部门预算")
    contact = models.CharField("单位联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    goal = Text("年度绩效目标", 5000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "部门整体绩效目标"

    def __str__(self):
        return "部门整体绩效目标"


class PriorFigure(models.Model):
    """A prior-year budget figure (上年预算数) entered for a metric, overriding the computed one."""

    budget = Of(Budget, "prior_figures")
    metric = models.CharField("指标", max_length=40)
    amount = Money("上年预算数")

    history = HistoricalRecords()

    class Meta:
        ordering = ["metric"]
        verbose_name = verbose_name_plural = "上年预算数"
        constraints = non_negative("prior", "amount") + [
            models.UniqueConstraint(fields=["budget", "metric"], name="prior_unique_metric")
        ]

    def __str__(self):
        # The key's Chinese name is the catalogue's (budget.figures.catalogue.key_label), a layer up.
        return self.metric


class Explanation(models.Model):
    """A text of 第三部分 written by people: a 主要原因 (`reason`) or a 主要用于 (`usage`)."""

    class Kind(models.TextChoices):
        REASON = "reason", "变动主要原因"
        USAGE = "usage", "主要用途"

    budget = Of(Budget, "explanations")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    key = models.CharField("指标或科目", max_length=40)
    text = Text("说明", 2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = verbose_name_plural = "情况说明文字"
        constraints = [models.UniqueConstraint(fields=["budget", "kind", "key"], name="explanation_unique_key")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.key}"

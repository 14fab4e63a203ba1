"""Organisations: finance bureaus (财政部门), departments (部门) and their staff."""
import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

# The two roles a user holds towards a budget; a superuser holds both.
ACCOUNTANT, REVIEWER = "accountant", "reviewer"


# Department and unit codes name pages (/budgets/<code>/2024/) and files, so they hold
# letters, digits, "-" and "_" only: a "/" broke every page linking to the budget.
CODE = re.compile(r"[0-9A-Za-z_-]+", re.ASCII)
CODE_RULE = "编码只能由字母、数字、“-”和“_”组成"


def is_code(text):
    return bool(CODE.fullmatch(text))


def validate_code(value):
    """Field validator of every department and unit code, whatever form enters it."""
    if not is_code(value):
        raise ValidationError(f"{CODE_RULE}：{value}")


# Publication templates of the exchange format (revision 2): the layouts a bureau may prescribe.
TEMPLATES = [("xinjiang-2024", "新疆 2024 版"), ("shanghai-2026", "上海 2026 版")]
DEFAULT_TEMPLATE = "xinjiang-2024"


class FinanceBureau(models.Model):
    name = models.CharField("名称", max_length=100, unique=True)
    template = models.CharField(
        "公开模板", max_length=20, choices=TEMPLATES, default=DEFAULT_TEMPLATE,
        help_text="本财政部门各部门公开预算所用的模板；交换文件指定了模板的预算按其指定。已公开的版本不随之改变",
    )
    # Most bureaus publish targets for selected projects only; some require them for all.
    requires_project_targets = models.BooleanField(
        "要求每个项目都有绩效指标", default=False,
        help_text="选中时，没有绩效指标的项目是错误（不能报送）；否则只是警告",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "财政部门"

    def __str__(self):
        return self.name


class Department(models.Model):
    """A 部门 that publishes one budget a year, reviewed by its finance bureau."""

    code = models.CharField("部门编码", max_length=20, unique=True)
    name = models.CharField("部门名称", max_length=100)
    short_name = models.CharField(
        "简称", max_length=50, blank=True, help_text="公众查找时常用的简称，如“克州生态环境局”；公开网站按全称、简称和编码查找",
    )
    bureau = models.ForeignKey(FinanceBureau, models.PROTECT, verbose_name="财政部门", related_name="departments")

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "部门"

    def __str__(self):
        return f"{self.code} {self.name}"


class Profile(models.Model):
    """Where a user works: an accountant belongs to a department, a reviewer to a bureau.

    `amount_unit` is the unit in which the admin shows and takes amounts for this user.
    """

    class AmountUnit(models.TextChoices):
        WAN_YUAN = "wan_yuan", "万元"
        YUAN = "yuan", "元"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile", verbose_name="用户")
    department = models.ForeignKey(Department, models.CASCADE, null=True, blank=True, verbose_name="部门")
    bureau = models.ForeignKey(FinanceBureau, models.CASCADE, null=True, blank=True, verbose_name="财政部门")
    amount_unit = models.CharField(
        "录入金额单位", max_length=8, choices=AmountUnit.choices, default=AmountUnit.WAN_YUAN,
        help_text="万元保留两位小数（精确到百元）；需要录入到分的金额时选元",
    )

    class Meta:
        verbose_name = verbose_name_plural = "人员归属"
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, bureau__isnull=True)
                | Q(department__isnull=True, bureau__isnull=False),
                name="profile_one_organisation",
            )
        ]

    @property
    def role(self):
        return ACCOUNTANT if self.department_id else REVIEWER

    @property
    def enters_data(self):
        """Accountants enter their department's budgets."""
        return bool(self.department_id)

    @property
    def reviews(self):
        """Reviewers review the budgets of their bureau's departments."""
        return bool(self.bureau_id)

    def roles_toward(self, department):
        """{ACCOUNTANT} for the user's own department, {REVIEWER} for one its bureau reviews, else {}."""
        if self.department_id and self.department_id == department.pk:
            return {ACCOUNTANT}
        if self.bureau_id and self.bureau_id == department.bureau_id:
            return {REVIEWER}
        return set()

    def __str__(self):
        return f"{self.user}（{self.department or self.bureau}）"


# A budget is public by law within 20 days of its approval (预算批复后 20 日内公开).
PUBLISH_WITHIN = datetime.timedelta(days=20)


class Deadline(models.Model):
    """A finance bureau's deadlines for a budget year: by when its departments submit, and by when
    their budgets are public (the progress board marks what is late)."""

    bureau = models.ForeignKey(FinanceBureau, models.CASCADE, related_name="deadlines", verbose_name="财政部门")
    year = models.PositiveSmallIntegerField("预算年度")
    submit_by = models.DateField("报送截止日期")
    approved_on = models.DateField("预算批复日期", null=True, blank=True,
                                   help_text="填写后，公开截止日期默认为批复后 20 日")
    publish_by = models.DateField("公开截止日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报送与公开截止日期"
        constraints = [
            models.UniqueConstraint(fields=["bureau", "year"], name="deadline_one_per_bureau_year"),
            models.CheckConstraint(condition=Q(publish_by__isnull=True) | Q(publish_by__gte=F("submit_by")),
                                   name="deadline_publish_after_submit"),
        ]

    def __str__(self):
        return f"{self.bureau} {self.year} 年截止日期"

    @property
    def latest_publication(self):
        """The last day the law allows: 20 days after approval (None before it is approved)."""
        return self.approved_on + PUBLISH_WITHIN if self.approved_on else None

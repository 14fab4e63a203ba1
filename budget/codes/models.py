"""Classification code lists, one set per edition (year) of 政府收支分类科目."""
from django.db import models


class Edition(models.Model):
    year = models.PositiveSmallIntegerField("版本年度", unique=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "分类科目版本"

    def __str__(self):
        return f"{self.year} 年版"


class Subject(models.Model):
    """A code of one edition; `level` counts from 1 (类) downwards."""

    edition = models.ForeignKey(Edition, models.CASCADE, verbose_name="分类科目版本")
    code = models.CharField("编码", max_length=7)
    name = models.CharField("名称", max_length=100)
    level = models.PositiveSmallIntegerField("级次")

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class FunctionalSubject(Subject):
    """支出功能分类: 类 (3 digits), 款 (5), 项 (7)."""

    LEVELS = {1: "类", 2: "款", 3: "项"}
    CODE_LENGTH = {1: 3, 2: 5, 3: 7}

    class Meta(Subject.Meta):
        verbose_name = verbose_name_plural = "支出功能分类科目"
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="functional_unique_code"),
            models.CheckConstraint(condition=models.Q(level__in=[1, 2, 3]), name="functional_level"),
        ]


class EconomicSubject(Subject):
    """部门预算支出经济分类: 类 (3 digits), 款 (5)."""

    LEVELS = {1: "类", 2: "款"}
    CODE_LENGTH = {1: 3, 2: 5}

    class Meta(Subject.Meta):
        verbose_name = verbose_name_plural = "部门预算支出经济分类科目"
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="economic_unique_code"),
            models.CheckConstraint(condition=models.Q(level__in=[1, 2]), name="economic_level"),
        ]

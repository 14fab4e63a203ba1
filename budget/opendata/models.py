"""The bulk files of the open data: one per year, and one per year and finance bureau."""
from django.db import models
from django.db.models import Q
from django.utils import timezone

from budget.orgs.models import FinanceBureau


def bundle_path(bundle, filename):
    return f"opendata/{filename}"


class Bundle(models.Model):
    """The ZIP of every budget published for `year` (of `bureau`'s departments, when given).

    `fingerprint` names the publications it was built from, so that a rebuild that would give
    the same file is skipped (a burst of publications asks for many).
    """

    year = models.PositiveSmallIntegerField("预算年度")
    bureau = models.ForeignKey(FinanceBureau, models.CASCADE, null=True, blank=True, verbose_name="财政部门")
    file = models.FileField("文件", upload_to=bundle_path)
    size = models.PositiveBigIntegerField("字节数")
    budgets = models.PositiveIntegerField("部门预算数")
    fingerprint = models.CharField("所含公开版本", max_length=40)
    built_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        ordering = ["-year", "bureau__name"]
        verbose_name = verbose_name_plural = "开放数据文件"
        constraints = [
            models.UniqueConstraint(fields=["year"], condition=Q(bureau__isnull=True), name="bundle_one_per_year"),
            models.UniqueConstraint(fields=["year", "bureau"], condition=Q(bureau__isnull=False),
                                    name="bundle_one_per_year_and_bureau"),
        ]

    def __str__(self):
        return f"{self.year} 年{f'（{self.bureau}）' if self.bureau_id else ''}开放数据"

    @property
    def name(self):
        """The file's name in its URL: /data/<year>.zip or /data/<year>/<bureau id>.zip."""
        return f"{self.year}/{self.bureau_id}.zip" if self.bureau_id else f"{self.year}.zip"

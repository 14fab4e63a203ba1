"""A finance bureau's deadlines for a budget year: by when its departments submit, and by when
their budgets are public (by law within 20 days of the budget's approval, 预算批复后 20 日内公开)."""
import datetime

from django.db import models
from django.db.models import F, Q

from budget.orgs.models import FinanceBureau

PUBLISH_WITHIN = datetime.timedelta(days=20)


class Deadline(models.Model):
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

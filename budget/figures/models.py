"""What a published version said: its metrics, kept for the next year's 上年预算数.

A budget opened for a correction changes its data, but the next year compares with what the
public read. The workflow records the metrics when it publishes a version (`record_published`
in metrics.py); the prior-year figures read them here, without reaching up to the workflow.
"""
from django.db import models
from django.utils import timezone

from budget.budgets.models import Budget


class PublishedMetrics(models.Model):
    budget = models.ForeignKey(Budget, models.CASCADE, related_name="published_metrics", verbose_name="部门预算")
    version = models.PositiveIntegerField("公开版本")
    # {metric key: amount in 元 as a decimal string}: the keys of metrics.metrics().
    figures = models.JSONField("指标数")
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        ordering = ["budget", "-version"]
        verbose_name = verbose_name_plural = "公开版本的指标数"
        constraints = [models.UniqueConstraint(fields=["budget", "version"], name="published_metrics_unique_version")]

    def __str__(self):
        return f"{self.budget} 第 {self.version} 版的指标数"

from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    """A department's budget for a year: its lines and everything the document needs besides."""

    name = "budget.budgets"
    verbose_name = "部门预算"

from django.apps import AppConfig


class ConsolidatedConfig(AppConfig):
    """The finance bureau's consolidated view of its departments' budgets for one year."""

    name = "budget.consolidated"
    verbose_name = "汇总"

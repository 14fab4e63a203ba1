from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """The budget exchange file (budget-exchange/1)"""

    name = "budget.exchange"
    verbose_name = " import and export.:交换文件"

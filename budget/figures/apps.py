from django.apps import AppConfig


class FiguresConfig(AppConfig):
    """What the product adds up, declared once: the metrics with their labels, the fund-source
    groups, 三公 and 人员/公用经费, the grouped sums of lines, the prior year, and money.

    Tables, document, validation, the bureau's pages, the exchange and the admin read their
    figures here. It reads the budgets' lines; its one model keeps the metrics each published
    version said (models.py), for the next year's 上年预算数.
    """

    name = "budget.figures"
    verbose_name = "数字"

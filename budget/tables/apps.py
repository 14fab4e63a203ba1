from django.apps import AppConfig


class TablesConfig(AppConfig):
    """The standard tables 表1–表11 as pivots of the lines, in HTML, JSON and XLSX."""

    name = "budget.tables"
    verbose_name = "预算公开表"

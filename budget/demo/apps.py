from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data"""

    name = "budget.demo"
    verbose_name = " the reference budget, a second department and demo users.:演示数据"

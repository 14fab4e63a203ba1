"""Demo data: the reference budget, a second department and demo users (manage.py load_demo)."""
from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "budget.demo"
    verbose_name = "演示数据"

from django.apps import AppConfig


class ValidationConfig(AppConfig):
    name = "budget.validation"
    verbose_name = "预算校验"

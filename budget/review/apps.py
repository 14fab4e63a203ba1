from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "budget.review"
    verbose_name = "审核队列"

from django.apps import AppConfig


class CodesConfig(AppConfig):
    """Classification editions: 支出功能分类 and 部门预算支出经济分类, keyed by (edition, code)."""

    name = "budget.codes"
    verbose_name = "分类科目"

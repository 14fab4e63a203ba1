from django.apps import AppConfig


class DocumentConfig(AppConfig):
    """The whole published document: 部门概况, the tables, 预算情况说明 and 名词解释."""

    name = "budget.document"
    verbose_name = "预算公开文档"

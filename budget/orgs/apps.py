from django.apps import AppConfig


class OrgsConfig(AppConfig):
    """Finance bureaus, the departments they review, and who works where."""

    name = "budget.orgs"
    verbose_name = "机构与人员"

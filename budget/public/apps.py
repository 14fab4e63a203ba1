from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: published budgets, served from their snapshots, without login."""

    name = "budget.public"
    verbose_name = "公开网站"

from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the product: health check, read replica, background rendering, backup and restore."""

    name = "budget.ops"
    verbose_name = "运行维护"

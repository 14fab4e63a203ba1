from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "budget.audit"
    verbose_name = "修改记录"

    def ready(self):
        from .baseline import connect
        from .changes import TRACKED

        connect(TRACKED)

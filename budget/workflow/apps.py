from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WorkflowConfig(AppConfig):
    """Submission, review, approval and publication of budgets, with their history."""

    name = "budget.workflow"
    verbose_name = "审核与公开"

    def ready(self):
        from budget.orgs.models import Department

        from .models import Publication, publication_deleted, short_name_changed

        post_save.connect(short_name_changed, sender=Department, dispatch_uid="workflow-short-name")
        post_delete.connect(publication_deleted, sender=Publication, dispatch_uid="workflow-latest-deleted")

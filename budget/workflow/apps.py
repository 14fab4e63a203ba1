from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """Submission, review, approval and publication of budgets, with their history."""

    name = "budget.workflow"
    verbose_name = "审核与公开"

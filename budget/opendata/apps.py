from django.apps import AppConfig
from django.db.models.signals import post_save


class OpenDataConfig(AppConfig):
    """Open data: every published budget of a year (and of a finance bureau) as one ZIP of CSV
    files with a Fiscal Data Package descriptor, and the data dictionary that explains them."""

    name = "budget.opendata"
    verbose_name = "开放数据"

    def ready(self):
        from budget.workflow.models import Publication

        from .tasks import publication_saved

        post_save.connect(publication_saved, sender=Publication, dispatch_uid="opendata-publication-saved")

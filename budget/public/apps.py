from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PublicConfig(AppConfig):
    """The public site: published budgets, served from their snapshots, without login."""

    name = "budget.public"
    verbose_name = "公开网站"

    def ready(self):
        from budget.opendata.models import Bundle
        from budget.workflow.models import Publication

        from .queries import forget_shown

        # Every cached public page is keyed by the generation: a publication that changes makes a new one.
        post_save.connect(forget_shown, sender=Publication, dispatch_uid="public-shown-save")
        post_delete.connect(forget_shown, sender=Publication, dispatch_uid="public-shown-delete")
        # The index links the year's open-data ZIP with its size and date.
        post_save.connect(forget_shown, sender=Bundle, dispatch_uid="public-shown-bundle")

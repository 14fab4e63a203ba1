"""The values a row had before its first recorded change, kept so that the change has an old value.

An import creates a budget's parts without a history row each (budget.budgets.revisions), so
the first change of such a part would show only its new values. Just before that first
change is saved, its stored values are written as a baseline history row, which the audit
page compares with but does not list. One query per save, plus one write the first time.
"""
from django.db.models.signals import pre_save

BASELINE = "修改前的值"


def keep_baseline(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or getattr(instance, "skip_history_when_saving", False):
        return
    history = sender.history
    if history.filter(id=instance.pk).exists():
        return
    stored = sender._default_manager.filter(pk=instance.pk).first()
    if stored is not None:
        history.bulk_history_create([stored], default_change_reason=BASELINE)


def connect(models):
    for model in models:
        pre_save.connect(keep_baseline, sender=model, dispatch_uid=f"audit-baseline-{model._meta.label}")

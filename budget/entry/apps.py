from django.apps import AppConfig


class EntryConfig(AppConfig):
    """Where accountants enter budgets: the admin and the lines' Excel sheet.

    It owns no models: the admin registers those of budgets, codes and orgs, whose app labels
    (and so the admin's URLs and templates) stay theirs.
    """

    name = "budget.entry"
    verbose_name = "预算录入"

from django.apps import AppConfig


class NextYearConfig(AppConfig):
    """The next year from this year: a new draft budget of year + 1 started from a budget, on its
    page (views.py) or for a whole finance bureau at once (`manage.py start_next_year`).

    It owns no models: the new budget goes in through the exchange import, as a file would.
    """

    name = "budget.nextyear"
    verbose_name = "编制下一年度预算"

from django.apps import AppConfig


class BureauConfig(AppConfig):
    """The finance bureau's pages: the reviewer's queue and the consolidated view of a year.

    Both are for the bureau's reviewers and show the same figures of its departments' budgets.
    """

    name = "budget.bureau"
    verbose_name = "财政部门"

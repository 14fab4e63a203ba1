"""The budget that a management command names with --department CODE --year YYYY."""
from django.core.management.base import CommandError

from .models import Budget


def add_budget_arguments(parser):
    parser.add_argument("--department", required=True, help="department code")
    parser.add_argument("--year", type=int, required=True)


def budget_from_options(options):
    """The budget of options["department"] and options["year"], or CommandError."""
    budget = (
        Budget.objects.select_related("department", "edition")
        .filter(department__code=options["department"], year=options["year"])
        .first()
    )
    if budget is None:
        raise CommandError(f"没有部门 {options['department']} 的 {options['year']} 年预算")
    return budget

"""The budget that a management command names with --department CODE --year YYYY."""
from django.core.management.base import CommandError

from .models import TEMPLATES, Budget


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


def add_template_arguments(parser):
    """--template NAME and --unit CODE, of the commands that write a budget's publication."""
    parser.add_argument("--template", choices=[template for template, _ in TEMPLATES],
                        help="publication template (default: the one the budget publishes with)")
    parser.add_argument("--unit", help="budget unit code: that unit's 单位预算 instead of the department's")


def unit_from_options(budget, options):
    """The BudgetUnit of options["unit"], None without one, or CommandError."""
    if not options["unit"]:
        return None
    unit = budget.units.filter(code=options["unit"]).first()
    if unit is None:
        raise CommandError(f"{budget.department.name} {budget.year} 年预算没有单位 {options['unit']}")
    return unit

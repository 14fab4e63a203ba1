"""Print a department-year's standard tables as budget-tables/1 JSON."""
import json

from django.core.management.base import BaseCommand, CommandError

from budget.budgets.commands import add_budget_arguments, budget_from_options
from budget.tables.exports import tables_document
from budget.tables.templates import DEFAULT, TEMPLATES


class Command(BaseCommand):
    help = "Write a department-year's tables of a publication template as budget-tables/1 JSON (stdout by default)."

    def add_arguments(self, parser):
        add_budget_arguments(parser)
        parser.add_argument("--output", help="file to write; stdout when omitted")
        parser.add_argument("--template", choices=sorted(TEMPLATES), default=DEFAULT,
                            help="publication template (default %(default)s)")
        parser.add_argument("--unit", help="budget unit code: that unit's 单位预算 instead of the department's")

    def handle(self, *args, **options):
        budget = budget_from_options(options)
        unit = None
        if options["unit"]:
            unit = budget.units.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"{budget.department.name} {budget.year} 年预算没有单位 {options['unit']}")
        document = tables_document(budget=budget, template=options["template"], unit=unit)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(text)
        else:
            self.stdout.write(text, ending="")

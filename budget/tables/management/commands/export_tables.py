"""Print a department-year's standard tables as budget-tables/1 JSON."""
import json

from django.core.management.base import BaseCommand

from budget.budgets.commands import add_budget_arguments, add_template_arguments, budget_from_options, unit_from_options
from budget.tables.exports import tables_document
from budget.budgets.publication import template_of


class Command(BaseCommand):
    help = "Write a department-year's tables of a publication template as budget-tables/1 JSON (stdout by default)."

    def add_arguments(self, parser):
        add_budget_arguments(parser)
        add_template_arguments(parser)
        parser.add_argument("--output", help="file to write; stdout when omitted")

    def handle(self, *args, **options):
        budget = budget_from_options(options)
        unit = unit_from_options(budget, options)
        document = tables_document(budget=budget, template=options["template"] or template_of(budget), unit=unit)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(text)
        else:
            self.stdout.write(text, ending="")

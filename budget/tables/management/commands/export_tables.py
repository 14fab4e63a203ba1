"""Print a department-year's standard tables as budget-tables/1 JSON."""
import json

from django.core.management.base import BaseCommand, CommandError

from budget.budgets.models import Budget
from budget.tables.exports import tables_document


class Command(BaseCommand):
    help = "Write a department-year's tables 表1–表11 as budget-tables/1 JSON (stdout by default)."

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="department code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", help="file to write; stdout when omitted")

    def handle(self, *args, **options):
        budget = (
            Budget.objects.select_related("department")
            .filter(department__code=options["department"], year=options["year"])
            .first()
        )
        if budget is None:
            raise CommandError(f"没有部门 {options['department']} 的 {options['year']} 年预算")
        text = json.dumps(tables_document(budget=budget), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(text)
        else:
            self.stdout.write(text, ending="")

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.budgets.commands import add_budget_arguments, budget_from_options
from budget.budgets.models import Budget
from budget.exchange.services import budget_export


class Command(BaseCommand):
    help = "Write a department-year's budget as a budget-exchange/1 file (stdout by default)."

    def add_arguments(self, parser):
        add_budget_arguments(parser)
        parser.add_argument("--output", help="file to write; stdout when omitted")
        parser.add_argument("--amount-unit", choices=Budget.AmountUnit.values)

    def handle(self, *args, **options):
        budget = budget_from_options(options)
        unit = options["amount_unit"] or budget.amount_unit
        doc = budget_export(budget=budget, amount_unit=unit)
        if doc["amount_unit"] != unit:
            self.stderr.write("有金额不是整百元，无法以万元两位小数表示，已改用元。")
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"{options['output']}: 无法写入（{error}）")
        else:
            self.stdout.write(text, ending="")

"""Print the validation findings of one budget; the exit status is 1 when there are errors."""
import json
import sys

from django.core.management.base import BaseCommand

from budget.budgets.commands import add_budget_arguments, budget_from_options
from budget.validation.findings import SEVERITY_LABELS
from budget.validation.rules import has_errors, validate


class Command(BaseCommand):
    help = "校验一份部门预算：列出错误和警告；有错误时退出状态为 1"

    def add_arguments(self, parser):
        add_budget_arguments(parser)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *, format, **options):
        budget = budget_from_options(options)
        findings = validate(budget)
        if format == "json":
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        else:
            for f in findings:
                self.stdout.write(f"{SEVERITY_LABELS[f.severity]} {f.rule} {f.location}：{f.message}")
            errors = sum(f.is_error for f in findings)
            self.stdout.write(f"{budget}：{errors} 个错误，{len(findings) - errors} 个警告")
        if has_errors(findings):
            sys.exit(1)

import sys

from django.core.management.base import BaseCommand, CommandError

from budget.budgets.commands import add_budget_arguments, add_template_arguments, budget_from_options, unit_from_options
from budget.document.pdf import PdfError, render_pdf
from budget.document.standalone import standalone_html


class Command(BaseCommand):
    help = ("Write a department-year's whole budget document as one HTML file (stdout by default) "
            "or as a PDF (--format pdf --output FILE); --template renders it in any template, "
            "--unit gives one unit's 单位预算.")

    def add_arguments(self, parser):
        add_budget_arguments(parser)
        add_template_arguments(parser)
        parser.add_argument("--format", choices=["html", "pdf"], default="html")
        parser.add_argument("--output", help="file to write; stdout when omitted (HTML only)")

    def handle(self, *args, **options):
        if options["format"] == "pdf" and not options["output"]:
            raise CommandError("--format pdf 需要 --output 文件")
        budget = budget_from_options(options)
        choice = {"template": options["template"], "unit": unit_from_options(budget, options)}
        if options["format"] == "pdf":
            try:
                pdf = render_pdf(budget, **choice)
            except PdfError as error:
                raise CommandError(str(error))
            with open(options["output"], "wb") as output:
                output.write(pdf)
            return
        html = standalone_html(budget, **choice)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(html)
        else:
            sys.stdout.write(html)

import sys

from django.core.management.base import BaseCommand, CommandError

from budget.budgets.models import Budget
from budget.document.pdf import PdfError, render_pdf
from budget.document.standalone import standalone_html


class Command(BaseCommand):
    help = ("Write a department-year's whole budget document as one HTML file (stdout by default) "
            "or as a PDF (--format pdf --output FILE).")

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="department code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["html", "pdf"], default="html")
        parser.add_argument("--output", help="file to write; stdout when omitted (HTML only)")

    def handle(self, *args, **options):
        if options["format"] == "pdf" and not options["output"]:
            raise CommandError("--format pdf 需要 --output 文件")
        budget = Budget.objects.select_related("department").filter(
            department__code=options["department"], year=options["year"]
        ).first()
        if budget is None:
            raise CommandError(f"没有部门 {options['department']} 的 {options['year']} 年预算")
        if options["format"] == "pdf":
            try:
                pdf = render_pdf(budget)
            except PdfError as error:
                raise CommandError(str(error))
            with open(options["output"], "wb") as output:
                output.write(pdf)
            return
        html = standalone_html(budget)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(html)
        else:
            sys.stdout.write(html)

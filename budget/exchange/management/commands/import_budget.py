from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.exchange.reader import ExchangeError
from budget.exchange.services import budget_import, parse_json


class Command(BaseCommand):
    help = "Import a budget-exchange/1 file, replacing the department-year's draft. A bad file writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--allow-reassign", action="store_true",
            help="allow the file to rename its department or move it to another finance bureau (all years)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            budget = budget_import(data=parse_json(self.read(path)), allow_reassign=options["allow_reassign"],
                                   consume=True)
        except ExchangeError as error:
            raise CommandError(f"{path}: {len(error.faults)} 处错误，未导入任何数据：\n" + "\n".join(error.faults))
        self.stdout.write(f"已导入 {budget}：{budget.lines.count()} 条明细，{budget.projects.count()} 个项目")

    def read(self, path):
        """The file's text, kept no longer than parsing it takes (16 MB for 100,000 lines)."""
        try:
            return path.read_text(encoding="utf-8-sig")  # tolerate the BOM some Windows editors write
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: 无法读取（{error}）")

"""manage.py import_all DIR: restore what export_all wrote, into an empty database."""
from django.core.management.base import BaseCommand, CommandError

from budget.ops.backup import InvalidBackup, NotEmpty, import_all


class Command(BaseCommand):
    help = "从 export_all 的目录恢复全部数据（数据库须为空，除非 --force）"

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="DIR")
        parser.add_argument("--force", action="store_true",
                            help="数据库非空时仍恢复：替换全部预算及其记录和公开版本，更新部门与用户")

    def handle(self, *, source, force, **options):
        try:
            manifest = import_all(source=source, force=force)
        except NotEmpty as refused:
            raise CommandError(f"{refused}；确需覆盖请加 --force")
        except InvalidBackup as refused:
            raise CommandError(f"{refused}；未恢复任何数据")
        self.stdout.write(f"已恢复 {len(manifest['budgets'])} 份预算、{len(manifest['users'])} 个用户")

"""manage.py export_all --output DIR: every budget, published file and user into a directory."""
from django.core.management.base import BaseCommand

from budget.ops.backup import export_all


class Command(BaseCommand):
    help = "备份全部数据：各预算的交换文件、公开版本的文件及其记录、财政部门、部门与用户"

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="DIR", help="写入的目录")
        parser.add_argument("--with-users", action="store_true",
                            help="同时导出用户的密码散列（默认不导出，恢复后须重设密码）")

    def handle(self, *, output, with_users, **options):
        manifest = export_all(output=output, with_passwords=with_users)
        published = sum(len(b["publications"]) for b in manifest["budgets"])
        self.stdout.write(f"已导出 {len(manifest['budgets'])} 份预算、{published} 个公开版本、"
                          f"{len(manifest['users'])} 个用户到 {output}")

from django.core.management.base import BaseCommand, CommandError

from budget.codes.loader import KINDS, CodeListError, load_code_list


class Command(BaseCommand):
    help = "Load or update a classification edition from a code,name,level CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, required=True, help="edition year, e.g. 2024")
        parser.add_argument("--kind", choices=sorted(KINDS), help="functional or economic (guessed from the codes)")
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            kind, created, updated = load_code_list(
                year=options["edition"], path=options["file"], kind=options["kind"]
            )
        except (CodeListError, OSError) as error:
            raise CommandError(f"{options['file']}:\n{error}")
        self.stdout.write(f"{options['edition']} {kind}: {created} 个新增，{updated} 个更新")

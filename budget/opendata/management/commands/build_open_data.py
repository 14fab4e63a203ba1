from django.core.management.base import BaseCommand

from budget.orgs.models import FinanceBureau
from budget.workflow.models import Publication

from ...tasks import rebuild


class Command(BaseCommand):
    help = ("Write the open-data ZIPs (/data/<year>.zip and per finance bureau) of every year with a public "
            "version, or of --year; also those that are up to date with --force (after an upgrade).")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, year=None, force=False, **options):
        years = [year] if year else sorted(set(Publication.done.values_list("year", flat=True)))
        for each in years:
            bureaus = FinanceBureau.objects.filter(
                departments__budgets__publications__year=each,
                departments__budgets__publications__render_state=Publication.RenderState.DONE,
            ).distinct()
            for bureau in [None, *bureaus]:
                bundle = rebuild(year=each, bureau=bureau, force=force)
                self.stdout.write(f"{bundle}：{bundle.budgets} 份预算，{bundle.size} 字节")

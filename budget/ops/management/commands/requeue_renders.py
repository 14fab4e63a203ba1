"""Queue again the renderings that did not finish: failed ones, and ones stuck queued or rendering."""
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from budget.workflow.models import Publication
from budget.workflow.tasks import enqueue_render

State = Publication.RenderState


class Command(BaseCommand):
    help = "重新排队生成未完成的公开版本文件：生成失败的，以及排队或生成超过给定分钟数的"

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=30, metavar="MINUTES",
                            help="排队或生成中超过这么多分钟视为卡住（默认 30）")

    def handle(self, *, older_than, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than)
        stuck = Publication.objects.filter(render_state__in=[State.QUEUED, State.RENDERING],
                                           render_changed_at__lt=cutoff)
        failed = Publication.objects.filter(render_state=State.FAILED)
        for publication in (stuck | failed).order_by("pk"):
            Publication.objects.filter(pk=publication.pk).update(render_state=State.QUEUED, render_changed_at=timezone.now())
            enqueue_render(publication)
            self.stdout.write(f"已重新排队：{publication}")

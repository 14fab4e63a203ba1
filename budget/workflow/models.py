"""The history of a budget's status and the immutable snapshots of what was published."""
from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from budget.budgets.models import Budget
from budget.orgs.models import DEFAULT_TEMPLATE, TEMPLATES
from budget.orgs.names import search_text


class StatusChange(models.Model):
    """One move of a budget's status: who, when, from what to what, and why."""

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="status_changes", verbose_name="部门预算")
    source = models.CharField("原状态", max_length=12, choices=Budget.Status.choices)
    target = models.CharField("新状态", max_length=12, choices=Budget.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name="操作人", related_name="+")
    at = models.DateTimeField("时间", default=timezone.now)
    comment = models.TextField("意见", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "状态变更"

    def __str__(self):
        return f"{self.budget}: {self.get_source_display()} → {self.get_target_display()}"


class Submission(models.Model):
    """The budget as its department submitted it (an exchange document, in 元): what the reviewer
    compares the next submission with (budget/bureau/diff.py)."""

    change = models.OneToOneField(StatusChange, models.CASCADE, related_name="submission", verbose_name="报送")
    document = models.JSONField("交换文件")

    class Meta:
        ordering = ["change__at", "change_id"]
        verbose_name = verbose_name_plural = "报送的数据"

    def __str__(self):
        return str(self.change)


def snapshot_path(publication, filename):
    return f"publications/{publication.department_code}/{publication.year}/v{publication.version}/{filename}"


class DonePublications(models.Manager):
    """Publications whose files are all rendered: the only ones the public site shows."""

    def get_queryset(self):
        return super().get_queryset().filter(render_state=Publication.RenderState.DONE)

    def latest_versions(self):
        """The newest done version of each budget: while a newer one renders, the previous stays.

        Read from the `latest` flag (set by `mark_latest`), whose partial indexes serve the public
        index a page at a time; "done" stays in the query, so the partial indexes over done
        publications (the search's) still apply.
        """
        return self.get_queryset().filter(latest=True)


class Publication(models.Model):
    """Version n of a published budget: every file exactly as the public site serves it.

    The files are rendered in the background (budget/workflow/tasks.py); the public site shows
    a version once its render state is done. Nothing changes after that; a correction is a
    new version. The department's name and code are copied so that the public site never reads
    the (editable) budget.
    """

    class RenderState(models.TextChoices):
        QUEUED = "queued", "排队等待生成"
        RENDERING = "rendering", "正在生成"
        DONE = "done", "已生成"
        FAILED = "failed", "生成失败"

    budget = models.ForeignKey(Budget, models.PROTECT, related_name="publications", verbose_name="部门预算")
    version = models.PositiveIntegerField("版本")
    published_at = models.DateTimeField("公开时间", default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name="公开人", related_name="+")
    note = models.TextField("更正说明", blank=True)
    department_code = models.CharField("部门编码", max_length=20)
    department_name = models.CharField("部门名称", max_length=100)
    department_short_name = models.CharField("部门简称", max_length=50, blank=True)
    # Name, short name and code as the public search compares them (budget/orgs/names.py).
    search_text = models.CharField("查找用名称", max_length=180, editable=False, default="")
    year = models.PositiveSmallIntegerField("预算年度")
    # The template it was published with: its files keep it when the bureau's setting changes.
    template = models.CharField("公开模板", max_length=20, choices=TEMPLATES, default=DEFAULT_TEMPLATE)
    chart = models.JSONField("支出图数据", default=dict)
    body_html = models.FileField("文档正文 HTML", upload_to=snapshot_path)
    exchange_json = models.FileField("交换文件", upload_to=snapshot_path)
    tables_json = models.FileField("公开表 JSON", upload_to=snapshot_path)
    tables_xlsx = models.FileField("公开表 XLSX", upload_to=snapshot_path)
    pdf = models.FileField("PDF", upload_to=snapshot_path)
    render_state = models.CharField("文件生成状态", max_length=10, choices=RenderState.choices,
                                    default=RenderState.QUEUED)
    render_attempts = models.PositiveSmallIntegerField("生成次数", default=0)
    render_error = models.TextField("失败原因", blank=True)
    render_changed_at = models.DateTimeField("状态时间", default=timezone.now)
    # The newest done version of its budget: what the public site shows (see mark_latest).
    latest = models.BooleanField("最新公开版本", default=False, editable=False)

    objects = models.Manager()
    done = DonePublications()

    class Meta:
        ordering = ["budget", "-version"]
        verbose_name = verbose_name_plural = "公开版本"
        constraints = [
            models.UniqueConstraint(fields=["budget", "version"], name="publication_unique_version"),
            models.UniqueConstraint(fields=["budget"], condition=models.Q(latest=True), name="publication_one_latest"),
            models.CheckConstraint(condition=models.Q(latest=False) | models.Q(render_state="done"),
                                   name="publication_latest_is_done"),
        ]
        indexes = [
            # A department-year's versions (the public page): one lookup.
            models.Index(fields=["year", "department_code"], condition=models.Q(render_state="done"),
                         name="publication_public_year"),
            # The public index lists one year's latest versions by department code, a page at a time
            # from the code it follows (keyset): read in index order, it stops after the page. The
            # years, counts and generation of the site (public.queries.shown_now) read the index
            # alone: year and id are in it, the wide rows (chart JSON) are not read.
            # Its condition names render_state too (implied by latest): the public queries say
            # both, and only an index whose condition implies the query's is read alone.
            models.Index(fields=["year", "department_code", "id"],
                         condition=models.Q(latest=True, render_state="done"), name="publication_latest_done"),
        ]

    def __str__(self):
        return f"{self.department_name} {self.year} 年部门预算（第 {self.version} 版）"

    def save(self, *args, **kwargs):
        """Saves with the budget's latest flag where it belongs, in one transaction: on this
        version when it is the newest done one (set before saving, so that the post_save
        receivers, e.g. the open-data rebuild, see it), else on whichever is."""
        self.search_text = search_text(code=self.department_code, name=self.department_name,
                                       short_name=self.department_short_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "latest"}
        with transaction.atomic():
            self.latest = self.render_state == self.RenderState.DONE and not Publication.done.filter(
                budget_id=self.budget_id, version__gt=self.version).exclude(pk=self.pk).exists()
            if self.latest:  # the flag is unique per budget: the old one goes first
                Publication.objects.filter(budget_id=self.budget_id, latest=True).exclude(pk=self.pk).update(
                    latest=False)
            super().save(*args, **kwargs)
            if not self.latest:
                mark_latest(self.budget_id)
            # After every save, whether a flag moved or not: one count of the year per save
            # (7 ms at 9,000 budgets a year) is surer than telling every way a flag moves.
            count_shown(self.year)


def mark_latest(budget_id):
    """Flag the newest done version of the budget as its latest (and no other); returns its pk.

    The latest-version rule, for a version saved that is not the newest done one and for a
    deleted one (Publication.save sets the flag itself on the newest). The old flag is cleared
    first, since the flag is unique per budget.
    """
    newest = Publication.done.filter(budget_id=budget_id).order_by("-version").values_list("pk", flat=True).first()
    Publication.objects.filter(budget_id=budget_id, latest=True).exclude(pk=newest).update(latest=False)
    if newest is not None:
        Publication.objects.filter(pk=newest, latest=False).update(latest=True)
    return newest


def publication_deleted(sender, instance, **kwargs):
    """Signal receiver: a deleted latest version hands the flag to the newest done one left, and
    its year is counted again (one budget fewer when none is left)."""
    if instance.latest:
        mark_latest(instance.budget_id)
        count_shown(instance.year)


class ShownYear(models.Model):
    """How many budgets of a year show a version on the public site, and the sum of those
    versions' ids, from which the site's generation is made (public.queries.shown_now).

    Counted again by `count_shown` after every save of a publication of the year and every
    deletion of a latest version, so that the public site reads a row per year: counting the
    latest versions on every uncached page grew with the publications (7 ms at 26,000).
    """

    year = models.PositiveSmallIntegerField("预算年度", primary_key=True)
    count = models.PositiveIntegerField("公开预算数", default=0)
    ids = models.BigIntegerField("最新版本编号之和", default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "公开年度"

    def __str__(self):
        return f"{self.year} 年：{self.count} 份公开预算"


def count_shown(year):
    """Count the latest versions of `year` into its ShownYear row (in the caller's transaction,
    if any).

    The row is locked before counting: a concurrent change of the same year then waits for this
    transaction and, counting after it committed, sees its flags (each statement of READ
    COMMITTED sees what committed before it), so neither count misses the other's version.
    """
    with transaction.atomic():
        ShownYear.objects.bulk_create([ShownYear(year=year)], ignore_conflicts=True)
        list(ShownYear.objects.select_for_update().filter(year=year))
        figures = Publication.done.latest_versions().filter(year=year).aggregate(count=Count("id"), ids=Sum("id"))
        ShownYear.objects.filter(year=year).update(count=figures["count"], ids=figures["ids"] or 0)


def unit_snapshot_path(document, filename):
    publication = document.publication
    return snapshot_path(publication, f"units/{document.code}/{filename}")


class UnitDocument(models.Model):
    """The 单位预算 of one budget unit, published with its department's version by a template
    that publishes them (shanghai-2026, for a department of several units): that unit's tables
    and texts from its lines only, stored as served, like the version's own files."""

    publication = models.ForeignKey(Publication, models.CASCADE, related_name="unit_documents", verbose_name="公开版本")
    position = models.PositiveIntegerField("顺序", default=0)
    code = models.CharField("单位编码", max_length=20)
    name = models.CharField("单位名称", max_length=100)
    body_html = models.FileField("文档正文 HTML", upload_to=unit_snapshot_path)
    tables_json = models.FileField("公开表 JSON", upload_to=unit_snapshot_path)
    tables_xlsx = models.FileField("公开表 XLSX", upload_to=unit_snapshot_path)
    pdf = models.FileField("PDF", upload_to=unit_snapshot_path)

    class Meta:
        ordering = ["publication", "position", "id"]
        verbose_name = verbose_name_plural = "单位预算"
        constraints = [models.UniqueConstraint(fields=["publication", "code"], name="unit_document_unique_code")]

    def __str__(self):
        return f"{self.name} {self.publication.year} 年单位预算（第 {self.publication.version} 版）"


def short_name_changed(sender, instance, **kwargs):
    """Signal receiver: a department was saved. Its published versions take its 简称 at once, so
    the public search finds the name people use; the short name is no figure of the published
    document, which keeps the department name it was published with."""
    versions = list(Publication.objects.filter(budget__department=instance).exclude(
        department_short_name=instance.short_name))
    for publication in versions:
        publication.department_short_name = instance.short_name
        publication.search_text = search_text(code=publication.department_code, name=publication.department_name,
                                              short_name=instance.short_name)
    Publication.objects.bulk_update(versions, ["department_short_name", "search_text"])

"""An uploaded sheet of lines as a set of changes: previewed first, written only when confirmed.

A row of the sheet is the same line as a stored one when its key (unit, function, economic,
source, kind, project) is the same; only its amount can then change. The preview page
carries the sheet's lines, signed, with the budget's revision they were compared with, so the
confirmation writes exactly what was shown, and is refused when the budget changed since.
Every line added, changed or removed gets its own history row (old and new amount in the
audit trail), all with the upload's reason.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.db import transaction
from django.utils import timezone

from budget.audit.baseline import BASELINE
from budget.budgets.models import Budget, Line
from budget.budgets.revisions import author, conflict_message, delete_quietly, record_replacement
from budget.budgets.sources import Source
from budget.figures.sums import ALL, sums_by

from .excel import SheetError, read_sheet

KEY = ("unit_id", "function_id", "economic_id", "source", "kind", "project_id")
SALT = "entry.upload"
MAX_AGE = 3600  # a preview left open longer is uploaded again
# More than this share of the lines gone is most likely the wrong sheet, or a cut one.
REMOVAL_WARNING = Decimal("0.5")


def key_of(line):
    return tuple(getattr(line, name) for name in KEY)


@dataclass
class Totals:
    """Before and after of one kind (基本/项目) and source."""

    kind: str
    source: str
    before: Decimal = Decimal(0)
    after: Decimal = Decimal(0)


@dataclass
class Upload:
    lines: list  # the sheet's lines, unsaved
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (stored line, new amount)
    removed: list = field(default_factory=list)
    unchanged: int = 0
    warnings: list = field(default_factory=list)  # from the sheet: names not matching their codes
    totals: list = field(default_factory=list)

    @property
    def removes_most(self):
        stored = len(self.removed) + len(self.changed) + self.unchanged
        return stored > 0 and len(self.removed) > stored * REMOVAL_WARNING

    @property
    def is_empty(self):
        return not (self.added or self.changed or self.removed)

    def summary(self):
        return f"新增 {len(self.added)} 条、修改 {len(self.changed)} 条、删除 {len(self.removed)} 条明细"


def compare(budget, lines, warnings=()):
    """The Upload that replacing the budget's lines by `lines` would be."""
    stored = {key_of(line): line for line in budget.lines.select_related(
        "unit", "function", "economic", "project").order_by("id")}
    upload = Upload(lines=lines, warnings=list(warnings))
    for line in lines:
        old = stored.pop(key_of(line), None)
        if old is None:
            upload.added.append(line)
        elif old.amount != line.amount:
            upload.changed.append((old, line.amount))
        else:
            upload.unchanged += 1
    upload.removed = list(stored.values())
    upload.totals = totals(budget, lines)
    return upload


def totals(budget, lines):
    """Before and after by kind and source, for the kinds and sources either has, in their order."""
    rows = defaultdict(lambda: [Decimal(0), Decimal(0)])
    # Summed by the database: reading 50,000 stored lines as instances took a query each.
    for (kind, source), (amount,) in sums_by(budget.lines, ["kind", "source"], [ALL]).items():
        rows[kind, source][0] += amount
    for line in lines:
        rows[line.kind, line.source][1] += line.amount
    order = {(kind, source): (k, s) for k, kind in enumerate(Line.Kind.values) for s, source in enumerate(Source.values)}
    return [Totals(Line.Kind(kind).label, Source(source).label, *amounts)
            for (kind, source), amounts in sorted(rows.items(), key=lambda item: order[item[0]])]


def preview(*, budget, content):
    """Read the sheet and compare it with the budget's lines; SheetError names every fault."""
    lines, warnings = read_sheet(budget, content, with_warnings=True)
    return compare(budget, lines, warnings)


def sign(budget, upload, user):
    """The signed token of the preview: what the confirmation will write."""
    rows = [[*key_of(line), str(line.amount)] for line in upload.lines]
    return signing.dumps({"budget": budget.pk, "user": getattr(user, "pk", None), "revision": budget.revision, "lines": rows},
                         salt=SALT, compress=True)


def unsign(budget, token, user):
    """(revision seen, lines) of a preview's token, or SheetError when it is not this one's."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise SheetError(["预览已过期（超过 1 小时），请重新上传"])
    except signing.BadSignature:
        raise SheetError(["预览无效，请重新上传"])
    if data["budget"] != budget.pk or data["user"] != getattr(user, "pk", None):
        raise SheetError(["预览无效，请重新上传"])
    lines = [Line(budget=budget, **dict(zip(KEY, row[:-1])), amount=Decimal(row[-1])) for row in data["lines"]]
    return data["revision"], lines


def confirm(*, budget, token, by):
    """Write the previewed changes; SheetError when the budget changed since the preview."""
    seen, lines = unsign(budget, token, by)
    with transaction.atomic():
        locked = Budget.objects.select_for_update().get(pk=budget.pk)
        if not locked.is_editable:
            raise SheetError([f"预算状态为“{locked.get_status_display()}”，不能修改明细"])
        if locked.revision != seen:
            raise SheetError([conflict_message(locked) + "（上传的明细未导入，请重新上传）"])
        upload = compare(locked, lines)
        write(locked, upload, by)
        record_replacement(locked, reason=f"上传明细 Excel：{upload.summary()}", by=by)
        locked.save(update_fields=["revision", "revised_by", "revised_at", "updated_at"])
    return upload


def replace_lines(*, budget, content, by=None):
    """Write the sheet's changes at once, without a preview; returns the Upload.

    For callers that have shown nothing (tests, scripts): the preview's token is made and
    confirmed here, so both ways write the same.
    """
    upload = preview(budget=budget, content=content)
    return confirm(budget=budget, token=sign(budget, upload, by), by=by)


def write(budget, upload, by):
    """Apply the changes with one history row per line (bulk, not one save per line)."""
    reason, now = f"上传明细 Excel（{upload.summary()}）", timezone.now()
    history = Line.history.model
    changed = [old for old, _ in upload.changed]
    recorded = set(history.objects.filter(id__in=[line.pk for line in changed]).values_list("id", flat=True))
    # The first change of an imported line keeps its old value as a baseline (budget.audit.baseline).
    rows = [history_row(line, "+", None, BASELINE, now) for line in changed if line.pk not in recorded]
    rows += [history_row(line, "-", by, reason, now) for line in upload.removed]
    delete_quietly(Line.objects.filter(pk__in=[line.pk for line in upload.removed]))
    for old, amount in upload.changed:
        old.amount = amount
    Line.objects.bulk_update(changed, ["amount"], batch_size=2000)
    rows += [history_row(line, "~", by, reason, now) for line in changed]
    added = Line.objects.bulk_create(upload.added, batch_size=2000)
    rows += [history_row(line, "+", by, reason, now) for line in added]
    history.objects.bulk_create(rows, batch_size=2000)


def history_row(line, kind, by, reason, when):
    history = Line.history.model
    return history(history_date=when, history_user=author(by), history_change_reason=reason, history_type=kind,
                   **{f.attname: getattr(line, f.attname) for f in history.tracked_fields})

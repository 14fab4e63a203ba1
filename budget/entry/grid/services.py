"""Saving a batch of the grid's rows: all of it or nothing, checked as the Excel sheet is.

A batch is what one action of the accountant changed: one edited cell's row, a pasted block,
added rows, deleted rows. Every row is read by the 明细 sheet's own reader (the same codes,
labels, parser of amounts and messages), so a cell refused in the sheet is refused in the grid
with the same reason, here named by the grid's row number and column. The batch carries the
budget's revision its page last saw: a colleague's save in between refuses it, with who and
when, and writes nothing. Each line changed gets its history row, in bulk.
"""
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from budget.audit.baseline import BASELINE
from budget.budgets import revisions
from budget.budgets.models import Budget, Line
from budget.entry.excel import COLUMNS, TITLES, SheetReader
from budget.entry.upload import history_row
from budget.figures.money import AmountError, parse_amount

MAX_ROWS = 5000  # in one batch; a larger block goes through the Excel upload
KEY = ("unit_id", "function_id", "economic_id", "source", "kind", "project_id")
CHANGEABLE = ["unit", "function", "economic", "source", "kind", "project", "amount"]
SWAPPED = "这次修改中有的行互换了科目或资金来源，与另一行暂时重复，未保存；请先把其中一行改为别的编码，再分两次修改"


class GridError(Exception):
    """The batch is refused; `faults` are {row, field, message}, every bad cell of it."""

    def __init__(self, faults):
        super().__init__("；".join(fault["message"] for fault in faults))
        self.faults = faults


class StaleBatch(Exception):
    """The budget changed since the page last saw it; nothing was written."""


class CellReader(SheetReader):
    """The sheet's reader, for cells typed in the user's unit and faults named by grid row."""

    def __init__(self, budget, unit):
        self.given_unit, self.keep, self.cells = unit, None, []
        super().__init__(budget, header=())

    def read_header(self, header):
        return self.given_unit

    def fault(self, number, key, problem):
        title = f" {TITLES[key]}" + ("（" + self.unit.label + "）" if key == "amount" else "") if key else ""
        self.faults.append(f"第 {number} 行{title}：{problem}")
        self.cells.append({"row": number, "field": key, "message": self.faults[-1]})

    def amount(self, number, value):
        if value in (None, ""):
            return self.fault(number, "amount", "不能为空")
        try:
            # An amount stored with fen is accepted back unchanged in 万元, as in the forms.
            return parse_amount(value, unit=self.unit, keep=self.keep)
        except AmountError as error:
            return self.fault(number, "amount", error.message)


@dataclass
class Batch:
    saved: list = field(default_factory=list)  # (row number, Line)
    deleted: list = field(default_factory=list)  # ids
    revision: int = 0


def save_rows(*, budget, rows, deleted, seen_revision, by, unit):
    """Check and write `rows` ({id or None, row, unit, function, …}) and delete the lines `deleted`
    (ids); GridError naming every bad cell, StaleBatch when the budget moved past `seen_revision`."""
    if len(rows) + len(deleted) > MAX_ROWS:
        raise GridError([{"row": None, "field": None, "message": f"一次最多保存 {MAX_ROWS} 行，更多明细请上传 Excel"}])
    stored = {line.pk: line for line in budget.lines.filter(pk__in=[*deleted, *(r["id"] for r in rows if r.get("id"))])}
    lines, rekeyed = read_rows(budget, rows, stored, unit)
    check_repeats(budget, rekeyed, touched=set(stored))
    with transaction.atomic():
        locked = Budget.objects.select_for_update().get(pk=budget.pk)
        if not locked.is_editable:
            raise GridError([{"row": None, "field": None,
                              "message": f"预算状态为“{locked.get_status_display()}”，不能修改明细"}])
        if not revisions.bump(budget_id=budget.pk, by=by, seen=seen_revision):
            raise StaleBatch(revisions.conflict_message(Budget.objects.select_related("revised_by").get(pk=budget.pk)))
        try:
            with transaction.atomic():
                write(lines, [stored[pk] for pk in deleted], by)
        except IntegrityError:
            # Rows that trade their keys in one batch meet the uniqueness of lines halfway.
            raise GridError([{"row": None, "field": None, "message": SWAPPED}])
    revision = Budget.objects.values_list("revision", flat=True).get(pk=budget.pk)
    return Batch(saved=lines, deleted=list(deleted), revision=revision)


def read_rows(budget, rows, stored, unit):
    """[(row number, Line)] with the stored ones updated in memory, and those of them that are
    new or whose key changed; GridError on any bad cell."""
    reader, lines, rekeyed, missing = CellReader(budget, unit), [], [], []
    for row in rows:
        number, old = row.get("row"), stored.get(row.get("id"))
        if row.get("id") and old is None:
            missing.append({"row": number, "field": None, "message": f"第 {number} 行：这条明细已被删除，请刷新"})
            continue
        reader.keep = old.amount if old else None
        line = reader.line(number, [row.get(key) if key in CHANGEABLE else None for key, _, _ in COLUMNS])
        if line is not None:
            moved = old is None or key_of(old) != key_of(line)
            lines.append((number, merged(old, line)))
            rekeyed += [lines[-1]] if moved else []
    if reader.cells or missing:
        raise GridError(missing + reader.cells)
    return lines, rekeyed


def key_of(line):
    return tuple(getattr(line, name) for name in KEY)


def merged(old, line):
    """The stored line with the row's values, or the new line."""
    if old is None:
        return line
    for name in (*KEY, "amount"):
        setattr(old, name, getattr(line, name))
    return old


def check_repeats(budget, lines, touched):
    """A row may not be the same line as one of the budget's others (the batch's own repeats the
    reader found already)."""
    if not lines:
        return
    others = {tuple(key) for pk, *key in budget.lines.values_list("pk", *KEY) if pk not in touched}
    faults = [{"row": number, "field": None, "message": f"第 {number} 行：与已有的明细重复（{Line.KEY_LABEL}的明细只能有一条）"}
              for number, line in lines if key_of(line) in others]
    if faults:
        raise GridError(faults)


def write(lines, deleted, by):
    """Apply the batch, one history row per line (in bulk, as the Excel upload does)."""
    history, now, reason = Line.history.model, timezone.now(), "明细表格"
    changed = [line for _, line in lines if line.pk]
    added = [line for _, line in lines if not line.pk]
    recorded = set(history.objects.filter(id__in=[line.pk for line in changed])
                   .values_list("id", flat=True).distinct())
    # The first change of an imported line keeps its old value as a baseline (budget.audit.baseline).
    originals = {line.pk: line for line in Line.objects.filter(pk__in=[line.pk for line in changed])}
    rows = [history_row(originals[line.pk], "+", None, BASELINE, now) for line in changed if line.pk not in recorded]
    rows += [history_row(line, "-", by, reason, now) for line in deleted]
    revisions.delete_quietly(Line.objects.filter(pk__in=[line.pk for line in deleted]))
    Line.objects.bulk_update(changed, CHANGEABLE, batch_size=2000)
    rows += [history_row(line, "~", by, reason, now) for line in changed]
    rows += [history_row(line, "+", by, reason, now) for line in Line.objects.bulk_create(added, batch_size=2000)]
    history.objects.bulk_create(rows, batch_size=2000)

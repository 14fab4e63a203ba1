"""The bureau's progress board of a year: every department, whether its budget is in, how long it
has waited, and what is late against the bureau's deadlines (`Deadline`).

A reviewer never sees a draft (budget/budgets/access.py): of a budget still in its department the
board shows only its status and dates, not its figures.
"""
from dataclasses import dataclass, field

from django.db.models import Max, Min, Sum
from django.utils import timezone

from budget.budgets.access import visible_budgets
from budget.budgets.models import Budget, Line
from budget.validation import shown_findings
from budget.workflow.models import StatusChange

from budget.orgs.models import Deadline
from .queries import bureau_budgets

Status = Budget.Status
NO_BUDGET = "none"
LATE = "late"
# The board's filter: a status, no budget yet, or late.
FILTERS = [(NO_BUDGET, "未建立"), *Status.choices, (LATE, "逾期")]
# Who the budget waits for in each status, counted in days since it entered that status.
WAITING = {Status.SUBMITTED: "待审核", Status.RETURNED: "待部门修改", Status.APPROVED: "待公开"}


@dataclass
class Entry:
    department: object
    status: str
    budget: object = None  # when the reviewer may read it (not a draft)
    submitted_on: object = None  # last 报送
    returned_on: object = None  # last 退回
    days_waiting: object = None
    errors: object = None
    warnings: object = None
    total: object = None
    late: list = field(default_factory=list)

    @property
    def status_label(self):
        return dict(FILTERS)[self.status]

    @property
    def waiting_for(self):
        return WAITING.get(self.status, "")


def board(user, bureau, year, today=None):
    """([Entry] of every department of `bureau` for `year`, its Deadline or None)."""
    today = today or timezone.localdate()
    deadline = Deadline.objects.filter(bureau=bureau, year=year).first()
    # Status only, whoever may read the budget itself: the board must show who has not submitted.
    statuses = dict(Budget.objects.filter(department__bureau=bureau, year=year).values_list("department_id", "status"))
    readable = {b.department_id: b for b in bureau_budgets(visible_budgets(user), bureau=bureau, year=year)}
    dates = status_dates(bureau, year)
    totals = dict(Line.objects.filter(budget__in=list(readable.values())).values("budget_id")
                  .annotate(total=Sum("amount")).order_by().values_list("budget_id", "total"))
    entries = []
    for department in bureau.departments.order_by("code"):
        entry = Entry(department, statuses.get(department.pk, NO_BUDGET), readable.get(department.pk))
        moved = dates.get(department.pk, {})
        entry.submitted_on, entry.returned_on = moved.get((Status.SUBMITTED, "last")), moved.get((Status.RETURNED, "last"))
        if entry.status in WAITING and moved.get((entry.status, "last")):
            entry.days_waiting = (today - moved[entry.status, "last"]).days
        if entry.budget is not None:
            findings = shown_findings(entry.budget)
            entry.errors = sum(finding.is_error for finding in findings)
            entry.warnings = len(findings) - entry.errors
            entry.total = totals.get(entry.budget.pk) or 0
        entry.late = lateness(entry, deadline, moved.get((Status.SUBMITTED, "first")), today)
        entries.append(entry)
    return entries, deadline


def status_dates(bureau, year):
    """{department id: {(target status, "first"|"last"): date}} of the year's status changes."""
    rows = (StatusChange.objects.filter(budget__department__bureau=bureau, budget__year=year)
            .values("budget__department_id", "target").annotate(first=Min("at"), last=Max("at")).order_by())
    dates = {}
    for row in rows:
        moved = dates.setdefault(row["budget__department_id"], {})
        moved[row["target"], "first"] = timezone.localdate(row["first"])
        moved[row["target"], "last"] = timezone.localdate(row["last"])
    return dates


def lateness(entry, deadline, first_submitted, today):
    """What is late against the deadlines: ['逾期未报送'], ['逾期报送', '逾期未公开'], …"""
    if deadline is None:
        return []
    late = []
    if first_submitted is None and entry.status in (NO_BUDGET, Status.DRAFT) and today > deadline.submit_by:
        late.append("逾期未报送")
    elif first_submitted is not None and first_submitted > deadline.submit_by:
        late.append("逾期报送")
    publish_by = deadline.publish_by or deadline.latest_publication
    published_on = entry.budget.published_on if entry.budget is not None else None
    if publish_by and entry.status != Status.PUBLISHED and today > publish_by:
        late.append("逾期未公开")
    elif publish_by and published_on and published_on > publish_by:
        late.append("逾期公开")
    return late


def filtered(entries, chosen):
    """The entries of the filter `chosen` ("" for all)."""
    if chosen == LATE:
        return [entry for entry in entries if entry.late]
    return [entry for entry in entries if not chosen or entry.status == chosen]

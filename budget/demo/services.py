"""Load the demo: two departments' budgets from budget/demo/data and one user per role."""
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from budget.budgets.models import Budget
from budget.exchange.services import budget_import
from budget.orgs.models import Profile
from budget.workflow.services import budget_publish, set_status

DATA = Path(__file__).resolve().parent / "data"
REFERENCE_FILE = DATA / "kizilsu-eco-2024.json"
SECOND_FILE = DATA / "demo-monitoring-2024.json"
# The 简称 (exchange revision 2) of demo departments by code: the reference file stays the shared
# revision-1 fixture, and its document calls the department 克州生态环境局.
SHORT_NAMES_FILE = DATA / "short-names.json"
DEFAULT_PASSWORD = "demo-pass-2024"


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def with_short_name(doc):
    """The demo document with its department's 简称, when the demo gives it one."""
    short_name = read(SHORT_NAMES_FILE).get(doc["department"]["code"])
    if short_name:
        doc["department"]["short_name"] = short_name
    return doc


def load_demo(*, password):
    """Import the demo budgets still in draft, create (or reset) the demo users and publish the
    reference budget through the workflow, as its accountant and reviewer; the second stays a draft.

    Returns (notes on each budget, [(username, role)]).
    """
    with transaction.atomic():
        (reference, reference_note), (second, second_note) = (
            _import(with_short_name(read(path))) for path in (REFERENCE_FILE, SECOND_FILE)
        )
        users = [
            _user("kz-accountant", password, department=reference.department),
            _user("kz-reviewer", password, bureau=reference.department.bureau),
            _user("other-accountant", password, department=second.department),
            _user("admin", password, superuser=True),
        ]
        publish_note = _publish(reference, accountant="kz-accountant", reviewer="kz-reviewer")
    return [reference_note, publish_note, second_note], users


def _publish(budget, *, accountant, reviewer):
    """Take the budget from wherever it is in the workflow to the public site."""
    accountant, reviewer = (get_user_model().objects.get(username=name) for name in (accountant, reviewer))
    if budget.status in (Budget.Status.DRAFT, Budget.Status.RETURNED):
        set_status(budget=budget, status=Budget.Status.SUBMITTED, by=accountant)
    if budget.status == Budget.Status.SUBMITTED:
        set_status(budget=budget, status=Budget.Status.APPROVED, by=reviewer)
    if budget.status == Budget.Status.APPROVED:
        # A budget published before (then opened for a correction) needs a change note.
        note = "重新载入演示数据" if budget.publications.exists() else ""
        publication = budget_publish(budget=budget, by=reviewer, note=note)
        return f"已公开 {budget}（第 {publication.version} 版）"
    return f"{budget} 已公开（第 {budget.publications.count()} 版），未重新公开"


def _import(doc):
    """Import a document unless its budget has left draft; returns (budget, a note for the console)."""
    existing = Budget.objects.filter(department__code=doc["department"]["code"], year=doc["year"]).first()
    if existing and not existing.is_editable:
        return existing, f"保留 {existing}：状态为“{existing.get_status_display()}”，未重新导入"
    budget = budget_import(data=doc)
    return budget, f"已导入 {budget}：{budget.lines.count()} 条明细，{budget.projects.count()} 个项目"


def _user(username, password, *, department=None, bureau=None, superuser=False):
    """Create or reset a staff user; accountants belong to a department, reviewers to a bureau."""
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.is_active = user.is_staff = True
    user.is_superuser = superuser
    user.set_password(password)
    user.save()
    if superuser:
        return username, "超级管理员"
    Profile.objects.update_or_create(user=user, defaults={"department": department, "bureau": bureau})
    role = f"会计，部门 {department}" if department else f"审核，财政部门 {bureau}"
    return username, role

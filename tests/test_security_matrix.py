"""Every URL of the workflow and the public site × every role × every status.

Nothing leaks (404 where the budget is not visible), nothing changes without the right
(403 or 404, status unchanged), and the allowed moves do move. The expectations follow the
rules as stated in budget/budgets/access.py and budget/workflow/transitions.py.
"""
import pytest
from django.core.cache import cache
from django.db import transaction

from budget.budgets.models import Budget
from budget.orgs.models import Department, FinanceBureau

from .conftest import make_user
from .workflow_states import ORDER, bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")

Status = Budget.Status
MANAGE = "/manage/budgets/501001/2024/workflow/"
PUBLIC = "/budgets/501001/2024/"
PUBLIC_URLS = [PUBLIC + tail for tail in (
    "", "document.pdf", "tables.xlsx", "tables.json", "budget.json",
    "v/1/", "v/1/document.pdf", "v/1/tables.xlsx", "v/1/tables.json", "v/1/budget.json",
)]
# action: (statuses it starts from, roles that may make it, status it leads to)
MOVES = {
    "submit": ({Status.DRAFT, Status.RETURNED}, {"accountant", "superuser"}, Status.SUBMITTED),
    "return": ({Status.SUBMITTED, Status.APPROVED}, {"reviewer", "superuser"}, Status.RETURNED),
    "approve": ({Status.SUBMITTED}, {"reviewer", "superuser"}, Status.APPROVED),
    "publish": ({Status.APPROVED}, {"reviewer", "superuser"}, Status.PUBLISHED),
    "correct": ({Status.PUBLISHED}, {"accountant", "reviewer", "superuser"}, Status.DRAFT),
}
ROLES = ["anonymous", "accountant", "other_accountant", "reviewer", "other_reviewer", "superuser"]


@pytest.fixture
def users(reference_budget):
    bureau = reference_budget.department.bureau
    neighbour = Department.objects.create(code="501009", name="同一财政局的另一部门", bureau=bureau)
    return {
        "anonymous": None,
        "accountant": make_user("accountant", department=reference_budget.department),
        "other_accountant": make_user("neighbour", department=neighbour),
        "reviewer": make_user("reviewer", bureau=bureau),
        "other_reviewer": make_user("far-reviewer", bureau=FinanceBureau.objects.create(name="另一财政局")),
        "superuser": make_user("root", is_superuser=True),
    }


def visible(role, status):
    """access.py: the department's accountants see all, the bureau's reviewers all but drafts."""
    return role in ("accountant", "superuser") or (role == "reviewer" and status != Status.DRAFT)


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def current_status():
    return Budget.objects.get(department__code="501001", year=2024).status


@pytest.mark.parametrize("status", ORDER)
def test_it_shows_the_workflow_page_only_to_who_may_see_the_budget(client, reference_budget, users, status):
    bring_to(reference_budget, status, accountant=users["accountant"], reviewer=users["reviewer"])
    for role in ROLES:
        login(client, users[role])
        response = client.get(MANAGE)
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), role
        else:
            assert response.status_code == (200 if visible(role, status) else 404), role


@pytest.mark.parametrize("status", ORDER)
def test_it_lets_only_the_right_roles_move_a_budget(client, reference_budget, users, status):
    bring_to(reference_budget, status, accountant=users["accountant"], reviewer=users["reviewer"])
    for role in ROLES:
        login(client, users[role])
        for action, (sources, roles, target) in MOVES.items():
            with transaction.atomic():
                response = client.post(f"{MANAGE}{action}/", {"comment": "意见", "version": "1"})
                after = current_status()
                transaction.set_rollback(True)  # the next attempt starts from `status` again
            cache.clear()
            case = f"{role} {action} on {status}"
            if role == "anonymous":
                assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), case
                assert after == status, case
            elif not visible(role, status):
                assert (response.status_code, after) == (404, status), case
            elif status in sources and role in roles:
                assert (response.status_code, after) == (302, target), case
            else:
                assert (response.status_code, after) == (403, status), case


@pytest.mark.parametrize("status", ORDER)
def test_it_shows_the_public_site_only_once_published(client, reference_budget, users, status):
    bring_to(reference_budget, status, accountant=users["accountant"], reviewer=users["reviewer"])
    expected = 200 if status == Status.PUBLISHED else 404
    for role in ROLES:
        login(client, users[role])
        for url in PUBLIC_URLS:
            assert client.get(url).status_code == expected, f"{role} {url}"
        listed = 'href="/budgets/501001/2024/"' in client.get("/").content.decode()
        assert listed == (status == Status.PUBLISHED), role
        assert client.get(PUBLIC + "v/2/").status_code == 404


def test_it_keeps_the_published_version_public_during_a_correction(client, reference_budget, users):
    bring_to(reference_budget, Status.PUBLISHED, accountant=users["accountant"], reviewer=users["reviewer"])
    login(client, users["accountant"])
    client.post(f"{MANAGE}correct/", {"comment": "更正"})
    assert current_status() == Status.DRAFT
    login(client, None)
    for url in PUBLIC_URLS:
        assert client.get(url).status_code == 200, url

"""manage.py load_demo: the demo budgets, the demo users, the DEBUG guard, idempotence."""
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from budget.budgets.models import Budget, Line

User = get_user_model()
# load_demo publishes the reference budget; rendering its PDF takes seconds.
pytestmark = pytest.mark.usefixtures("quick_pdf")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def load(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_it_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="--force"):
        load()
    assert not User.objects.exists()
    assert not Budget.objects.exists()


@pytest.mark.django_db
def test_it_runs_without_debug_when_forced():
    load(force=True)
    assert User.objects.filter(username="admin", is_superuser=True).exists()


@pytest.mark.django_db
def test_it_imports_the_reference_budget(debug):
    load()
    budget = Budget.objects.get(department__code="501001", year=2024)
    assert budget.department.name == "克孜勒苏柯尔克孜自治州生态环境局"
    assert budget.department.short_name == "克州生态环境局"
    assert budget.lines.count() == 42
    assert budget.projects.count() == 7
    # 收支总预算 of the reference document: 2,448.62 万元.
    assert budget.lines.aggregate(total=Sum("amount"))["total"] == Decimal("24486200.00")


@pytest.mark.django_db
def test_it_publishes_the_reference_budget_through_the_workflow(debug, client):
    output = load()
    budget = Budget.objects.get(department__code="501001", year=2024)
    assert budget.status == Budget.Status.PUBLISHED
    steps = [(c.target, c.by.username) for c in budget.status_changes.all()]
    assert steps == [("submitted", "kz-accountant"), ("approved", "kz-reviewer"), ("published", "kz-reviewer")]
    assert "已公开 克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算（第 1 版）" in output
    assert client.get("/budgets/501001/2024/").status_code == 200
    assert Budget.objects.get(department__code="501002").status == Budget.Status.DRAFT
    assert client.get("/budgets/501002/2024/").status_code == 404


@pytest.mark.django_db
def test_it_publishes_only_once(debug):
    load()
    output = load()
    budget = Budget.objects.get(department__code="501001", year=2024)
    assert budget.publications.count() == 1
    assert "已公开（第 1 版），未重新公开" in output


@pytest.mark.django_db
def test_it_imports_a_second_department_under_the_same_bureau(debug):
    load()
    reference = Budget.objects.get(department__code="501001")
    second = Budget.objects.get(department__code="501002", year=2024)
    assert second.department.bureau == reference.department.bureau
    assert second.lines.count() == 10
    assert second.lines.aggregate(total=Sum("amount"))["total"] == Decimal("2616000.00")
    project = second.projects.get()
    allocated = project.allocation.aggregate(total=Sum("amount"))["total"]
    assert allocated == Line.objects.filter(project=project).aggregate(total=Sum("amount"))["total"]
    assert allocated == Decimal("500000.00")


@pytest.mark.django_db
def test_it_creates_one_user_per_role(debug):
    load()
    accountant = User.objects.get(username="kz-accountant")
    reviewer = User.objects.get(username="kz-reviewer")
    other = User.objects.get(username="other-accountant")
    admin = User.objects.get(username="admin")
    assert accountant.profile.department.code == "501001"
    assert accountant.profile.bureau is None
    assert reviewer.profile.bureau.name == "克孜勒苏柯尔克孜自治州财政局"
    assert reviewer.profile.department is None
    assert other.profile.department.code == "501002"
    assert all(user.is_staff and not user.is_superuser for user in (accountant, reviewer, other))
    assert admin.is_superuser and admin.is_staff
    assert all(user.check_password("demo-pass-2024") for user in (accountant, reviewer, other, admin))


@pytest.mark.django_db
def test_it_takes_the_password_from_the_environment_and_prints_it(debug, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-7")
    output = load()
    assert User.objects.get(username="kz-reviewer").check_password("another-secret-7")
    assert not User.objects.get(username="kz-reviewer").check_password("demo-pass-2024")
    assert "another-secret-7" in output
    for username in ("kz-accountant", "kz-reviewer", "other-accountant", "admin"):
        assert username in output


@pytest.mark.django_db
def test_it_can_run_twice_and_resets_passwords(debug):
    load()
    draft = Budget.objects.get(department__code="501002")  # the published reference is kept as it is
    accountant = User.objects.get(username="kz-accountant")
    accountant.set_password("changed-by-user")
    accountant.save()
    Line.objects.filter(budget=draft).delete()

    load()

    assert User.objects.count() == 4
    assert Budget.objects.count() == 2
    assert Budget.objects.get(department__code="501002").lines.count() == 10
    assert User.objects.get(username="kz-accountant").check_password("demo-pass-2024")


@pytest.mark.django_db
def test_it_keeps_a_budget_that_left_draft(debug):
    load()
    Budget.objects.filter(department__code="501002").update(status=Budget.Status.SUBMITTED)
    Line.objects.filter(budget__department__code="501002", kind="basic").delete()

    output = load()

    second = Budget.objects.get(department__code="501002")
    assert second.status == Budget.Status.SUBMITTED
    assert second.lines.count() == 4
    assert "已报送" in output
    assert Budget.objects.get(department__code="501001").lines.count() == 42


"""export_all / import_all: the demo data survives a backup and restore into a fresh database byte for byte."""
import datetime
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import CommandError, call_command

from budget.budgets.models import Budget
from budget.figures.models import PublishedMetrics
from budget.orgs.models import Deadline, Department, FinanceBureau
from budget.workflow.models import Publication, StatusChange, Submission

PAGES = ["/", "/budgets/501001/2024/", "/budgets/501001/2024/document.pdf", "/budgets/501001/2024/tables.json",
         "/budgets/501001/2024/tables.xlsx", "/budgets/501001/2024/budget.json"]


def public_bytes(client):
    cache.clear()
    responses = {url: client.get(url) for url in PAGES}
    assert all(r.status_code == 200 for r in responses.values()), {u: r.status_code for u, r in responses.items()}
    return {url: b"".join(r.streaming_content) if r.streaming else r.content for url, r in responses.items()}


def empty_database():
    """What a freshly migrated database holds: the classification editions only."""
    Publication.objects.all().delete()
    StatusChange.objects.all().delete()
    Budget.objects.all().delete()
    User.objects.all().delete()
    Department.objects.all().delete()
    FinanceBureau.objects.all().delete()


@pytest.fixture
def demo(db, settings, quick_pdf):
    settings.DEBUG = True
    call_command("load_demo")


def test_it_restores_the_public_pages_byte_for_byte(client, demo, settings, tmp_path):
    before = public_bytes(client)
    assert before["/budgets/501001/2024/document.pdf"].startswith(b"%PDF")
    call_command("export_all", "--output", str(tmp_path / "backup"))

    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-media"  # a new machine's storage
    assert client.get("/budgets/501001/2024/").status_code == 404
    call_command("import_all", str(tmp_path / "backup"))

    assert public_bytes(client) == before
    budget = Budget.objects.get(department__code="501001", year=2024)
    assert budget.status == Budget.Status.PUBLISHED
    assert [(c.source, c.target, c.by.username) for c in budget.status_changes.all()] == [
        ("draft", "submitted", "kz-accountant"), ("submitted", "approved", "kz-reviewer"),
        ("approved", "published", "kz-reviewer")]
    assert Budget.objects.get(department__code="501002").status == Budget.Status.DRAFT
    assert User.objects.get(username="kz-accountant").profile.department.code == "501001"


def test_it_writes_exchange_files_and_a_manifest(demo, tmp_path):
    call_command("export_all", "--output", str(tmp_path))
    assert sorted(p.name for p in (tmp_path / "budgets").iterdir()) == ["501001-2024.json", "501002-2024.json"]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = [b for b in manifest["budgets"] if b["department"] == "501001"]
    (publication,) = entry["publications"]
    assert (publication["version"], publication["by"], publication["render_state"]) == (1, "kz-reviewer", "done")
    assert (tmp_path / publication["files"]["pdf"]).read_bytes() == b"%PDF-1.7 stand-in\n"
    assert json.loads((tmp_path / entry["file"]).read_text(encoding="utf-8"))["format"] == "budget-exchange/1"


@pytest.mark.real_password_hashing  # the backup must carry the production hashes
def test_it_leaves_password_hashes_out_unless_asked(demo, tmp_path, client):
    call_command("export_all", "--output", str(tmp_path / "plain"))
    users = json.loads((tmp_path / "plain" / "manifest.json").read_text(encoding="utf-8"))["users"]
    assert {u["username"] for u in users} == {"admin", "kz-accountant", "kz-reviewer", "other-accountant"}
    assert all("password" not in u for u in users)
    call_command("export_all", "--output", str(tmp_path / "full"), "--with-users")
    full = json.loads((tmp_path / "full" / "manifest.json").read_text(encoding="utf-8"))["users"]
    assert all(u["password"].startswith("pbkdf2_sha256$") for u in full)

    empty_database()
    call_command("import_all", str(tmp_path / "plain"))
    assert not User.objects.get(username="kz-reviewer").has_usable_password()
    empty_database()
    call_command("import_all", str(tmp_path / "full"))
    assert User.objects.get(username="kz-reviewer").check_password("demo-pass-2024")


def test_it_refuses_a_database_that_is_not_empty(demo, tmp_path):
    call_command("export_all", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="数据库不是空的"):
        call_command("import_all", str(tmp_path))
    call_command("import_all", str(tmp_path), "--force")
    assert Publication.objects.get().render_state == "done"
    assert Budget.objects.count() == 2


def test_it_restores_a_shanghai_version_with_its_unit_budgets(client, db, settings, quick_pdf, tmp_path):
    from budget.exchange.services import budget_import
    from budget.workflow.models import UnitDocument

    from .conftest import make_user
    from .exchange_files import shanghai_department
    from .workflow_states import bring_to

    budget = budget_import(data=shanghai_department("990437"))
    bring_to(budget, Budget.Status.PUBLISHED, accountant=make_user("sh", department=budget.department),
             reviewer=make_user("sh-reviewer", bureau=budget.department.bureau))
    FinanceBureau.objects.update(template="shanghai-2026")
    pages = ["/budgets/990437/2024/", "/budgets/990437/2024/units/990437-02/",
             "/budgets/990437/2024/units/990437-02/tables.json"]
    cache.clear()
    before = [b"".join(r.streaming_content) if r.streaming else r.content for r in map(client.get, pages)]
    call_command("export_all", "--output", str(tmp_path / "backup"))
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-media"
    call_command("import_all", str(tmp_path / "backup"))
    cache.clear()
    assert [b"".join(r.streaming_content) if r.streaming else r.content for r in map(client.get, pages)] == before
    assert Publication.objects.get().template == "shanghai-2026" and UnitDocument.objects.count() == 4
    assert FinanceBureau.objects.get().template == "shanghai-2026"


def edited(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, message", [
    # A NUL and a lone surrogate written as JSON escapes, a number of 5,000 digits.
    ('"comment": "', '"comment": "\\u0000', r"budgets\[0\]\.history\[0\]\.comment: 含有NUL 字符 '\\x00'"),
    ('"note": "', '"note": "\\ud800', r"budgets\[0\]\.publications\[0\]\.note: 含有不成对的代理字符 '\\ud800'"),
    ('"version": 1', '"version": 1' + "0" * 5000, r"budgets\[0\]\.publications\[0\]\.version: 数字过长"),
])
def test_it_refuses_a_manifest_with_unstorable_text_or_an_overlong_number(demo, tmp_path, old, new, message):
    call_command("export_all", "--output", str(tmp_path))
    edited(tmp_path / "manifest.json", old, new)
    empty_database()
    with pytest.raises(CommandError, match=f"manifest.json: {message}.*未恢复任何数据"):
        call_command("import_all", str(tmp_path))
    assert (Budget.objects.count(), User.objects.count()) == (0, 0)


def test_it_refuses_a_budget_file_with_a_nul_and_restores_nothing(demo, tmp_path):
    call_command("export_all", "--output", str(tmp_path))
    edited(tmp_path / "budgets" / "501001-2024.json", '"structure": "', '"structure": "\\u0000')
    empty_database()
    with pytest.raises(CommandError, match=r"budgets/501001-2024.json: overview.structure: 含有NUL 字符"):
        call_command("import_all", str(tmp_path))
    assert (Budget.objects.count(), User.objects.count(), Department.objects.count()) == (0, 0, 0)


def row_counts():
    """{model label: rows} of every model of the product (the budget.* apps), but the classification
    editions (loaded by the migrations) and the audit trail's history rows (the restored budgets'
    history starts at the restore; the backup keeps each budget's status history)."""
    return {
        model._meta.label: model.objects.count()
        for config in apps.get_app_configs() if config.name.startswith("budget.")
        for model in config.get_models()
        if config.label != "codes" and not model._meta.model_name.startswith("historical")
    }


def test_it_restores_every_row_of_the_product(client, demo, settings, tmp_path):
    bureau = FinanceBureau.objects.get()
    Deadline.objects.create(bureau=bureau, year=2024, submit_by=datetime.date(2024, 1, 15),
                            approved_on=datetime.date(2024, 1, 20))
    before = row_counts()
    assert before["workflow.Submission"] >= 1 and before["orgs.Deadline"] == 1
    submitted = Submission.objects.get(change__budget__department__code="501001").document
    published = PublishedMetrics.objects.get(budget__department__code="501001", version=1).figures
    assert Decimal(published["income.total"]) == Decimal("24486200.00")  # 收入总计 2,448.62 万元, as the document says
    call_command("export_all", "--output", str(tmp_path / "backup"))

    empty_database()
    Deadline.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "new-media"
    call_command("import_all", str(tmp_path / "backup"))

    assert row_counts() == before
    assert Submission.objects.get(change__budget__department__code="501001").document == submitted
    assert PublishedMetrics.objects.get(budget__department__code="501001", version=1).figures == published
    deadline = Deadline.objects.get()
    assert (deadline.bureau.name, deadline.submit_by, deadline.approved_on, deadline.publish_by) == (
        bureau.name, datetime.date(2024, 1, 15), datetime.date(2024, 1, 20), None)


def test_it_keeps_what_each_version_published_for_the_next_years_comparisons(demo, tmp_path):
    """A correction has changed the published 2024 when the backup is made: after the restore, 2025
    still compares with what 2024 published (收支总预算 2,448.62 万元, tests/data/kizilsu-eco-2024-budget.txt)."""
    from budget.figures.metrics import PriorFigures
    from budget.nextyear.services import start_next_year
    from budget.workflow.services import set_status

    budget = Budget.objects.get(department__code="501001", year=2024)
    set_status(budget=budget, status=Budget.Status.DRAFT, by=User.objects.get(username="kz-accountant"), comment="更正")
    line = budget.lines.get(function__code="2080505")
    line.amount += 1000000
    line.save()
    call_command("export_all", "--output", str(tmp_path / "backup"))
    empty_database()
    call_command("import_all", str(tmp_path / "backup"))

    restored = Budget.objects.get(department__code="501001", year=2024)
    new = start_next_year(budget=restored).budget
    assert PriorFigures(new)["income.total"] == Decimal("24486200.00")

"""/manage/budgets/<code>/<year>/publish/: publishing is confirmed on its own page, which names the
version it creates and asks for the 更正说明 of a correction; a version ≥ 2 prints both."""
import pytest

from budget.budgets.models import Budget
from budget.document.pdf import pdf_html
from budget.workflow.models import Publication
from budget.workflow.services import set_status

from .conftest import make_user
from .workflow_states import bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")
Status = Budget.Status
PAGE = "/manage/budgets/501001/2024/publish/"
NOTE = "更正机关事业单位基本养老保险缴费支出"


@pytest.fixture
def approved(reference_budget, accountant, reviewer):
    return bring_to(reference_budget, Status.APPROVED, accountant=accountant, reviewer=reviewer)


def corrected(budget, accountant, reviewer):
    bring_to(budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    set_status(budget=budget, status=Status.DRAFT, by=accountant, comment="更正")
    set_status(budget=budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=budget, status=Status.APPROVED, by=reviewer)
    return budget


def body(publication):
    with publication.body_html.open("rb") as stored:
        return stored.read().decode("utf-8")


def test_it_names_the_version_and_publishes_once_confirmed(client, approved, reviewer):
    client.force_login(reviewer)
    html = client.get(PAGE).content.decode()
    assert "将公开为<strong>第 1 版</strong>" in html and "公开说明（选填）" in html
    assert not Publication.objects.exists()
    response = client.post(PAGE, {"version": "1", "comment": ""}, follow=True)
    assert response.redirect_chain == [("/manage/budgets/501001/2024/workflow/", 302)]
    assert "已公开第 1 版" in response.content.decode()
    first = Publication.objects.get()
    assert first.version == 1 and "更正说明" not in body(first) and "第 1 版" not in body(first)


def test_it_sends_an_unconfirmed_publish_to_the_confirmation(client, approved, reviewer):
    client.force_login(reviewer)
    response = client.post("/manage/budgets/501001/2024/workflow/publish/", {"comment": ""})
    assert response["Location"] == PAGE and not Publication.objects.exists()


def test_it_asks_a_correction_for_its_note_and_prints_version_and_note(client, reference_budget, accountant, reviewer):
    corrected(reference_budget, accountant, reviewer)
    client.force_login(reviewer)
    html = client.get(PAGE).content.decode()
    assert "将公开为<strong>第 2 版</strong>，更正已公开的第 1 版" in html and "更正说明（必填" in html
    missing = client.post(PAGE, {"version": "2", "comment": " "}).content.decode()
    assert "更正后再次公开须填写更正说明" in missing
    garbled = client.post(PAGE, {"version": "２", "comment": NOTE}).content.decode()
    assert "没有收到要确认的版本号" in garbled
    stale = client.post(PAGE, {"version": "1", "comment": NOTE}).content.decode()
    assert "确认的是第 1 版，现在公开将是第 2 版：请重新确认" in stale
    assert Publication.objects.count() == 1
    client.post(PAGE, {"version": "2", "comment": NOTE})
    second = Publication.objects.get(version=2)
    assert "第 2 版（更正）" in body(second) and f"更正说明：</strong>{NOTE}" in body(second)
    public = client.get("/budgets/501001/2024/").content.decode()
    assert "第 2 版（更正）" in public and NOTE in public
    budget = Budget.objects.get(pk=reference_budget.pk)
    assert "第 2 版（更正）" in pdf_html(budget, {**context_of(budget), "publication": second})


def context_of(budget):
    from budget.document.builder import document_context

    return document_context(budget)


def test_it_adds_nothing_to_a_first_version(reference_budget):
    from budget.workflow.snapshot import render_files

    first = Publication(version=1, note="")
    with_version = render_files(reference_budget, first)["body_html"]
    assert with_version == render_files(reference_budget)["body_html"]


def test_it_answers_403_to_the_accountant_and_404_to_outsiders(client, approved, accountant, outsider):
    client.force_login(accountant)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"version": "1"}).status_code == 403
    client.force_login(outsider)
    assert client.get(PAGE).status_code == 404
    assert not Publication.objects.exists()


def test_it_lets_a_colleague_reviewer_publish(client, approved):
    client.force_login(make_user("colleague", bureau=approved.department.bureau))
    client.post(PAGE, {"version": "1"})
    assert Publication.objects.get().version == 1

"""The workflow page /manage/budgets/<code>/<year>/workflow/ and its POST actions."""
import pytest
from django.test import Client

from budget.budgets.models import Budget
from budget.workflow.models import Publication, StatusChange

from .workflow_states import bring_to

# Publishing renders a PDF in seconds; these tests are not about the PDF.
pytestmark = pytest.mark.usefixtures("quick_pdf")

Status = Budget.Status
PAGE = "/manage/budgets/501001/2024/workflow/"


def action(name):
    return f"{PAGE}{name}/"


def status():
    return Budget.objects.get(department__code="501001", year=2024).status


@pytest.fixture
def as_accountant(client, accountant):
    client.force_login(accountant)
    return client


def test_it_shows_the_accountant_the_submit_button_of_a_draft(as_accountant):
    response = as_accountant.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="draft">草稿' in html
    assert f'action="{action("submit")}"' in html
    assert "csrfmiddlewaretoken" in html
    assert action("approve") not in html and action("publish") not in html
    assert 'href="/manage/budgets/501001/2024/history/">数据修改记录</a>' in html


def test_it_shows_the_reviewer_return_and_approve_of_a_submitted_budget(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.SUBMITTED, accountant=accountant, reviewer=reviewer)
    client.force_login(reviewer)
    html = client.get(PAGE).content.decode()
    assert f'action="{action("return")}"' in html and f'action="{action("approve")}"' in html
    assert action("submit") not in html
    # The history: who submitted, from what to what.
    assert "草稿 → 已报送" in html and "accountant" in html


def test_it_submits_and_shows_the_history(as_accountant):
    response = as_accountant.post(action("submit"), {"comment": "请审核"}, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    assert status() == Status.SUBMITTED
    html = response.content.decode()
    assert "已报送审核" in html and "请审核" in html


def test_it_refuses_a_return_without_a_comment(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.SUBMITTED, accountant=accountant, reviewer=reviewer)
    client.force_login(reviewer)
    response = client.post(action("return"), {"comment": ""}, follow=True)
    assert "“退回修改”须填写意见" in response.content.decode()
    assert status() == Status.SUBMITTED


def test_it_escapes_comments(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.SUBMITTED, accountant=accountant, reviewer=reviewer)
    client.force_login(reviewer)
    client.post(action("return"), {"comment": "<script>alert(1)</script>"})
    html = client.get(PAGE).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_it_requires_the_csrf_token(accountant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(accountant)
    assert client.post(action("submit")).status_code == 403
    assert status() == Status.DRAFT
    html = client.get(PAGE).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert client.post(action("submit"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert status() == Status.SUBMITTED


def test_it_answers_get_on_an_action_with_405(as_accountant):
    assert as_accountant.get(action("submit")).status_code == 405
    assert status() == Status.DRAFT


def test_it_answers_an_unknown_action_with_404(as_accountant):
    assert as_accountant.post(action("destroy")).status_code == 404


def test_it_publishes_and_links_the_public_version(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.APPROVED, accountant=accountant, reviewer=reviewer)
    client.force_login(reviewer)
    html = client.post(action("publish"), {"version": "1", "comment": ""}, follow=True).content.decode()
    assert "已公开第 1 版" in html
    assert 'href="/budgets/501001/2024/v/1/"' in html
    assert Publication.objects.get().version == 1


def test_it_asks_for_a_change_note_before_publishing_a_correction(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    client.force_login(accountant)
    client.post(action("correct"), {"comment": "更正人数"})
    client.post(action("submit"))
    client.force_login(reviewer)
    client.post(action("approve"))
    html = client.get(PAGE).content.decode()
    assert 'href="/manage/budgets/501001/2024/publish/"' in html  # confirmed there, with its 更正说明
    response = client.post(action("publish"), {"version": "2", "comment": ""}, follow=True)
    assert "更正后再次公开须填写更正说明" in response.content.decode()
    client.post(action("publish"), {"version": "2", "comment": "更正在职人数"})
    assert list(Publication.objects.values_list("version", "note")) == [(2, "更正在职人数"), (1, "")]


def test_it_sends_a_reviewer_who_opens_a_correction_to_the_public_page(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    client.force_login(reviewer)
    response = client.post(action("correct"), {"comment": "数字有误"})
    assert response["Location"] == "/budgets/501001/2024/"
    assert status() == Status.DRAFT
    assert StatusChange.objects.last().comment == "数字有误"


def test_it_sends_anonymous_visitors_to_the_login_page(client, reference_budget):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

"""GET /manage/budgets/<code>/<year>/document.pdf: the PDF for those who may read the budget."""
from urllib.parse import quote

import pytest

URL = "/manage/budgets/501001/2024/document.pdf"
NAME = "克孜勒苏柯尔克孜自治州生态环境局2024年部门预算.pdf"


def test_it_sends_the_owner_a_pdf_with_a_chinese_file_name(client, accountant):
    client.force_login(accountant)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")


def test_it_links_the_pdf_from_the_document_page(client, accountant):
    client.force_login(accountant)
    assert f'href="{URL}"' in client.get("/manage/budgets/501001/2024/").content.decode()


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_it_hides_a_draft_from_other_organisations(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, reference_budget):
    assert client.get(URL).status_code == 302


STAND_IN = b"%PDF-1.7 stand-in\n"


@pytest.fixture
def queue(monkeypatch):
    """A broker that holds the tasks until `run` hands them to a worker."""
    queued = []
    monkeypatch.setattr("budget.document.tasks.render_draft_pdf.delay", queued.append)
    return queued


def run(queue):
    from budget.document.tasks import render_draft_pdf

    while queue:
        render_draft_pdf(queue.pop(0))


@pytest.fixture
def renders(monkeypatch):
    made = []

    def render_pdf(budget):
        made.append(budget.revision)
        return STAND_IN

    monkeypatch.setattr("budget.document.tasks.render_pdf", render_pdf)
    return made


def test_it_renders_a_draft_on_the_queue_once_per_revision(client, accountant, queue, renders):
    client.force_login(accountant)
    for _ in range(3):  # clicked again while it renders: queued once
        response = client.get(URL)
        assert (response.status_code, response["Refresh"]) == (202, "3")
        assert "PDF 生成中" in response.content.decode()
    assert len(queue) == 1
    run(queue)
    for _ in range(2):
        response = client.get(URL)
        assert (response.status_code, response.content) == (200, STAND_IN)
    assert renders == [1]

    budget = accountant.profile.department.budgets.get()
    budget.revision += 1  # any change of its data
    budget.save()
    assert client.get(URL).status_code == 202
    run(queue)
    assert client.get(URL).content == STAND_IN and renders == [1, 2]


def test_it_says_why_a_render_stopped(client, accountant, queue, monkeypatch):
    from budget.document.pdf import PdfError

    def too_slow(budget):  # as render_pdf stops a render at its time limit
        raise PdfError("PDF 生成超过 300 秒未完成，已停止；请检查是否有过长的文字或表格")

    monkeypatch.setattr("budget.document.tasks.render_pdf", too_slow)
    client.force_login(accountant)
    client.get(URL)
    run(queue)
    response = client.get(URL)
    assert (response.status_code, response["Retry-After"]) == (503, "300")
    assert "PDF 生成超过 300 秒未完成，已停止；请检查是否有过长的文字或表格。几分钟后可" in response.content.decode()
    assert queue == []  # not queued again at once


def test_it_serves_the_stored_file_of_a_published_budget(client, reference_budget, accountant, reviewer, quick_pdf,
                                                         monkeypatch):
    from budget.budgets.models import Budget
    from tests.workflow_states import bring_to

    bring_to(reference_budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    monkeypatch.setattr("budget.document.tasks.render_pdf", lambda budget: pytest.fail("rendered again"))
    for user in (accountant, reviewer):
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == STAND_IN
        assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"

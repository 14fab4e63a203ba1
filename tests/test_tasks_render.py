"""Background rendering of published versions: states, retries, what the public site shows meanwhile."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from budget.budgets.models import Budget
from budget.document.pdf import PdfTooLong
from budget.workflow import tasks
from budget.workflow.models import Publication
from budget.workflow.services import TransitionRefused, budget_publish, set_status
from tests.workflow_states import bring_to

State = Publication.RenderState
STAND_IN = b"%PDF-1.7 stand-in\n"


@pytest.fixture
def approved(reference_budget, accountant, reviewer):
    return bring_to(reference_budget, Budget.Status.APPROVED, accountant=accountant, reviewer=reviewer)


@pytest.fixture
def held(monkeypatch):
    """Publishing queues the rendering without running it, as when the workers are busy."""
    queued = []
    monkeypatch.setattr("budget.workflow.services.enqueue_render", lambda publication: queued.append(publication.pk))
    return queued


def failing_pdf(monkeypatch, failures):
    """The PDF renderer fails `failures` times, then works."""
    calls = []

    def pdf(budget):
        calls.append(budget.pk)
        if len(calls) <= failures:
            raise RuntimeError("字体文件缺失")
        return STAND_IN

    monkeypatch.setattr("budget.workflow.snapshot.pdf_bytes", pdf)
    return calls


def test_it_renders_every_file_before_the_publication_is_done(approved, reviewer, quick_pdf):
    publication = budget_publish(budget=approved, by=reviewer)
    assert (publication.render_state, publication.render_attempts, publication.render_error) == (State.DONE, 1, "")
    assert publication.pdf.read() == STAND_IN
    assert publication.chart["by_kind"][0]["label"] == "基本支出"


def test_it_retries_a_failed_render(approved, reviewer, monkeypatch):
    calls = failing_pdf(monkeypatch, failures=2)
    publication = budget_publish(budget=approved, by=reviewer)
    assert (publication.render_state, publication.render_attempts) == (State.DONE, 3)
    assert len(calls) == 3


def test_it_does_not_retry_a_document_over_the_page_limit(approved, reviewer, monkeypatch):
    calls = []

    def too_long(budget):
        calls.append(budget.pk)
        raise PdfTooLong("文档共 1744 页，超过 PDF 的上限 1000 页，未生成")

    monkeypatch.setattr("budget.workflow.snapshot.pdf_bytes", too_long)
    publication = budget_publish(budget=approved, by=reviewer)
    assert len(calls) == 1
    assert publication.render_state == State.FAILED
    assert publication.render_error == "PdfTooLong: 文档共 1744 页，超过 PDF 的上限 1000 页，未生成"


def test_it_marks_the_publication_failed_with_the_reason_after_the_last_retry(client, approved, reviewer,
                                                                              monkeypatch):
    calls = failing_pdf(monkeypatch, failures=99)
    publication = budget_publish(budget=approved, by=reviewer)
    assert len(calls) == tasks.MAX_RETRIES + 1
    assert publication.render_state == State.FAILED
    assert publication.render_error == "RuntimeError: 字体文件缺失"
    assert not publication.pdf
    assert client.get("/budgets/501001/2024/").status_code == 404
    client.force_login(reviewer)
    html = client.get("/manage/budgets/501001/2024/workflow/").content.decode()
    assert "文件生成失败</span>（RuntimeError: 字体文件缺失）" in html


def test_it_keeps_the_previous_version_public_while_the_next_renders(client, approved, accountant, reviewer,
                                                                     quick_pdf, monkeypatch):
    budget_publish(budget=approved, by=reviewer)
    set_status(budget=approved, status=Budget.Status.DRAFT, by=accountant, comment="更正")
    bring_to(approved, Budget.Status.APPROVED, accountant=accountant, reviewer=reviewer)
    queued = []
    monkeypatch.setattr("budget.workflow.services.enqueue_render", lambda publication: queued.append(publication.pk))
    second = budget_publish(budget=approved, by=reviewer, note="更正项目名称")
    assert (second.version, second.render_state, queued) == (2, State.QUEUED, [second.pk])

    page = client.get("/budgets/501001/2024/").content.decode()
    assert "第 1 版</a>（最新）" in page and "第 2 版" not in page
    assert client.get("/budgets/501001/2024/v/2/").status_code == 404
    assert client.get("/budgets/501001/2024/v/2/document.pdf").status_code == 404
    with pytest.raises(TransitionRefused, match="公开文件正在生成"):
        set_status(budget=approved, status=Budget.Status.DRAFT, by=accountant, comment="再更正")

    tasks.render_publication.delay(second.pk)
    page = client.get("/budgets/501001/2024/").content.decode()
    assert "第 2 版</a>（最新）" in page


def test_it_shows_the_queued_state_to_the_reviewer(client, approved, reviewer, held):
    client.force_login(reviewer)
    response = client.post("/manage/budgets/501001/2024/publish/", {"version": "1", "comment": ""}, follow=True)
    html = response.content.decode()
    assert "第 1 版已排队生成文件，生成后在公开网站显示" in html
    assert 'data-render-state="queued">文件排队等待生成</span>（生成后在公开网站显示）' in html
    assert client.get("/").content.decode().count("/budgets/501001/2024/") == 0


def test_it_renders_a_publication_left_rendering_by_a_lost_worker(approved, reviewer, held, quick_pdf):
    publication = budget_publish(budget=approved, by=reviewer)
    Publication.objects.filter(pk=publication.pk).update(render_state=State.RENDERING, render_attempts=1)
    tasks.render_publication.delay(publication.pk)  # the broker delivers it again
    publication.refresh_from_db()
    assert (publication.render_state, publication.render_attempts) == (State.DONE, 2)


def test_it_renders_a_done_publication_only_once(approved, reviewer, quick_pdf):
    publication = budget_publish(budget=approved, by=reviewer)
    tasks.render_publication.delay(publication.pk)
    publication.refresh_from_db()
    assert publication.render_attempts == 1


def test_it_does_not_render_a_version_whose_budget_is_being_corrected(approved, accountant, reviewer, held):
    publication = budget_publish(budget=approved, by=reviewer)
    Budget.objects.filter(pk=approved.pk).update(status=Budget.Status.DRAFT)
    tasks.render_publication.delay(publication.pk)
    publication.refresh_from_db()
    assert publication.render_state == State.FAILED
    assert publication.render_attempts == 1
    assert "预算已发起更正" in publication.render_error


def test_it_is_acknowledged_only_when_it_ends():
    task = tasks.render_publication
    assert (task.acks_late, task.reject_on_worker_lost, task.max_retries) == (True, True, 3)
    assert task.app.conf.worker_prefetch_multiplier == 1


def test_it_requeues_publications_left_stuck_or_failed(approved, reviewer, held, quick_pdf):
    publication = budget_publish(budget=approved, by=reviewer)
    Publication.objects.filter(pk=publication.pk).update(render_state=State.RENDERING)
    call_command("requeue_renders", "--older-than", "30")
    publication.refresh_from_db()
    assert publication.render_state == State.RENDERING  # a worker may still be at it

    Publication.objects.filter(pk=publication.pk).update(render_changed_at=timezone.now() - timedelta(minutes=31))
    call_command("requeue_renders", "--older-than", "30")
    publication.refresh_from_db()
    assert publication.render_state == State.DONE


def test_it_renders_the_department_name_frozen_at_publication(approved, reviewer, held, quick_pdf):
    publication = budget_publish(budget=approved, by=reviewer)
    approved.department.name = "克孜勒苏州生态环境局（更名后）"
    approved.department.save()
    tasks.render_publication.delay(publication.pk)
    publication.refresh_from_db()
    assert publication.department_name == "克孜勒苏柯尔克孜自治州生态环境局"
    for stored in (publication.body_html, publication.exchange_json, publication.tables_json):
        text = stored.open("rb").read().decode()
        assert "克孜勒苏柯尔克孜自治州生态环境局" in text and "更名后" not in text, stored.name

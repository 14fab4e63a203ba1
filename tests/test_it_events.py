"""Told, not searching: a return, an approval or a publication shows on the accountant's home page
(the admin's index, templates/workflow/_events.html) and is e-mailed to the department's accountants."""
import logging

import pytest
from django.core import mail

from budget.budgets.models import Budget
from budget.workflow.events import recent_events
from budget.workflow.services import set_status

from .conftest import make_user
from .workflow_states import bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")
Status = Budget.Status
COMMENT = "请补充项目绩效指标"


@pytest.fixture
def returned(reference_budget, accountant, reviewer, django_capture_on_commit_callbacks):
    accountant.email = "kz@example.gov.cn"
    accountant.save()
    make_user("colleague-accountant", department=reference_budget.department, email="kz2@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
        set_status(budget=reference_budget, status=Status.RETURNED, by=reviewer, comment=COMMENT)
    return reference_budget


def test_it_shows_the_accountant_the_return_and_its_comment_on_the_home_page(client, returned, accountant):
    client.force_login(accountant)
    html = client.get("/admin/").content.decode()
    assert "最近的审核消息" in html
    assert f"<strong>已退回</strong>" in html and f"意见：{COMMENT}" in html
    assert 'href="/manage/budgets/501001/2024/workflow/"' in html


def test_it_emails_the_departments_accountants_once_committed(returned):
    assert len(mail.outbox) == 1  # the submission is not the bureau's decision: no mail for it
    message = mail.outbox[0]
    assert message.subject == "【部门预算】克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算：已退回修改"
    assert message.to == ["kz2@example.gov.cn", "kz@example.gov.cn"]
    assert f"意见：{COMMENT}" in message.body and "/manage/budgets/501001/2024/workflow/" in message.body


def test_it_tells_of_approval_and_publication_too(reference_budget, accountant, reviewer, django_capture_on_commit_callbacks):
    accountant.email = "kz@example.gov.cn"
    accountant.save()
    with django_capture_on_commit_callbacks(execute=True):
        bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    assert [m.subject.rsplit("：", 1)[1] for m in mail.outbox] == ["已审核通过", "已公开"]
    assert [e.target for e in recent_events(accountant)] == [Status.PUBLISHED, Status.APPROVED]


def test_it_keeps_the_move_when_the_mail_server_fails(reference_budget, accountant, reviewer, monkeypatch, caplog,
                                                      django_capture_on_commit_callbacks):
    accountant.email = "kz@example.gov.cn"
    accountant.save()

    def down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP 服务器不可达")

    monkeypatch.setattr("budget.workflow.events.send_mail", down)
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        set_status(budget=reference_budget, status=Status.RETURNED, by=reviewer, comment=COMMENT)
    assert Budget.objects.get().status == Status.RETURNED
    assert "not sent" in caplog.text and "SMTP 服务器不可达" in caplog.text


def test_it_shows_an_outsider_none_of_the_events(client, returned, outsider):
    assert recent_events(outsider) == []
    client.force_login(outsider)
    assert COMMENT not in client.get("/admin/").content.decode()


def test_it_shows_a_colleague_accountant_the_same_events(returned):
    colleague = Budget.objects.get().department.profile_set.get(user__username="colleague-accountant").user
    assert [e.comment for e in recent_events(colleague)] == [COMMENT]

"""/manage/bureau/<year>/progress/: every department of the bureau with its status, dates, days
waiting, findings and total, late ones marked against the bureau's deadlines; filter and XLSX."""
import copy
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from budget.budgets.models import Budget
from budget.orgs.models import Deadline
from budget.exchange.services import budget_import
from budget.orgs.models import Department, FinanceBureau
from budget.workflow.models import StatusChange
from budget.workflow.services import set_status

from .conftest import as_department, make_user

URL = "/manage/bureau/2024/progress/"
Status = Budget.Status


def row(html, code):
    start = html.index(f'id="department-{code}"')
    return html[start:html.index("</tr>", start)]


@pytest.fixture
def bureau(reference_budget, reference_data, accountant):
    """501001 submitted on 2024-01-10; 501002 a draft; 501003 without a budget."""
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    StatusChange.objects.filter(budget=reference_budget).update(at=datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC))
    budget_import(data=as_department(copy.deepcopy(reference_data), "501002", name="州监测中心"))
    bureau = reference_budget.department.bureau
    Department.objects.create(code="501003", name="尚未建立预算的部门", bureau=bureau)
    return bureau


def test_it_lists_every_department_with_its_status_and_figures(client, reviewer, bureau):
    client.force_login(reviewer)
    html = client.get(URL).content.decode()
    submitted = row(html, "501001")
    assert "已报送" in submitted and "2024-01-10" in submitted and "2,448.62" in submitted  # 表1 合计
    assert "0</td>" in submitted  # no error, no warning
    draft = row(html, "501002")
    assert "草稿" in draft and "2,448.62" not in draft  # a draft's figures stay in its department
    assert "未建立" in row(html, "501003")
    assert "尚未设置 2024 年的截止日期" in html and "逾期未报送" not in html


def test_it_marks_what_is_late_after_the_deadline(client, reviewer, bureau):
    Deadline.objects.create(bureau=bureau, year=2024, submit_by=datetime.date(2024, 1, 5),
                            approved_on=datetime.date(2024, 1, 20), publish_by=datetime.date(2024, 2, 9))
    client.force_login(reviewer)
    html = client.get(URL).content.decode()
    assert "逾期报送" in row(html, "501001") and "逾期未公开" in row(html, "501001")
    assert "逾期未报送" in row(html, "501002") and "逾期未报送" in row(html, "501003")
    late = client.get(URL, {"status": "late"}).content.decode()
    assert 'id="department-501002"' in late


def test_it_filters_by_status_and_names_an_unknown_one(client, reviewer, bureau):
    client.force_login(reviewer)
    drafts = client.get(URL, {"status": "draft"}).content.decode()
    assert 'id="department-501002"' in drafts and 'id="department-501001"' not in drafts
    unknown = client.get(URL, {"status": "nonsense"})
    assert unknown.status_code == 200 and "没有这个状态：nonsense" in unknown.content.decode()
    assert 'id="department-501001"' in unknown.content.decode()


def test_it_exports_the_board_as_xlsx(client, reviewer, bureau):
    Department.objects.filter(code="501003").update(name="=HYPERLINK(\"x\")")
    client.force_login(reviewer)
    response = client.get("/manage/bureau/2024/progress/xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["501001"][2] == "已报送" and rows["501001"][8] == 2448.62
    assert rows["501002"][2] == "草稿" and rows["501002"][8] is None
    assert rows["501003"][1] == '=HYPERLINK("x")'
    assert sheet["B4"].data_type == "s"  # a name is never a formula


def test_it_sets_the_deadlines_and_refuses_a_publication_after_20_days(client, reviewer, bureau):
    client.force_login(reviewer)
    bad = client.post("/manage/bureau/2024/deadlines/", {"submit_by": "2024-01-05", "approved_on": "2024-01-20",
                                                         "publish_by": "2024-02-20"}, follow=True)
    assert "预算批复后 20 日内公开：公开截止日期不能晚于 2024-02-09" in bad.content.decode()
    assert not Deadline.objects.exists()
    nonsense = client.post("/manage/bureau/2024/deadlines/", {"submit_by": "五月"}, follow=True)
    assert "报送截止日期：" in nonsense.content.decode() and not Deadline.objects.exists()
    client.post("/manage/bureau/2024/deadlines/", {"submit_by": "2024-01-05", "approved_on": "2024-01-20"})
    deadline = Deadline.objects.get(bureau=bureau, year=2024)
    assert deadline.publish_by == datetime.date(2024, 2, 9)


def test_it_shows_a_colleague_reviewer_the_same_board(client, bureau):
    client.force_login(make_user("colleague", bureau=bureau))
    assert "已报送" in row(client.get(URL).content.decode(), "501001")


def test_it_answers_404_to_accountants_and_outsiders(client, accountant, outsider, bureau):
    for user in (accountant, outsider):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        assert client.post("/manage/bureau/2024/deadlines/", {"submit_by": "2024-01-05"}).status_code == 404
    assert not Deadline.objects.exists()


def test_it_shows_another_bureaus_reviewer_only_its_own_departments(client, bureau):
    client.force_login(make_user("stranger", bureau=FinanceBureau.objects.create(name="别的财政局")))
    html = client.get(URL).content.decode()
    assert 'id="department-501001"' not in html
    assert client.get("/manage/bureau/99999/progress/").status_code == 404

"""The audit trail /manage/budgets/<code>/<year>/history/: who changed what, when, old → new."""
import re
from decimal import Decimal

from budget.budgets.models import Budget, Line
from budget.figures.money import format_wan
from budget.workflow.services import set_status

from .admin_pages import form_data

PAGE = "/manage/budgets/501001/2024/history/"


def rows(html):
    """[[time, user, object, action, field, old, new]] of the changes table (a reason fills 3 cells)."""
    body = html[html.index('id="changes"'):html.index("</table>", html.index('id="changes"'))]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr><td>.*?</tr>", body, re.S)]


def test_it_shows_a_line_amount_changed_in_the_admin(client, accountant, reference_budget):
    line = reference_budget.lines.order_by("-amount").first()
    old = line.amount
    client.force_login(accountant)
    url = f"/admin/budgets/line/{line.pk}/change/"
    data = form_data(client.get(url), "line_form")
    data["amount"] = "12.34"
    assert client.post(url, data).status_code == 302
    newest = rows(client.get(PAGE).content.decode())[0]
    named = "预算明细 2110101 行政运行 · 30102 津贴补贴 · 一般公共预算拨款 · 基本支出"  # the reference's largest line
    assert newest[1:] == ["accountant", named, "修改", "金额", f"{format_wan(old)} 万元", "12.34 万元"]
    assert Line.objects.get(pk=line.pk).amount == Decimal("123400.00")


def test_it_records_the_import_as_one_change(client, accountant, reference_budget, reference_data):
    client.force_login(accountant)
    html = client.get(PAGE).content.decode()
    table = rows(html)
    reason = f"导入交换文件，替换全部数据（{len(reference_data['lines'])} 条明细）"
    assert [row[1:] for row in table if reason in row] == [["系统", "预算", "新增", reason]]
    # No history row per imported part: the import is one event, the rest are the budget's fields.
    assert {row[2] for row in table} == {"预算"}
    assert "共 " in html and "尚无修改记录" not in html


def test_it_shows_choices_by_label_and_references_by_name_newest_first(client, accountant, reference_budget):
    line = reference_budget.lines.filter(source="general_budget").order_by("id").first()
    line.source = "unit_other"
    line.save()
    line.amount += 100
    line.save()
    client.force_login(accountant)
    table = rows(client.get(PAGE).content.decode())
    # Named as people name a line: its subjects, source and kind (the reference's 2080505 × 30108 line).
    named = "预算明细 2080505 机关事业单位基本养老保险缴费支出 · 30108 机关事业单位基本养老保险缴费 · 其他收入 · 基本支出"
    assert table[0][2:] == [named, "修改", "金额", f"{format_wan(line.amount - 100)} 万元",
                            f"{format_wan(line.amount)} 万元"]
    assert table[1][3:] == ["修改", "资金来源", "一般公共预算拨款", "其他收入"]
    assert table[0][1] == "系统"  # changed outside a request: no user


def test_it_lists_a_deleted_project_with_its_values(client, accountant, reference_budget):
    project = reference_budget.projects.order_by("id").first()
    name = project.name
    project.delete()
    client.force_login(accountant)
    table = rows(client.get(PAGE).content.decode())
    deleted = [row for row in table if row[2] == f"项目 {name}" and row[3] == "删除"]
    assert ["项目名称", name, "—"] in [row[4:] for row in deleted]


def test_it_pages_fifty_changes_at_a_time(client, accountant, reference_budget):
    line = reference_budget.lines.order_by("id").first()
    for _ in range(55):
        line.amount += 1
        line.save()
    client.force_login(accountant)
    first = client.get(PAGE).content.decode()
    assert len(rows(first)) == 50 and 'rel="next"' in first
    second = client.get(PAGE + "?page=2").content.decode()
    assert 'rel="prev"' in second and len(rows(second)) > 5


def test_it_lets_the_reviewer_read_a_submitted_budget_and_hides_a_draft(client, reviewer, accountant, reference_budget):
    client.force_login(reviewer)
    assert client.get(PAGE).status_code == 404  # a draft is the department's
    set_status(budget=reference_budget, status=Budget.Status.SUBMITTED, by=accountant)
    html = client.get(PAGE).content.decode()
    assert ["修改", "状态", "草稿", "已报送"] in [row[3:] for row in rows(html)]


def test_it_answers_404_to_an_outsider_and_sends_anonymous_users_to_sign_in(client, outsider, reference_budget):
    assert client.get(PAGE).status_code == 302
    client.force_login(outsider)
    assert client.get(PAGE).status_code == 404


def test_it_shows_a_colleagues_change_to_another_accountant(client, accountant, reference_budget):
    from .conftest import make_user

    colleague = make_user("colleague", department=reference_budget.department)
    client.force_login(colleague)
    url = f"/admin/budgets/budget/{reference_budget.pk}/change/"
    data = form_data(client.get(url), "budget_form")
    data["other_matters"] = "无其他事项。"
    assert client.post(url, data).status_code == 302
    client.force_login(accountant)
    newest = rows(client.get(PAGE).content.decode())[0]
    assert newest[1:5] == ["colleague", "预算", "修改", "其他需说明的事项"] and newest[6] == "无其他事项。"


def test_it_is_linked_from_the_budgets_admin_page(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(f"/admin/budgets/budget/{reference_budget.pk}/change/").content.decode()
    assert f'<a href="{PAGE}">修改记录</a>' in html

"""Saving the grid's rows (JSON POST): the Excel sheet's checks, all or nothing, the revision lock."""
import pytest
from django.test import Client
from django.utils import timezone

from budget.budgets.models import Budget, Line

from .conftest import make_user
from .grid_requests import first_row, lines_url, post_batch, save_url

NEW = {"id": None, "row": 43, "unit": "501001", "function": "2110101", "economic": "30213", "source": "一般公共预算拨款",
       "kind": "基本支出", "amount": "1.50", "project": ""}


@pytest.fixture
def owner(client, accountant):
    client.force_login(accountant)
    return client


def test_it_saves_an_edited_amount_and_gives_the_new_totals(owner, reference_budget):
    row = first_row(owner, reference_budget)
    revision = reference_budget.revision
    response = post_batch(owner, reference_budget, [{**row, "amount": "201.25"}])
    assert response.status_code == 200
    answer = response.json()
    assert Line.objects.get(pk=row["id"]).amount == 2012500
    assert answer["revision"] == revision + 1 and answer["saved"][0]["amount"] == "201.25"
    # 191.25 → 201.25 moves 基本支出 from 2,052.42 and the total from 2,448.62 by 10.
    assert answer["totals"]["total"]["amounts"] == ["2,062.42", "396.20", "2,458.62"]
    history = Line.history.filter(id=row["id"]).order_by("history_id")
    assert [(h.history_type, h.amount, h.history_change_reason) for h in history] == [
        ("+", 1912500, "修改前的值"), ("~", 2012500, "明细表格")]
    assert history.last().history_user.username == "accountant"


def test_it_adds_a_pasted_block_of_rows_at_once(owner, reference_budget):
    block = [{**NEW, "row": 43 + i, "economic": economic, "amount": amount}
             for i, (economic, amount) in enumerate((("30203", "1.50"), ("30204", "2.50"), ("30211", "3")))]
    answer = post_batch(owner, reference_budget, block).json()
    assert [(row["row"], row["economic"], row["economic_name"], row["amount"]) for row in answer["saved"]] == [
        (43, "30203", "咨询费", "1.50"), (44, "30204", "手续费", "2.50"), (45, "30211", "差旅费", "3.00")]
    assert reference_budget.lines.count() == 45
    assert answer["totals"]["total"]["amounts"] == ["2,059.42", "396.20", "2,455.62"]


def test_it_changes_the_key_of_a_line_and_deletes_lines(owner, reference_budget):
    row = first_row(owner, reference_budget)
    others = list(reference_budget.lines.order_by("-id").values_list("id", flat=True)[:2])
    response = post_batch(owner, reference_budget, [{**row, "economic": "30199"}], deleted=others)
    assert response.status_code == 200 and response.json()["deleted"] == others
    assert Line.objects.get(pk=row["id"]).economic.code == "30199"
    assert not Line.objects.filter(pk__in=others).exists()
    assert Line.history.filter(id__in=others, history_type="-").count() == 2


def test_it_accepts_labels_values_full_width_digits_and_separators(owner, reference_budget):
    row = {**NEW, "source": "general_budget", "kind": "basic", "amount": "１,２３４.５０"}
    assert post_batch(owner, reference_budget, [row]).status_code == 200
    assert reference_budget.lines.get(economic__code="30213", function__code="2110101", kind="basic",
                                      source="general_budget", project=None).amount == 12345000


BAD_CELLS = [
    ("unit", "888888", "第 43 行 单位编码：不是本预算的单位编码：888888"),
    ("unit", "", "第 43 行 单位编码：不能为空"),
    ("function", "2119999", "第 43 行 功能科目编码：未知编码 2119999：2024 年版支出功能分类科目中没有此编码"),
    ("function", "21101", "第 43 行 功能科目编码：21101 是款级科目，此处应填项级科目"),
    ("economic", "301", "第 43 行 经济科目编码：301 是类级科目，此处应填款级科目"),
    ("economic", "", "第 43 行 经济科目编码：不能为空"),
    ("source", "财政拨款", "第 43 行 资金来源：应为下拉列表中的资金来源：财政拨款"),
    ("kind", "其他支出", "第 43 行 支出类型：应为“基本支出”或“项目支出”：其他支出"),
    ("amount", "abc", "第 43 行 金额（万元）：不是数字：abc"),
    ("amount", "-1", "第 43 行 金额（万元）：不能为负数：-1"),
    ("amount", "1.234", "第 43 行 金额（万元）：以万元为单位最多两位小数：1.234"),
    ("amount", "12,5", "第 43 行 金额（万元）：不是有效的金额：12,5（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"),
    ("amount", "", "第 43 行 金额（万元）：不能为空"),
    ("project", "P2024-01", "第 43 行 项目编码：基本支出不能填项目编码：P2024-01"),
]


@pytest.mark.parametrize("field, value, message", BAD_CELLS)
def test_it_refuses_a_bad_cell_naming_its_row_and_column(owner, reference_budget, field, value, message):
    good = {**first_row(owner, reference_budget), "amount": "999.99"}
    response = post_batch(owner, reference_budget, [good, {**NEW, field: value}])
    assert response.status_code == 400
    assert response.json()["errors"] == [{"row": 43, "field": field, "message": message}]
    # Nothing of the batch is written, not even its good row.
    assert reference_budget.lines.count() == 42 and Line.objects.get(pk=good["id"]).amount == 1912500
    assert Budget.objects.get(pk=reference_budget.pk).revision == reference_budget.revision


def test_it_refuses_project_lines_without_a_project_and_unknown_projects(owner, reference_budget):
    response = post_batch(owner, reference_budget, [{**NEW, "kind": "项目支出"},
                                                    {**NEW, "row": 44, "kind": "项目支出", "project": "P9"}])
    assert [e["message"] for e in response.json()["errors"]] == [
        "第 43 行 项目编码：项目支出必须填项目编码", "第 44 行 项目编码：不是本预算的项目编码：P9"]


def test_it_refuses_repeated_lines_in_the_batch_and_among_the_stored(owner, reference_budget):
    response = post_batch(owner, reference_budget, [NEW, {**NEW, "row": 44}])
    assert response.json()["errors"][0]["message"] == (
        "第 44 行：与第 43 行重复（同一单位、功能科目、经济科目、资金来源、支出类型和项目）")
    stored = first_row(owner, reference_budget)
    copy = {**stored, "id": None, "row": 43}
    response = post_batch(owner, reference_budget, [copy])
    assert response.json()["errors"] == [{"row": 43, "field": None, "message": (
        "第 43 行：与已有的明细重复（同一单位、功能科目、经济科目、资金来源、支出类型和项目的明细只能有一条）")}]
    assert reference_budget.lines.count() == 42


def test_it_refuses_a_stale_batch_with_who_saved_and_when(owner, reference_budget):
    colleague = make_user("colleague", department=reference_budget.department)
    other = Client()
    other.force_login(colleague)
    seen = owner.get(lines_url(reference_budget)).json()["revision"]
    row = first_row(owner, reference_budget)
    assert post_batch(other, reference_budget, [{**row, "amount": "5.55"}], revision=seen).status_code == 200
    response = post_batch(owner, reference_budget, [{**row, "amount": "6.66"}], revision=seen)
    assert response.status_code == 409
    when = timezone.localtime(Budget.objects.get(pk=reference_budget.pk).revised_at).strftime("%H:%M")
    assert response.json()["errors"][0]["message"] == f"此预算已被 colleague 于 {when} 修改，请刷新后重新填写；您的修改未保存"
    assert Line.objects.get(pk=row["id"]).amount == 55500


def test_it_refuses_a_batch_opened_before_a_save_of_the_budget_page(owner, reference_budget):
    from .admin_pages import form_data

    seen = owner.get(lines_url(reference_budget)).json()["revision"]
    page = f"/admin/budgets/budget/{reference_budget.pk}/change/"
    data = form_data(owner.get(page), "budget_form")
    data["other_matters"] = "预算页面的修改。"
    assert owner.post(page, data).status_code == 302
    row = first_row(owner, reference_budget)
    assert post_batch(owner, reference_budget, [{**row, "amount": "1"}], revision=seen).status_code == 409


def test_it_refuses_a_row_deleted_meanwhile(owner, reference_budget):
    row = first_row(owner, reference_budget)
    Line.objects.filter(pk=row["id"]).delete()
    response = post_batch(owner, reference_budget, [row])
    assert response.json()["errors"] == [{"row": 1, "field": None, "message": "第 1 行：这条明细已被删除，请刷新"}]


def test_it_refuses_malformed_batches_with_a_message(owner, reference_budget):
    for body in ("not json", "[]", '{"revision": "x"}', '{"revision": 1, "rows": [{"row": "a"}]}',
                 '{"revision": 1, "rows": [{"row": 1, "amount": true}]}', '{"revision": 1, "deleted": ["x"]}'):
        response = owner.post(save_url(reference_budget), body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == "请求的内容不是有效的明细表格数据"
    assert owner.get(save_url(reference_budget)).status_code == 405


def test_it_needs_the_csrf_token(accountant, reference_budget):
    client = Client(enforce_csrf_checks=True)
    client.force_login(accountant)
    assert post_batch(client, reference_budget, [NEW]).status_code == 403
    assert reference_budget.lines.count() == 42


def test_it_answers_403_to_a_reader_and_404_to_an_outsider(client, reviewer, outsider, published):
    client.force_login(reviewer)
    assert post_batch(client, published, [NEW]).status_code == 403
    client.force_login(outsider)
    assert post_batch(client, published, [NEW]).status_code == 404
    assert published.lines.count() == 42


def test_it_answers_403_to_the_owner_once_submitted(owner, reference_budget):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    assert post_batch(owner, reference_budget, [NEW]).status_code == 403


def test_it_refuses_rows_trading_their_keys_in_one_batch_cleanly(owner, reference_budget):
    first, second = owner.get(lines_url(reference_budget, "?size=500&function=2110101&kind=basic")).json()["data"][:2]
    trade = [{**first, "row": 1, "economic": second["economic"]}, {**second, "row": 2, "economic": first["economic"]}]
    response = post_batch(owner, reference_budget, trade)
    # The database checks each row as it is updated: the first meets the second's key.
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("这次修改中有的行互换了科目或资金来源")
    assert Line.objects.get(pk=first["id"]).economic.code == first["economic"]
    assert Budget.objects.get(pk=reference_budget.pk).revision == reference_budget.revision

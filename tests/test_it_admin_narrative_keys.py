"""上年预算数 and 情况说明 on the budget's page: their keys are chosen from what the document
prints, with Chinese names and this year's figures, never typed; a key nothing prints is refused
at entry, and one already stored is a validation warning. Figures from the reference document:
2080505 机关事业单位基本养老保险缴费支出 2024 年预算数为 191.25 万元 (一般公共预算)."""
import re

from budget.budgets.models import Explanation, PriorFigure
from budget.validation.rules import validate

from .admin_pages import form_data, inline_rows


def page(budget):
    return f"/admin/budgets/budget/{budget.pk}/change/"


def options(html, name):
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


def test_it_offers_the_keys_the_document_prints_with_names_and_figures(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(page(reference_budget)).content.decode()
    keys = options(html, "explanations-0-key")
    assert keys["general.function.2080505"] == "一般公共预算 2080505 机关事业单位基本养老保险缴费支出（本年 191.25 万元）"
    assert keys["function.208"] == "208 社会保障和就业支出"
    assert keys["function.2080505"] == "2080505 机关事业单位基本养老保险缴费支出"
    assert "general.function.2110301" not in keys  # the budget has no line of 2110301
    assert 'optgroup label="变动主要原因"' in html and 'optgroup label="主要用途"' in html
    figures = options(html, "prior_figures-0-metric")
    assert figures["general.function.2080505"] == keys["general.function.2080505"]
    assert figures["income.general_budget"] == "一般公共预算收入（本年 2,188.62 万元）"


def new_row(data, prefix, **values):
    n = inline_rows(data, prefix)
    data[f"{prefix}-TOTAL_FORMS"] = str(n + 1)
    data.update({f"{prefix}-{n}-{name}": value for name, value in values.items()})


def test_it_refuses_a_reason_or_a_figure_the_document_would_not_print(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(page(reference_budget)), "budget_form")
    new_row(data, "explanations", kind="reason", key="general.function.2110301", text="大气污染防治增加")
    new_row(data, "prior_figures", metric="general.function.2110301", amount="10.00")
    html = client.post(page(reference_budget), data).content.decode()
    assert "选择一个有效的选项" in html
    assert not Explanation.objects.filter(budget=reference_budget, key="general.function.2110301").exists()
    assert not PriorFigure.objects.filter(budget=reference_budget, metric="general.function.2110301").exists()


def test_it_refuses_a_key_typed_as_people_would(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(page(reference_budget)), "budget_form")
    new_row(data, "explanations", kind="reason", key="2110301 大气", text="说明")
    html = client.post(page(reference_budget), data).content.decode()
    assert "2110301 大气 不在可用的选项中" in html


def test_it_takes_a_usage_for_a_subject_the_document_lists(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(page(reference_budget)), "budget_form")
    new_row(data, "explanations", kind="usage", key="function.2080505", text="缴纳养老保险")
    new_row(data, "explanations", kind="reason", key="function.208", text="放错了类型")
    html = client.post(page(reference_budget), data).content.decode()
    assert "文档中没有这一项的上年比较，变动原因不会印出" in html
    data[f"explanations-{inline_rows(data, 'explanations') - 1}-kind"] = "usage"
    data[f"explanations-{inline_rows(data, 'explanations') - 1}-key"] = "function.211"
    assert client.post(page(reference_budget), data).status_code == 200  # function.211 is stored already
    data["explanations-TOTAL_FORMS"] = str(inline_rows(data, "explanations") - 1)
    data["seen_revision"] = form_data(client.get(page(reference_budget)), "budget_form")["seen_revision"]
    assert client.post(page(reference_budget), data).status_code == 302
    assert Explanation.objects.get(budget=reference_budget, key="function.2080505").text == "缴纳养老保险"


def test_it_keeps_a_stored_key_nothing_prints_and_warns_of_it(client, accountant, reference_budget):
    Explanation.objects.create(budget=reference_budget, kind="reason", key="general.function.2110301", text="大气")
    Explanation.objects.create(budget=reference_budget, kind="usage", key="function.213", text="农林水")
    warnings = [str(f) for f in validate(reference_budget) if f.rule == "narrative.printed"]
    assert warnings == [
        "变动原因“一般公共预算 2110301 大气”不会印在文档中：文档中没有这一项的上年比较（explanations.general.function.2110301）",
        "主要用途“213 农林水支出”不会印在文档中：文档不列出这个科目的金额（explanations.function.213）",
    ]
    client.force_login(accountant)
    data = form_data(client.get(page(reference_budget)), "budget_form")
    assert "general.function.2110301（文档中不会印出）" in client.get(page(reference_budget)).content.decode()
    data["other_matters"] = "其他事项。"
    assert client.post(page(reference_budget), data).status_code == 302  # an unrelated save is not blocked


def test_the_reference_budget_prints_every_key_it_stores(reference_budget):
    assert [str(f) for f in validate(reference_budget) if f.rule == "narrative.printed"] == []

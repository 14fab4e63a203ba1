"""情况说明与上年数 /admin/budgets/budget/<id>/section/narrative/: each prior figure beside this year's,
keys chosen from what the document prints (with Chinese names and this year's figures), never typed."""
import re

from .admin_pages import form_data


def narrative(budget):
    return f"/admin/budgets/budget/{budget.pk}/section/narrative/"


def comparison_rows(html):
    table = html[html.index('id="prior-comparisons"'):html.index("</table>", html.index('id="prior-comparisons"'))]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)][1:]


def test_it_shows_each_prior_figure_beside_this_years_and_its_change(client, accountant, reference_budget):
    client.force_login(accountant)
    rows = {row[0]: row[1:] for row in comparison_rows(client.get(narrative(reference_budget)).content.decode())}
    # As the reference prints them (第三部分 三、五): this year's figure and the change from the 上年预算数.
    assert rows["基本支出"][0] == "2,052.42" and rows["基本支出"][2] == "增加 1,422.05 万元，增长 225.59%"
    assert rows["一般公共预算 2080505 机关事业单位基本养老保险缴费支出"][0] == "191.25"
    assert rows["一般公共预算 2080505 机关事业单位基本养老保险缴费支出"][2] == "增加 135.21 万元，增长 241.27%"
    assert rows["基本支出"][1].endswith("（录入）")  # the reference enters its 上年预算数


def test_keys_are_chosen_by_name_with_this_years_figure(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(narrative(reference_budget)).content.decode()
    assert html.count('class="key-chooser"') >= 2 and 'src="/static/workbench/keychooser.js"' in html
    assert re.search(r'<option value="general.function.2080505"[^>]*>一般公共预算 2080505 机关事业单位基本养老保险缴费支出'
                     r"（本年 191.25 万元）</option>", html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script: the CSP stays strict


def test_a_key_the_document_would_not_print_is_refused_and_nothing_written(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(narrative(reference_budget)), "budget_form")
    rows = int(data["prior_figures-TOTAL_FORMS"])
    data.update({"prior_figures-TOTAL_FORMS": str(rows + 1), f"prior_figures-{rows}-metric": "general.function.2010101",
                 f"prior_figures-{rows}-amount": "10"})
    response = client.post(narrative(reference_budget), data)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert reference_budget.prior_figures.count() == rows


def test_a_prior_figure_entered_from_the_list_is_saved_and_compared(client, accountant, reference_budget):
    reference_budget.prior_figures.filter(metric="operating_expenses").delete()
    client.force_login(accountant)
    data = form_data(client.get(narrative(reference_budget)), "budget_form")
    rows = int(data["prior_figures-TOTAL_FORMS"])
    data.update({"prior_figures-TOTAL_FORMS": str(rows + 1), f"prior_figures-{rows}-metric": "operating_expenses",
                 f"prior_figures-{rows}-amount": "35.39"})
    assert client.post(narrative(reference_budget), data).status_code == 302
    rows = {row[0]: row[1:] for row in comparison_rows(client.get(narrative(reference_budget)).content.decode())}
    # The reference's 机关运行经费: 103.53 万元, 比上年预算增加 68.14 万元.
    assert rows["机关运行经费"][:2] == ["103.53", "35.39（录入）"]
    assert rows["机关运行经费"][2].startswith("增加 68.14 万元")


def test_an_outsider_gets_404(client, outsider, reference_budget):
    client.force_login(outsider)
    assert client.get(narrative(reference_budget)).status_code == 404

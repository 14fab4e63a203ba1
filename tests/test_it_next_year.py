"""编制下一年度预算 on a budget: the department's accountant (owner) starts 2025 from 2024; a reviewer
of its bureau (colleague) may not; an outsider does not see the page.

Expected figures are the reference budget's published ones (tests/data/kizilsu-eco-2024-budget.txt):
the projects “三线一单” 24.00 and 2024 年环保业务经费 71.00 万元 (13 and 14 indicators), 基本支出
2,052.42, 211 01 99 其他环境保护管理事务支出 773.52 万元 of which 项目 136.20 (all general budget).
"""
from decimal import Decimal

import pytest
from django.db.models import Sum

from budget.budgets.models import Budget

from .editions import later_edition

URL = "/manage/budgets/501001/2024/next-year/"
TWO = ["P2024-01", "P2024-02"]


def total(budget):
    return budget.lines.aggregate(total=Sum("amount"))["total"]


def test_it_offers_the_projects_with_their_amounts(client, accountant):
    client.force_login(accountant)
    page = client.get(URL).content.decode()
    assert "编制 2025 年度预算" in page and "2024 年版" in page
    assert "P2024-01 “三线一单”生态环境分区管控成果动态更新项目（24.00 万元）" in page
    assert "P2024-02 2024 年环保业务经费（71.00 万元）" in page


def test_it_starts_2025_with_the_ticked_projects_and_the_lines(client, accountant, reference_budget):
    client.force_login(accountant)
    response = client.post(URL, {"continuing": TWO, "with_lines": "on"}, follow=True)

    new = Budget.objects.get(year=2025)
    assert response.redirect_chain[-1][0] == f"/admin/budgets/budget/{new.pk}/change/"
    assert sorted(new.projects.values_list("code", flat=True)) == TWO
    assert new.indicators.filter(project__code="P2024-01").count() == 13
    assert new.indicators.filter(project__code="P2024-02").count() == 14
    assert total(new) == Decimal("20524200.00") + Decimal("950000.00")  # 2,052.42 + 24.00 + 71.00 万元
    page = response.content.decode()
    assert "已编制克孜勒苏柯尔克孜自治州生态环境局 2025 年部门预算" in page and "项目 2 个" in page
    assert "未延续项目的明细 15 条未复制" in page  # the five other projects’ lines in the exchange file


def test_it_asks_to_map_the_codes_the_new_edition_lacks(client, accountant, reference_budget):
    later_edition(2025, without=["2110199"])
    client.force_login(accountant)

    page = client.post(URL, {"continuing": TWO, "with_lines": "on"}).content.decode()
    assert not Budget.objects.filter(year=2025).exists()
    # 2110199 under the basic lines (637.32) and the two projects' (24.00 + 71.00): 732.32 万元.
    assert "支出功能分类科目 2110199 其他环境保护管理事务支出（12 条明细，合计 732.32 万元）" in page
    assert 'name="map-function-2110199"' in page and "不复制这些明细" in page

    page = client.post(URL, {"continuing": TWO, "with_lines": "on", "mapping": "1"}).content.decode()
    assert "请选择对应的新科目，或选择“不复制这些明细”" in page
    assert not Budget.objects.filter(year=2025).exists()

    client.post(URL, {"continuing": TWO, "with_lines": "on", "mapping": "1", "map-function-2110199": "2110101"})
    new = Budget.objects.get(year=2025)
    assert new.edition.year == 2025 and total(new) == Decimal("20524200.00") + Decimal("950000.00")
    assert not new.lines.exclude(function__code__in=["2110101", "2080505"]).exists()


def test_it_leaves_out_the_lines_of_a_code_the_accountant_chose_not_to_copy(client, accountant, reference_budget):
    later_edition(2025, without=["2110199"])
    client.force_login(accountant)
    response = client.post(URL, {"with_lines": "on", "mapping": "1", "map-function-2110199": "skip"}, follow=True)

    new = Budget.objects.get(year=2025)
    assert total(new) == Decimal("20524200.00") - Decimal("6373200.00")  # 2,052.42 − 637.32 万元
    assert "按您的选择未复制" in response.content.decode()


def test_it_refuses_a_second_2025(client, accountant, reference_budget):
    client.force_login(accountant)
    client.post(URL, {"continuing": TWO})
    page = client.post(URL, {"continuing": TWO}).content.decode()
    assert "克孜勒苏柯尔克孜自治州生态环境局 2025 年部门预算已存在（草稿），不能重复编制" in page
    assert Budget.objects.filter(year=2025).count() == 1


@pytest.mark.usefixtures("published")
def test_it_forbids_the_reviewer(client, reviewer):
    client.force_login(reviewer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"continuing": TWO}).status_code == 403
    assert not Budget.objects.filter(year=2025).exists()


def test_it_hides_the_budget_from_an_outsider(client, outsider, reference_budget):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"continuing": TWO}).status_code == 404
    assert not Budget.objects.filter(year=2025).exists()


def test_it_links_the_page_from_the_budget_for_its_accountant_only(client, accountant, reviewer, published):
    change = f"/admin/budgets/budget/{published.pk}/change/"
    client.force_login(accountant)
    assert f'href="{URL}"' in client.get(change).content.decode()
    client.force_login(reviewer)
    response = client.get(change)
    assert response.status_code == 200 and f'href="{URL}"' not in response.content.decode()

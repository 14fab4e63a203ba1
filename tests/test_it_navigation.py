"""The header links to each role's work: budgets, review queue, consolidated view, public site."""
import pytest

from budget.budgets.models import Budget

pytestmark = pytest.mark.django_db


def nav_links(html):
    start = html.index('aria-label="工作导航"')
    return html[start:html.index("</nav>", start)]


def test_it_offers_an_accountant_its_budgets_but_no_review_queue(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get("/manage/budgets/501001/2024/workflow/").content.decode()
    nav = nav_links(html)
    assert '<a href="/admin/budgets/budget/">本部门预算</a>' in nav
    assert "/manage/review/" not in nav and "/manage/bureau/" not in nav
    assert f"退出（{accountant.username}）" in nav


def test_it_offers_a_reviewer_the_queue_and_the_newest_years_consolidated_view(client, reviewer, reference_budget):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    client.force_login(reviewer)
    nav = nav_links(client.get("/manage/review/").content.decode())
    assert '<a href="/manage/review/" aria-current="page">审核队列</a>' in nav
    assert '<a href="/manage/bureau/2024/">2024 年汇总</a>' in nav
    assert '<a href="/">公开网站</a>' in nav


def test_it_puts_the_review_queue_in_the_admins_header(client, reviewer, reference_budget):
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert '<a href="/manage/review/">审核队列</a> /' in html


def test_it_shows_no_work_links_to_a_visitor(client, reference_budget):
    html = client.get("/").content.decode()
    assert "工作导航" not in html and "/manage/review/" not in html

"""The public page of a budget /budgets/<code>/<year>/: the snapshot, its charts and files."""
import re

import pytest

from budget.budgets.models import Budget
from budget.workflow.models import Publication
from budget.workflow.services import set_status

from .workflow_states import bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")

Status = Budget.Status
PAGE = "/budgets/501001/2024/"


def test_it_shows_the_published_document(client, published):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算</title>" in html
    body = Publication.objects.get().body_html.open("rb").read().decode()
    assert body in html  # the stored body, as rendered at publishing
    assert "第 1 版 · 公开于" in html


def test_it_draws_expenditure_by_class_and_kind_as_svg(client, published):
    html = client.get(PAGE).content.decode()
    charts = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(charts) == 3  # and the years' totals (test_public_department.py)
    assert "<desc id=\"chart-1-desc\">社会保障和就业支出 191.25 万元；节能环保支出 2,257.37 万元</desc>" in charts[0]
    assert "<desc id=\"chart-2-desc\">基本支出 2,052.42 万元；项目支出 396.20 万元</desc>" in charts[1]
    widths = [int(w) for w in re.findall(r'<rect [^>]*width="(\d+)"', charts[1])]
    assert widths[0] == 340 and widths[1] == int(396.20 / 2052.42 * 340)  # scaled to the largest bar


def test_it_offers_every_file_with_links(client, published):
    html = client.get(PAGE).content.decode()
    for name in ("document.pdf", "tables.xlsx", "tables.json", "budget.json"):
        assert f'href="{PAGE}{name}"' in html
        assert f'href="{PAGE}v/1/{name}"' in html


def test_it_makes_no_external_request(client, published):
    html = client.get(PAGE).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources and all(not re.match(r"(https?:)?//", url) for url in sources)


def test_it_has_accessible_tables(client, published):
    html = client.get(PAGE).content.decode()
    assert html.count('<caption>表 ') == 11
    assert 'scope="col"' in html and 'scope="colgroup"' in html


def test_it_answers_404_for_budgets_not_published(client, reference_budget, accountant, reviewer):
    assert client.get(PAGE).status_code == 404  # draft
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    assert client.get(PAGE).status_code == 404
    set_status(budget=reference_budget, status=Status.APPROVED, by=reviewer)
    assert client.get(PAGE).status_code == 404
    assert client.get("/budgets/999999/2024/").status_code == 404


def test_it_serves_the_page_from_the_cache(client, published, django_assert_num_queries):
    first = client.get(PAGE).content
    with django_assert_num_queries(0):  # the key names the URL and the site's generation, both cached
        assert client.get(PAGE).content == first


def test_it_shows_a_new_version_at_once_although_the_old_page_is_cached(client, published, accountant, reviewer):
    from budget.workflow.services import budget_publish

    assert "第 1 版 · 公开于" in client.get(PAGE).content.decode()
    assert PAGE in client.get("/").content.decode()
    set_status(budget=published, status=Status.DRAFT, by=accountant, comment="更正")
    set_status(budget=published, status=Status.SUBMITTED, by=accountant)
    set_status(budget=published, status=Status.APPROVED, by=reviewer)
    assert "第 1 版 · 公开于" in client.get(PAGE).content.decode()  # approved is not public yet
    budget_publish(budget=published, by=reviewer, note="更正说明")
    html = client.get(PAGE).content.decode()
    assert "第 2 版 · 公开于" in html and "更正说明：更正说明" in html
    assert "第 1 版 · 公开于" in client.get(PAGE + "v/1/").content.decode()


def test_it_lets_browsers_and_proxies_cache_briefly(client, published):
    response = client.get(PAGE)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


def test_it_escapes_names_in_the_page_and_charts(client, reference_data, db):
    from budget.exchange.services import budget_import

    from .conftest import make_user

    reference_data["department"]["name"] = "<script>alert(1)</script>局"
    reference_data["projects"][1]["name"] = "<img src=x onerror=alert(2)>"
    budget = budget_import(data=reference_data)
    bring_to(budget, Status.PUBLISHED, accountant=make_user("a", department=budget.department),
             reviewer=make_user("r", bureau=budget.department.bureau))
    for html in (client.get(PAGE).content.decode(), client.get("/").content.decode()):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in client.get(PAGE).content.decode()

"""The public index `/`: published budgets by year and department, searchable by department name."""
import json
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from budget.budgets.models import Budget
from budget.demo.services import SECOND_FILE
from budget.exchange.services import budget_import
from budget.opendata.models import Bundle
from budget.public.queries import shown_now
from budget.public.views import prepare_listed
from budget.workflow.models import ShownYear
from budget.workflow.services import budget_publish, set_status

from .conftest import make_user
from .workflow_states import bring_to

# Publishing renders a PDF in seconds; these tests are not about the PDF.
pytestmark = pytest.mark.usefixtures("quick_pdf")

Status = Budget.Status


def publish(data, status=Status.PUBLISHED):
    budget = budget_import(data=data)
    accountant = make_user(f"a-{budget.department.code}-{budget.year}", department=budget.department)
    reviewer = make_user(f"r-{budget.department.code}-{budget.year}", bureau=budget.department.bureau)
    return bring_to(budget, status, accountant=accountant, reviewer=reviewer)


@pytest.fixture
def budgets(db, reference_data):
    """Reference 2024 and 2023 published, the second department's 2024 published, a draft."""
    publish(reference_data)
    publish({**reference_data, "year": 2023, "published_on": "2023-02-20"})
    second = json.loads(SECOND_FILE.read_text(encoding="utf-8"))
    publish(second)
    publish({**second, "year": 2025}, status=Status.APPROVED)


def listed(html):
    """(year heading, [link texts]) in page order."""
    sections = html.split('<section class="year"')[1:]
    return [
        (section.split("<h2")[1].split(">")[1].split("<")[0],
         [part.split(">", 1)[1].split("</a>")[0] for part in section.split('<a href="/budgets/')[1:]])
        for section in sections
    ]


def test_it_lists_the_newest_years_published_budgets_by_department(client, budgets):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == [
        ("2024 年部门预算", ["克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算", "州生态环境监测演示中心 2024 年部门预算"]),
    ]
    # Only years with a published budget: 2025 holds an approved one.
    years = html.split('<nav class="years" aria-label="预算年度">')[1].split("</nav>")[0].strip()
    assert years == '<a href="?year=2024" aria-current="page">2024 年</a><a href="?year=2023">2023 年</a>'


def test_it_lists_an_earlier_year(client, budgets):
    html = client.get("/", {"year": "2023"}).content.decode()
    assert listed(html) == [("2023 年部门预算", ["克孜勒苏柯尔克孜自治州生态环境局 2023 年部门预算"])]
    assert '<a href="?year=2023" aria-current="page">' in html


def test_it_answers_404_for_a_year_without_publications(client, budgets):
    for year in ("2025", "abc", "-1", "²", "２０２４", "2024.0"):
        response = client.get("/", {"year": year})
        assert response.status_code == 404, year


def test_it_answers_404_for_a_page_that_does_not_exist(client, budgets):
    # A year's pages follow one another by code, not by number.
    for number in ("0", "2", "3", "abc", "-1", "²", "1.0", "99999999999"):
        assert client.get("/", {"year": "2024", "page": number}).status_code == 404, number
    # A code the year does not list, the year's last code (nothing follows it), both directions at once.
    for query in ({"after": "501003"}, {"after": "501002"}, {"before": "999999"}, {"after": "x" * 21},
                  {"after": "501001", "before": "501002"}, {"q": "生态", "after": "501001"},
                  {"year": "2023", "after": "501002"}):
        assert client.get("/", query).status_code == 404, query


def cached_keys():
    from django.core.cache import cache

    return set(cache._cache)  # the in-process cache of the tests


def test_it_caches_one_page_for_every_spelling_of_it(client, budgets):
    first = client.get("/").content
    keys = cached_keys()
    for query in ({"page": "1"}, {"year": "2024"}, {"year": "2024", "page": "1"}, {"utm_source": "x"}):
        assert client.get("/", query).content == first
    assert cached_keys() == keys


def test_it_caches_nothing_for_invalid_parameters_or_a_search_without_match(client, budgets):
    client.get("/")
    keys = cached_keys()
    for n in range(30):
        assert client.get("/", {"year": f"19{n:02}"}).status_code == 404
        assert client.get("/", {"page": str(n + 2)}).status_code == 404
        assert client.get("/", {"q": f"没有的部门{n}"}).status_code == 200
    assert cached_keys() == keys


def test_it_caches_a_search_once_with_or_without_spaces_around(client, budgets):
    client.get("/")
    keys = cached_keys()
    html = client.get("/", {"q": "  生态环境局 "}).content
    assert len(cached_keys() - keys) == 1
    assert client.get("/", {"q": "生态环境局"}).content == html
    assert len(cached_keys() - keys) == 1


def test_it_pages_through_a_long_list_by_department_code(client, budgets, monkeypatch):
    monkeypatch.setattr("budget.public.views.INDEX_PAGE_SIZE", 1)
    first = client.get("/").content.decode()
    assert listed(first) == [("2024 年部门预算", ["克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算"])]
    assert "本页部门编码 501001–501001，2024 年共 2 份" in first
    assert 'href="?year=2024&amp;after=501001" rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/", {"year": "2024", "after": "501001"}).content.decode()
    assert listed(second) == [("2024 年部门预算", ["州生态环境监测演示中心 2024 年部门预算"])]
    assert 'href="?year=2024&amp;before=501002" rel="prev"' in second and 'rel="next"' not in second
    back = client.get("/", {"year": "2024", "before": "501002"}).content.decode()
    assert listed(back) == listed(first) and 'rel="prev"' not in back
    assert 'href="?year=2024&amp;after=501001" rel="next"' in back


def test_it_lists_and_counts_a_corrected_budget_once(client, budgets, django_user_model, monkeypatch):
    budget = Budget.objects.get(department__code="501001", year=2024)
    accountant, reviewer = (django_user_model.objects.get(username=f"{role}-501001-2024") for role in "ar")
    set_status(budget=budget, status=Status.DRAFT, by=accountant, comment="更正一条明细")
    set_status(budget=budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=budget, status=Status.APPROVED, by=reviewer)
    budget_publish(budget=budget, by=reviewer, note="更正")
    monkeypatch.setattr("budget.public.views.INDEX_PAGE_SIZE", 1)
    first = client.get("/").content.decode()
    assert listed(first) == [("2024 年部门预算", ["克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算"])]
    assert "第 2 版（已更正）" in first
    assert "2024 年共 2 份" in first  # two budgets, three versions
    assert listed(client.get("/", {"after": "501001"}).content.decode()) == [
        ("2024 年部门预算", ["州生态环境监测演示中心 2024 年部门预算"])
    ]


def found(html):
    """(department heading, [link texts]) of a search's results, in page order."""
    sections = html.split('<section class="department"')[1:]
    return [
        (section.split("<h2")[1].split(">", 1)[1].split(" <span")[0],
         [part.split(">", 1)[1].split("</a>")[0] for part in section.split('<a href="/budgets/')[1:]])
        for section in sections
    ]


def test_it_searches_across_years(client, budgets):
    html = client.get("/", {"q": "生态环境局"}).content.decode()
    assert found(html) == [
        ("克孜勒苏柯尔克孜自治州生态环境局", ["克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算",
                                    "克孜勒苏柯尔克孜自治州生态环境局 2023 年部门预算"]),
    ]
    assert "找到 2 份与“生态环境局”相符的公开预算" in html


def with_department(data, **department):
    return {**data, "department": {**data["department"], **department}}


@pytest.mark.parametrize("q", ["克州生态环境局", "生态 环境", "501001", " 501001 ", "克州　生态环境局"])
def test_it_finds_a_department_by_short_name_code_or_name_with_spaces(client, db, reference_data, q):
    publish(with_department(reference_data, short_name="克州生态环境局"))

    html = client.get("/", {"q": q}).content.decode()

    assert found(html) == [("克孜勒苏柯尔克孜自治州生态环境局（克州生态环境局）",
                            ["克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算"])]
    assert 'href="/budgets/501001/2024/"' in html


def test_it_ranks_the_exact_code_before_a_code_that_starts_with_it(client, db, reference_data):
    publish(with_department(reference_data, code="5010010", name="州环境监测站"))
    publish(reference_data)

    assert [heading for heading, _ in found(client.get("/", {"q": "501001"}).content.decode())] == [
        "克孜勒苏柯尔克孜自治州生态环境局", "州环境监测站",
    ]


def test_it_ranks_a_name_or_short_name_that_starts_with_the_query_before_one_that_contains_it(
        client, db, reference_data):
    publish(with_department(reference_data, code="100001", name="州生态环境保护综合执法支队"))
    publish(with_department(reference_data, code="100002", name="克孜勒苏州环保宣传中心", short_name="生态环境宣传中心"))
    publish(with_department(reference_data, code="100003", name="生态环境保护督察办公室"))

    assert [heading for heading, _ in found(client.get("/", {"q": "生态环境"}).content.decode())] == [
        "克孜勒苏州环保宣传中心（生态环境宣传中心）", "生态环境保护督察办公室", "州生态环境保护综合执法支队",
    ]


def test_it_links_each_budget_page(client, budgets):
    html = client.get("/").content.decode()
    assert 'href="/budgets/501001/2024/"' in html and 'href="/budgets/501002/2024/"' in html
    assert "/budgets/501002/2025/" not in html  # approved, not published


@pytest.mark.parametrize("code", ["501001", "50 1", "5%01", "局01", "a&b?c#d", "~:@!$'()*+,;="])
def test_its_links_are_spelt_as_reverse_spells_them(code):
    # The index builds its links without reverse() per row (views.prepare_listed).
    publication = {"department_code": code, "year": 2024, "published_day": date(2024, 2, 1)}
    prepare_listed([(2024, [publication])])
    assert publication["link"] == reverse("public:budget", args=[code, 2024])


def test_it_searches_by_department_name(client, budgets):
    html = client.get("/", {"q": "监测"}).content.decode()
    assert found(html) == [("州生态环境监测演示中心", ["州生态环境监测演示中心 2024 年部门预算"])]
    assert 'value="监测"' in html


def test_it_says_when_nothing_matches_and_escapes_the_query(client, budgets):
    html = client.get("/", {"q": "<b>财政</b>"}).content.decode()
    assert found(html) == []
    assert "没有找到与“&lt;b&gt;财政&lt;/b&gt;”相符的公开预算" in html
    assert "<b>财政" not in html


def test_it_shows_an_empty_site_without_a_login(client, reference_budget):
    response = client.get("/")
    assert response.status_code == 200
    assert "尚无公开的部门预算" in response.content.decode()


def test_it_shows_a_new_publication_at_once_despite_the_cache(client, reference_data, db):
    assert "尚无公开的部门预算" in client.get("/").content.decode()
    publish(reference_data)
    assert listed(client.get("/").content.decode()) == [
        ("2024 年部门预算", ["克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算"])
    ]


def test_it_serves_the_index_from_the_cache(client, budgets, django_assert_num_queries):
    first = client.get("/").content
    with django_assert_num_queries(0):  # the generation, part of the key, is cached too
        assert client.get("/").content == first


def test_the_sites_generation_names_when_the_zips_last_changed_with_or_without_a_year_shown(db):
    def build(year, at):
        Bundle.objects.create(year=year, file=f"opendata/{year}.zip", size=1, budgets=1, fingerprint="x", built_at=at)
        return int(at.timestamp() * 1000)

    assert shown_now().generation == "0.0.0"
    first = build(2024, datetime(2026, 3, 1, 8, 0, 0, 123000, tzinfo=UTC))
    assert shown_now().generation == f"0.0.{first}"  # no year shown: asked on its own
    ShownYear.objects.create(year=2024, count=2, ids=7)
    later = build(2023, datetime(2026, 3, 1, 8, 5, tzinfo=UTC))
    assert shown_now().generation == f"2.7.{later}"

"""A department's history: /budgets/<code>/ and the years section of each budget page."""
import re

import pytest

from .test_public_index import publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_pdf")]


@pytest.fixture
def two_years(reference_data):
    """The reference budget as 2024, and as 2023 without its 社会保障和就业支出 (类 208)."""
    publish(reference_data)
    earlier = {**reference_data, "year": 2023, "published_on": "2023-02-20",
               "lines": [line for line in reference_data["lines"] if not line["function"].startswith("208")]}
    publish(earlier)


def history(html):
    section = html.split('<section class="history-years"')[1].split("</section>")[0]
    return section


def test_it_lists_the_published_years_with_a_chart_of_their_totals(client, two_years):
    html = client.get("/budgets/501001/").content.decode()
    section = history(html)
    # 2024: 收支总预算 2,448.62 万元 (the reference document); 2023: its 节能环保支出 alone, 2,257.37 万元.
    assert '<desc id="chart-years-desc">2023 年 2,257.37 万元；2024 年 2,448.62 万元</desc>' in section
    assert re.findall(r'<a href="([^"]+)">(\d{4}) 年</a>', section) == [
        ("/budgets/501001/2023/", "2023"), ("/budgets/501001/2024/", "2024")]
    assert "<h1>克孜勒苏柯尔克孜自治州生态环境局</h1>" in html


def test_each_budget_page_links_the_other_years(client, two_years):
    section = history(client.get("/budgets/501001/2023/").content.decode())
    assert '<a href="/budgets/501001/2023/" aria-current="page">2023 年（本页）</a>' in section
    assert '<a href="/budgets/501001/2024/">2024 年</a>' in section
    assert "2,448.62" in section


def test_the_budget_page_links_its_department(client, two_years):
    html = client.get("/budgets/501001/2024/").content.decode()
    assert '<a href="/budgets/501001/">克孜勒苏柯尔克孜自治州生态环境局</a> › 2024 年' in html


def test_it_shows_the_short_name(client, reference_data):
    publish({**reference_data, "department": {**reference_data["department"], "short_name": "克州生态环境局"}})
    assert "<h1>克孜勒苏柯尔克孜自治州生态环境局（克州生态环境局）</h1>" in client.get("/budgets/501001/").content.decode()


def test_it_answers_404_for_a_department_without_a_public_budget(client, reference_budget):
    assert client.get("/budgets/501001/").status_code == 404
    assert client.get("/budgets/" + "9" * 30 + "/").status_code == 404

"""/data/: the data dictionary, with the bulk files linked from it and from the index."""
import pytest
from django.utils.timezone import localtime

from budget.demo.services import DEFAULT_PASSWORD, load_demo
from budget.opendata.models import Bundle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_pdf")]


@pytest.fixture
def demo(db):
    load_demo(password=DEFAULT_PASSWORD)


def test_it_describes_every_file_and_column(client, demo):
    html = client.get("/data/").content.decode()
    for name in ("lines.csv", "table-01.csv", "datapackage.json"):
        assert f"<code>{name}" in html
    for column in ("department_short_name", "function_code", "economic_code", "source", "project_code", "amount",
                   "heading", "text"):
        assert f'<th scope="row"><code>{column}</code></th>' in html
    assert "金额（元）" in html


def test_it_lists_the_fund_sources_the_editions_and_the_licence(client, demo):
    html = client.get("/data/").content.decode()
    assert '<th scope="row"><code>carryover_general</code></th><td>上年结转（一般公共预算拨款）</td>' in html
    assert '<th scope="row">2024 年版</th>' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html


def test_it_links_each_zip_with_its_size_and_date(client, demo):
    bundle = Bundle.objects.get(year=2024, bureau=None)
    html = client.get("/data/").content.decode()
    assert '<a href="/data/2024.zip">2024 年全部部门（2024.zip）</a>' in html
    assert f'href="/data/2024/{bundle_of_bureau().bureau_id}.zip"' in html
    assert f"<td>1</td><td>{bundle.size / 1024:.1f}\xa0KB</td><td>{localtime(bundle.built_at):%Y-%m-%d %H:%M}</td>" in html


def bundle_of_bureau():
    return Bundle.objects.get(year=2024, bureau__isnull=False)


def test_the_index_links_the_years_zip_and_the_dictionary(client, demo):
    html = client.get("/").content.decode()
    assert 'href="/data/2024.zip" download>下载 2024 年全部公开预算数据（ZIP' in html
    assert 'href="/data/">开放数据与数据字典</a>' in html


def test_it_says_when_there_is_no_data_yet(client):
    html = client.get("/data/").content.decode()
    assert "还没有开放数据文件" in html
    assert "lines.csv" in html

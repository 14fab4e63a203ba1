"""单位预算 published with a shanghai-2026 department, the template a version is published with,
and the public pages that list and show them (/budgets/<code>/<year>/units/<unit>/)."""
import json
from decimal import Decimal

import pytest

from budget.budgets.models import Budget
from budget.exchange.services import budget_import
from budget.workflow.models import Publication, UnitDocument

from .conftest import make_user
from .exchange_files import shanghai_department
from .workflow_states import bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")
CODE = "990417"
PAGE = f"/budgets/{CODE}/2024/"
UNITS = [CODE, f"{CODE}-01", f"{CODE}-02", f"{CODE}-03"]


def publish(doc):
    budget = budget_import(data=doc)
    bureau = budget.department.bureau
    accountant = make_user(f"a{doc['department']['code']}", department=budget.department)
    reviewer = make_user(f"r{doc['department']['code']}", bureau=bureau)
    bring_to(budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    return Publication.objects.get(budget=budget)


@pytest.fixture
def doc():
    return shanghai_department(CODE)


@pytest.fixture
def publication(db, doc):
    return publish(doc)


def stored_tables(field):
    with field.open("rb") as stored:
        return json.loads(stored.read())


def table3_total(tables):
    """The exact 元 of 表3's 合计 row: 合计, 基本支出, 项目支出."""
    table = next(t for t in tables["tables"] if t["number"] == 3)
    return [Decimal(value) for value in table["values"][-1] if value is not None]


def test_it_publishes_one_department_and_four_unit_documents(publication):
    assert publication.template == "shanghai-2026"
    assert [d.code for d in publication.unit_documents.all()] == UNITS
    assert UnitDocument.objects.count() == 4


def test_it_gives_unit_tables_that_add_up_to_the_departments(publication, doc):
    department = table3_total(stored_tables(publication.tables_json))
    # 表3's 合计 is every line of the file: the sum written by the generator, not by the tables.
    assert department[0] == sum(Decimal(line["amount"]) for line in doc["lines"])
    units = [table3_total(stored_tables(d.tables_json)) for d in publication.unit_documents.all()]
    assert [sum(column) for column in zip(*units)] == department
    for document, unit in zip(publication.unit_documents.all(), UNITS):
        own = sum(Decimal(line["amount"]) for line in doc["lines"] if line["unit"] == unit)
        assert table3_total(stored_tables(document.tables_json))[0] == own


def test_it_writes_each_unit_document_from_its_lines(publication):
    document = publication.unit_documents.get(code=f"{CODE}-02")
    tables = stored_tables(document.tables_json)
    assert tables["unit"] == {"code": f"{CODE}-02", "name": f"基准测试单位 {CODE}-02"}
    assert tables["tables"][2]["title"] == "2024年单位支出预算总表"
    body = document.body_html.open("rb").read().decode()
    assert f"预算单位：基准测试单位 {CODE}-02" in body and "2024年单位预算编制说明" in body


def test_it_lists_the_unit_documents_on_the_public_page(client, publication):
    html = client.get(PAGE).content.decode()
    for unit in UNITS:
        assert f'href="{PAGE}units/{unit}/"' in html
    assert html.count('class="standard-table') == 9


def test_it_shows_a_unit_document_and_its_files(client, publication):
    html = client.get(f"{PAGE}units/{CODE}-01/").content.decode()
    assert f"基准测试单位 {CODE}-01 2024 年单位预算" in html
    assert publication.unit_documents.get(code=f"{CODE}-01").body_html.open("rb").read().decode() in html
    response = client.get(f"{PAGE}units/{CODE}-01/tables.json")
    assert response.status_code == 200 and json.loads(b"".join(response.streaming_content))["unit"]["code"] == f"{CODE}-01"
    from urllib.parse import quote

    assert quote(f"基准测试单位 {CODE}-012024年单位预算公开表.json") in response["Content-Disposition"]
    assert client.get(f"{PAGE}units/{CODE}-01/budget.json").status_code == 404
    assert client.get(f"{PAGE}units/{CODE}-09/").status_code == 404
    assert client.get(f"{PAGE}v/1/units/{CODE}-01/document.pdf").status_code == 200


def test_a_department_of_one_unit_publishes_no_unit_document(db, chengguan_data):
    publication = publish(chengguan_data)
    assert publication.template == "shanghai-2026" and not publication.unit_documents.exists()


def test_the_bureau_chooses_the_template_of_a_budget_that_names_none(db, doc):
    del doc["template"]
    budget = budget_import(data=doc)
    bureau = budget.department.bureau
    bureau.template = "shanghai-2026"
    bureau.save()
    budget.refresh_from_db()
    publication = publish_existing(budget)
    assert publication.template == "shanghai-2026" and len(stored_tables(publication.tables_json)["tables"]) == 9


def publish_existing(budget):
    accountant = make_user("accountant-x", department=budget.department)
    reviewer = make_user("reviewer-x", bureau=budget.department.bureau)
    bring_to(budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    return Publication.objects.get(budget=budget)


def test_a_published_version_keeps_its_template_when_the_bureau_changes(client, published):
    publication = Publication.objects.get()
    assert publication.template == "xinjiang-2024"
    before = client.get("/budgets/501001/2024/").content
    bureau = published.department.bureau
    bureau.template = "shanghai-2026"
    bureau.save()
    publication.refresh_from_db()
    assert publication.template == "xinjiang-2024"
    assert client.get("/budgets/501001/2024/").content == before
    assert stored_tables(publication.tables_json)["amount_unit"] == "万元"

"""The files of a publication: bytes as stored, types, Chinese download names, 404 otherwise."""
import json
from urllib.parse import unquote

import pytest

from budget.budgets.models import Budget
from budget.workflow.models import Publication

from .workflow_states import bring_to


pytestmark = pytest.mark.usefixtures("quick_pdf")

BASE = "/budgets/501001/2024/"
NAME = "克孜勒苏柯尔克孜自治州生态环境局2024年"
FILES = {
    "document.pdf": ("pdf", "application/pdf", f"{NAME}部门预算.pdf"),
    "tables.xlsx": ("tables_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    f"{NAME}部门预算公开表.xlsx"),
    "tables.json": ("tables_json", "application/json", f"{NAME}部门预算公开表.json"),
    "budget.json": ("exchange_json", "application/json", f"{NAME}部门预算交换文件.json"),
}


def content(response):
    return b"".join(response.streaming_content)


def download_name(response):
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    return unquote(disposition.split("filename*=utf-8''")[1])


@pytest.mark.parametrize("name", FILES)
def test_it_serves_each_file_as_stored(client, published, name):
    field, content_type, filename = FILES[name]
    stored = getattr(Publication.objects.get(), field).open("rb").read()
    for url in (BASE + name, f"{BASE}v/1/{name}"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert download_name(response) == filename
        assert content(response) == stored


def test_it_serves_the_exchange_file_of_the_budget(client, published, reference_data):
    doc = json.loads(content(client.get(BASE + "budget.json")))
    assert doc["lines"] == reference_data["lines"]
    assert doc["department"]["name"] == "克孜勒苏柯尔克孜自治州生态环境局"


def test_it_serves_the_tables_in_budget_tables_1(client, published):
    doc = json.loads(content(client.get(BASE + "tables.json")))
    assert doc["format"] == "budget-tables/1"
    assert [table["number"] for table in doc["tables"]] == list(range(1, 12))
    table1 = doc["tables"][0]
    assert table1["rows"][-1][0] == "收入总计" and table1["rows"][-1][1] == "2,448.62"


def test_it_answers_404_for_unpublished_budgets_versions_and_other_names(client, reference_budget):
    for url in (BASE + "tables.json", f"{BASE}v/1/document.pdf", BASE + "db.sqlite3", BASE + "../settings.py"):
        assert client.get(url).status_code == 404


def test_it_answers_404_for_a_version_not_published(client, published):
    assert client.get(f"{BASE}v/2/tables.json").status_code == 404
    assert client.get(f"{BASE}v/0/").status_code == 404


def test_it_refuses_other_methods(client, published):
    assert client.post(BASE + "tables.json").status_code == 405
    assert client.post(BASE).status_code == 405


def test_it_keeps_a_slash_in_the_department_name_of_the_download(client, reference_budget, accountant, reviewer):
    reference_budget.department.name = "州生态环境局/州林草局\t:联合"
    reference_budget.department.save()
    bring_to(reference_budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    assert download_name(client.get(BASE + "tables.xlsx")) == "州生态环境局／州林草局：联合2024年部门预算公开表.xlsx"
    client.force_login(accountant)
    response = client.get("/manage/budgets/501001/2024/tables.xlsx")
    assert download_name(response) == "州生态环境局／州林草局：联合2024年部门预算公开表.xlsx"

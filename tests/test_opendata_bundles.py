"""The open-data ZIPs of the demo: /data/2024.zip and its bureau's, regenerated on publication."""
import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command

from budget.demo.services import DEFAULT_PASSWORD, load_demo
from budget.opendata.models import Bundle
from budget.orgs.models import FinanceBureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_pdf")]

# 表1 of the reference document: 收入总计 2,448.62 万元, i.e. 24,486,200.00 元.
REFERENCE_TOTAL = Decimal("24486200.00")
BUREAU = "克孜勒苏柯尔克孜自治州财政局"


@pytest.fixture
def demo(db):
    load_demo(password=DEFAULT_PASSWORD)


def archive(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def rows(zip_file, name):
    raw = zip_file.read(name)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_it_holds_the_lines_the_tables_and_a_datapackage(client, demo):
    names = archive(client, "/data/2024.zip").namelist()
    assert names == ["lines.csv"] + [f"table-{n:02d}.csv" for n in range(1, 12)] + ["datapackage.json"]


def test_its_lines_add_up_to_table_1s_total_to_the_fen(client, demo):
    lines = rows(archive(client, "/data/2024.zip"), "lines.csv")
    assert len(lines) == 42  # the reference budget's lines; the second demo budget is a draft
    assert sum(Decimal(line["amount"]) for line in lines) == REFERENCE_TOTAL


def test_each_line_names_its_department_unit_codes_source_kind_and_project(client, demo):
    lines = rows(archive(client, "/data/2024.zip"), "lines.csv")
    first = lines[0]
    assert (first["department_code"], first["department_name"], first["department_short_name"]) == (
        "501001", "克孜勒苏柯尔克孜自治州生态环境局", "克州生态环境局")
    assert (first["finance_bureau"], first["unit_code"], first["unit_kind"]) == (BUREAU, "501001", "administrative")
    # The reference's first line: 2080505 机关事业单位基本养老保险缴费支出, 30108, 191.25 万元.
    assert (first["function_class_code"], first["function_class_name"]) == ("208", "社会保障和就业支出")
    assert (first["function_code"], first["function_name"]) == ("2080505", "机关事业单位基本养老保险缴费支出")
    assert (first["economic_code"], first["economic_name"]) == ("30108", "机关事业单位基本养老保险缴费")
    assert (first["source"], first["kind"], first["kind_name"], first["project_code"]) == (
        "general_budget", "basic", "基本支出", "")
    assert first["amount"] == "1912500.00"
    projects = [line for line in lines if line["kind"] == "project"]
    assert {line["project_code"] for line in projects} == {f"P2024-0{n}" for n in range(1, 8)}
    assert all(line["project_name"] for line in projects)


def test_its_table_files_give_display_and_exact_amounts(client, demo):
    cells = rows(archive(client, "/data/2024.zip"), "table-01.csv")
    total = [cell for cell in cells if cell["row"] == str(max(int(c["row"]) for c in cells)) and cell["column"] == "2"]
    assert [(c["heading"], c["text"], c["amount"]) for c in total] == [("收入／预算数", "2,448.62", "24486200.00")]


def test_its_datapackage_is_a_valid_frictionless_package(client, demo, tmp_path):
    # frictionless reads the files back as a researcher would: every row against its schema.
    from frictionless import validate

    archive(client, "/data/2024.zip").extractall(tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == 12


def test_its_datapackage_describes_a_fiscal_data_package(client, demo):
    package = json.loads(archive(client, "/data/2024.zip").read("datapackage.json"))
    assert package["model"]["measures"]["amount"] == {
        "source": "amount", "currency": "CNY", "factor": 1, "direction": "expenditure", "phase": "approved"}
    dimensions = package["model"]["dimensions"]
    assert dimensions["functional-classification"]["classificationType"] == "functional"
    assert dimensions["economic-classification"]["attributes"]["item_code"] == {"source": "economic_code"}
    assert dimensions["fund-source"]["attributes"]["code"] == {"source": "source"}
    assert package["fiscalPeriod"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["classificationEditions"] == [2024]


def test_a_bureau_has_its_own_zip(client, demo):
    bureau = FinanceBureau.objects.get(name=BUREAU)
    lines = rows(archive(client, f"/data/2024/{bureau.pk}.zip"), "lines.csv")
    assert {line["finance_bureau"] for line in lines} == {BUREAU}
    assert client.get(f"/data/2024/{bureau.pk + 100}.zip").status_code == 404
    assert client.get("/data/2023.zip").status_code == 404


def test_it_is_rebuilt_when_a_version_becomes_public_and_skipped_otherwise(client, demo, reference_data):
    from tests.test_public_index import publish

    year = Bundle.objects.get(year=2024, bureau=None)
    assert year.budgets == 1
    publish({**reference_data, "department": {**reference_data["department"], "code": "501009", "name": "州演示局"}})

    rebuilt = Bundle.objects.get(year=2024, bureau=None)
    assert rebuilt.budgets == 2 and rebuilt.file.name != year.file.name
    assert not year.file.storage.exists(year.file.name)  # the old file is gone
    call_command("build_open_data", "--year", "2024", stdout=io.StringIO())
    assert Bundle.objects.get(year=2024, bureau=None).file.name == rebuilt.file.name  # up to date: kept


def test_its_table_rows_name_the_template_and_the_unit_amounts_are_shown_in(client, demo):
    cells = rows(archive(client, "/data/2024.zip"), "table-01.csv")
    assert {(c["template"], c["display_unit"], c["unit_code"]) for c in cells} == {("xinjiang-2024", "万元", "")}


def test_a_shanghai_budgets_tables_say_yuan_and_wan_yuan_as_its_document_does(client, db, chengguan_data):
    from tests.test_public_index import publish

    publish(chengguan_data)
    bundle = archive(client, "/data/2026.zip")
    cells = rows(bundle, "table-01.csv")
    last = str(max(int(c["row"]) for c in cells))
    total = [c for c in cells if c["row"] == last and c["kind"] == "amount"]
    # 表1 of the chengguan document: 收入总计 47,483,458 and 支出总计 47,483,458, in 元.
    assert [(c["display_unit"], c["template"], c["amount"]) for c in total] == [
        ("元", "shanghai-2026", "47483458.00")] * 2
    assert {c["display_unit"] for c in rows(bundle, "table-09.csv")} == {"万元"}
    assert "table-10.csv" not in bundle.namelist()


def test_it_holds_each_units_own_tables_beside_the_departments(client, db):
    from tests.exchange_files import shanghai_department
    from tests.test_public_index import publish

    doc = shanghai_department("990417")
    publish(doc)
    cells = rows(archive(client, "/data/2024.zip"), "table-03.csv")
    units = {c["unit_code"]: c["unit_name"] for c in cells}
    assert units == {"": "", **{code: f"基准测试单位 {code}" for code in ["990417", "990417-01", "990417-02", "990417-03"]}}
    # Each unit's 表3 合计 (last row, first amount) is the sum of its own lines in the file.
    for code in ["990417-01", "990417-02"]:
        own = [c for c in cells if c["unit_code"] == code and c["kind"] == "amount"]
        last = max(int(c["row"]) for c in own)
        total = min((c for c in own if int(c["row"]) == last), key=lambda c: int(c["column"]))
        assert Decimal(total["amount"]) == sum(Decimal(line["amount"]) for line in doc["lines"] if line["unit"] == code)

"""Malformed input from a browser, a sheet or a file gets a message (400, 404 or a form error),
never a 500 and never a silent change. Each case answered 500 or saved a wrong amount before."""
import io
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from budget.entry.excel import SheetError, lines_workbook
from budget.entry.upload import replace_lines
from budget.budgets.models import Line

from .admin_pages import form_data
from .conftest import make_user
from .exchange_files import row_counts, write


def sheet_with(budget, cells):
    book = load_workbook(BytesIO(lines_workbook(budget=budget)))
    for ref, value in cells.items():
        book["明细"][ref] = value
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def sheet_faults(budget, content):
    before = row_counts()
    with pytest.raises(SheetError) as error:
        replace_lines(budget=budget, content=content)
    assert row_counts() == before
    return error.value.faults


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/?q=%00", "/?q=a&page=%00", "/budgets/%00/2024/",
                                 "/budgets/501001/2024/document.pdf?x=%00", "/admin/budgets/line/?q=%00"])
def test_it_answers_400_to_a_nul_in_the_path_or_a_parameter(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode() == "请求的地址或参数中含有 NUL 字符"


@pytest.mark.django_db
def test_it_answers_404_for_a_year_of_other_digits(client):
    # '²'.isdigit() is true, int('²') raises: this was a 500. No such year is published.
    assert client.get("/?year=%C2%B2").status_code == 404


@pytest.mark.parametrize("url", ["/admin/budgets/line/?budget=%C2%B2", "/admin/budgets/project/?budget=%C2%B2",
                                 "/admin/budgets/line/?budget=" + "9" * 30])
def test_it_answers_404_to_a_list_filtered_by_a_malformed_budget(client, accountant, url):
    client.force_login(accountant)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("chosen", ["%C2%B2", "9" * 30])
def test_it_answers_404_to_a_malformed_bureau(client, db, chosen):
    client.force_login(make_user("root", is_superuser=True))
    assert client.get(f"/manage/bureau/2024/?bureau={chosen}").status_code == 404


@pytest.mark.parametrize("typed, message", [
    ("1e9999999", "不是数字：1e9999999"),
    ("191,25", "不是有效的金额：191,25"),  # "12,5" was saved as 125
    ("１９１，２５", "不是有效的金额：191,25"),
])
def test_it_refuses_a_mistyped_amount_on_the_budget_page(client, accountant, reference_budget, typed, message):
    client.force_login(accountant)
    url = f"/admin/budgets/budget/{reference_budget.pk}/change/"
    data = form_data(client.get(url), "budget_form")
    data["lines-0-amount"] = typed
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Line.objects.filter(budget=reference_budget).order_by("id").first().amount == 1912500


def test_it_refuses_a_mistyped_amount_on_the_line_page(client, accountant, reference_budget):
    client.force_login(accountant)
    line = Line.objects.filter(budget=reference_budget).order_by("id").first()
    url = f"/admin/budgets/line/{line.pk}/change/"
    data = form_data(client.get(url), "line_form")
    data["amount"] = "191,25"
    assert "不是有效的金额：191,25" in client.post(url, data).content.decode()
    line.refresh_from_db()
    assert line.amount == 1912500


@pytest.mark.parametrize("cells, fault", [
    ({"H2": "191,25"}, "明细 第 2 行 H 列（金额）：不是有效的金额：191,25（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"),
    ({"H3": 1e28}, "明细 第 3 行 H 列（金额）：数值过大：1e+28（应小于 10,000,000,000 万元）"),
    ({"H4": 1e300}, "明细 第 4 行 H 列（金额）：数值过大：1e+300（应小于 10,000,000,000 万元）"),
    ({"H5": "1e9999999"}, "明细 第 5 行 H 列（金额）：不是数字：1e9999999"),
    ({"H6": "Infinity"}, "明细 第 6 行 H 列（金额）：不是数字：Infinity"),
])
def test_it_refuses_a_mistyped_amount_in_a_sheet(reference_budget, cells, fault):
    assert sheet_faults(reference_budget, sheet_with(reference_budget, cells)) == [fault]


def rezipped(content, name, replace):
    """The XLSX with member `name` rewritten by `replace(bytes)`."""
    source, output = zipfile.ZipFile(BytesIO(content)), BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, replace(data) if item.filename == name else data)
    return output.getvalue()


@pytest.mark.parametrize("replace", [
    lambda xml: xml[: len(xml) // 2],  # cut in the middle of a row
    lambda xml: xml.replace(b"<sheetData>", b"<sheetData><row r='x'><c r='A2' t='n'><v>oops</v></c>"),
    lambda xml: b"\x00" + xml,
])
def test_it_refuses_a_sheet_of_malformed_xml(reference_budget, replace):
    content = rezipped(lines_workbook(budget=reference_budget), "xl/worksheets/sheet1.xml", replace)
    faults = sheet_faults(reference_budget, content)
    assert len(faults) == 1 and "文件不是有效的 XLSX 工作簿" in faults[0]


def test_it_refuses_a_malformed_sheet_uploaded_in_the_admin(client, accountant, reference_budget):
    content = rezipped(lines_workbook(budget=reference_budget), "xl/worksheets/sheet1.xml", lambda xml: xml[:-40])
    client.force_login(accountant)
    response = client.post(f"/admin/budgets/budget/{reference_budget.pk}/lines/upload/",
                           {"file": SimpleUploadedFile("lines.xlsx", content)})
    assert response.status_code == 200
    assert "文件不是有效的 XLSX 工作簿" in response.content.decode()
    assert reference_budget.lines.count() == 42


def test_it_refuses_a_file_with_a_5000_digit_integer(reference_data, tmp_path, db):
    path = write(tmp_path, reference_data)
    path.write_text(path.read_text(encoding="utf-8").replace('"authorized": 40', '"authorized": ' + "4" * 5000))
    with pytest.raises(CommandError) as error:
        call_command("import_budget", str(path), stdout=io.StringIO())
    assert "overview.staffing.authorized: 数字过长：444444444444…（5000 位）" in str(error.value)
    assert row_counts()["budgets.Budget"] == 0


@pytest.mark.parametrize("code", ["501/009", "501 009", "５０１００９"])
def test_it_refuses_a_department_code_that_would_break_its_pages_in_the_admin(client, db, code):
    from budget.orgs.models import Department, FinanceBureau

    bureau = FinanceBureau.objects.create(name="某财政局")
    client.force_login(make_user("root", is_superuser=True))
    response = client.post("/admin/orgs/department/add/", {"code": code, "name": "某部门", "bureau": bureau.pk})
    assert response.status_code == 200
    assert f"编码只能由字母、数字、“-”和“_”组成：{code}" in response.content.decode()
    assert not Department.objects.exists()

"""The lines' Excel sheet from the budget's admin page: download, upload, refusal."""
import re
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from budget.entry.excel import lines_workbook
from budget.orgs.models import Profile


def url(budget, view):
    return f"/admin/budgets/budget/{budget.pk}/{view}"


def upload(content):
    return SimpleUploadedFile("lines.xlsx", content, content_type="application/octet-stream")


def test_it_downloads_the_lines_in_the_users_unit(client, accountant, reference_budget):
    client.force_login(accountant)
    response = client.get(url(reference_budget, "lines.xlsx"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="lines-501001-2024.xlsx"' in response["Content-Disposition"]
    assert load_workbook(BytesIO(response.content))["明细"]["H2"].value == 191.25
    Profile.objects.filter(user=accountant).update(amount_unit="yuan")
    response = client.get(url(reference_budget, "lines.xlsx"))
    assert load_workbook(BytesIO(response.content))["明细"]["H2"].value == 1912500


def test_it_replaces_the_lines_with_an_uploaded_sheet_once_confirmed(client, accountant, reference_budget):
    book = load_workbook(BytesIO(lines_workbook(budget=reference_budget)))
    book["明细"]["H2"] = 200
    output = BytesIO()
    book.save(output)
    client.force_login(accountant)
    response = client.post(url(reference_budget, "lines/upload/"), {"file": upload(output.getvalue())})
    assert response.status_code == 200 and not reference_budget.lines.filter(amount=2000000).exists()
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(url(reference_budget, "lines/upload/"), {"token": token})
    assert response["Location"] == url(reference_budget, "change/")
    assert reference_budget.lines.count() == 42
    assert reference_budget.lines.filter(function__code="2080505", amount=2000000).exists()
    assert "已从 Excel 导入明细：新增 0 条、修改 1 条、删除 0 条明细" in client.get(response["Location"]).content.decode()


def test_it_lists_every_bad_cell_and_writes_nothing(client, accountant, reference_budget):
    book = load_workbook(BytesIO(lines_workbook(budget=reference_budget)))
    sheet = book["明细"]
    sheet["B5"], sheet["H6"], sheet["H7"] = "2089999", -3, "abc"
    output = BytesIO()
    book.save(output)
    client.force_login(accountant)
    response = client.post(url(reference_budget, "lines/upload/"), {"file": upload(output.getvalue())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "文件未导入（共 3 处问题，现有明细没有改动）" in html
    for fault in ["明细 第 5 行 B 列（功能科目编码）：未知编码 2089999", "明细 第 6 行 H 列（金额）：不能为负数：-3",
                  "明细 第 7 行 H 列（金额）：不是数字：abc"]:
        assert fault in html
    assert not reference_budget.lines.filter(amount=-30000).exists() and reference_budget.lines.count() == 42

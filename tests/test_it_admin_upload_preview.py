"""/admin/budgets/budget/<id>/lines/upload/: an uploaded sheet is previewed (added, changed
old → new, removed, totals before and after), written only once confirmed, and recorded line
by line in the audit trail. Figures from the reference document: 2080505/30108 is 191.25 万元,
the department's lines total 2,448.62 万元 (一般公共预算拨款 基本支出 2,052.42)."""
import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from budget.entry import excel
from budget.entry.excel import SheetError, lines_workbook
from budget.entry.upload import preview

from .conftest import make_user
from .exchange_files import row_counts
from .test_it_history import rows as history_rows

HISTORY = "/manage/budgets/501001/2024/history/"


def url(budget):
    return f"/admin/budgets/budget/{budget.pk}/lines/upload/"


def sheet(budget, cells=None, delete_rows=()):
    book = load_workbook(BytesIO(lines_workbook(budget=budget)))
    for ref, value in (cells or {}).items():
        book["明细"][ref] = value
    for number in sorted(delete_rows, reverse=True):
        book["明细"].delete_rows(number)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def posted(client, budget, content):
    response = client.post(url(budget), {"file": SimpleUploadedFile("lines.xlsx", content)})
    assert response.status_code == 200
    return response.content.decode()


def section(html, id):
    start = html.index(f'id="{id}"')
    return html[start:html.index("</table>", start)]


def cells(table_html):
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(<td.*?)</tr>", table_html, re.S)]


def token(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_it_previews_the_changes_and_writes_nothing(client, accountant, reference_budget):
    client.force_login(accountant)
    before = row_counts()
    # Row 2 is 2080505/30108 at 191.25; row 3 is 2080505/30109 (48.00 万元 in the reference's first table).
    removed = reference_budget.lines.order_by("id")[1]
    html = posted(client, reference_budget, sheet(reference_budget, {"H2": 200}, delete_rows=[3]))
    assert row_counts() == before
    assert "上传预览：新增 0 条、修改 1 条、删除 1 条明细，40 条不变（尚未保存）" in html
    assert cells(section(html, "upload-changed")) == [[
        "501001", "2080505 机关事业单位基本养老保险缴费支出", "30108 机关事业单位基本养老保险缴费", "一般公共预算拨款",
        "基本支出", "", "191.25", "200.00"]]
    [gone] = cells(section(html, "upload-removed"))
    assert gone[:2] == ["501001", f"{removed.function.code} {removed.function.name}"]
    assert gone[-1] == f"{removed.amount / 10000:,.2f}"
    totals = cells(section(html, "upload-totals"))
    basic = next(row for row in totals if row[:2] == ["基本支出", "一般公共预算拨款"])
    after = 20524200 + 87500 - removed.amount
    assert basic == ["基本支出", "一般公共预算拨款", "2,052.42", f"{after / 10000:,.2f}", f"{(after - 20524200) / 10000:,.2f}"]
    assert 'id="upload-removal-warning"' not in html


CHANGED = "预算明细 2080505 机关事业单位基本养老保险缴费支出 · 30108 机关事业单位基本养老保险缴费 · 一般公共预算拨款 · 基本支出"
REMOVED = "预算明细 2110101 行政运行 · 30101 基本工资 · 一般公共预算拨款 · 基本支出"


def test_it_writes_the_preview_on_confirmation_and_audits_every_line(client, accountant, reference_budget):
    client.force_login(accountant)
    removed = reference_budget.lines.order_by("id")[1]
    html = posted(client, reference_budget, sheet(reference_budget, {"H2": 200}, delete_rows=[3]))
    response = client.post(url(reference_budget), {"token": token(html)})
    assert response.status_code == 302
    assert reference_budget.lines.count() == 41
    assert reference_budget.lines.filter(function__code="2080505", economic__code="30108").get().amount == 2000000
    assert not reference_budget.lines.filter(pk=removed.pk).exists()
    changes = history_rows(client.get(HISTORY).content.decode())
    # The reference's first two lines, named by their subjects.
    assert ["accountant", CHANGED, "修改", "金额", "191.25 万元", "200.00 万元"] in [row[1:] for row in changes]
    assert ["accountant", REMOVED, "删除", "金额", "402.08 万元", "—"] in [row[1:] for row in changes]
    assert any("上传明细 Excel：新增 0 条、修改 1 条、删除 1 条明细" in " ".join(row) for row in changes)


def test_it_says_in_red_when_a_sheet_removes_more_than_half(client, accountant, reference_budget):
    client.force_login(accountant)
    html = posted(client, reference_budget, sheet(reference_budget, delete_rows=range(3, 25)))
    assert "注意：此表将删除现有 42 条明细中的 22 条，超过一半" in html
    assert 'class="errornote" id="upload-removal-warning"' in html
    html = posted(client, reference_budget, sheet(reference_budget, delete_rows=range(3, 24)))
    assert 'id="upload-removal-warning"' not in html  # 21 of 42 is half, not more


def test_it_warns_of_names_that_are_not_their_codes(client, accountant, reference_budget):
    client.force_login(accountant)
    html = posted(client, reference_budget, sheet(reference_budget, {"C2": "完全不对的名称", "E5": "办公费", "E6": None}))
    assert "名称与编码不符（共 2 处，按编码导入）" in html
    assert "明细 第 2 行 C 列（功能科目名称）：“完全不对的名称”不是编码 2080505 的名称“机关事业单位基本养老保险缴费支出”，按编码导入" in html
    assert "明细 第 5 行 E 列（经济科目名称）：“办公费”不是编码 30110 的名称“职工基本医疗保险缴费”，按编码导入" in html
    assert "上传的明细与现有明细相同，无需导入" in html  # an empty name is no warning; nothing changes


def test_it_refuses_a_preview_of_a_budget_changed_since(client, accountant, reference_budget):
    client.force_login(accountant)
    html = posted(client, reference_budget, sheet(reference_budget, {"H2": 200}))
    colleague = Client()
    colleague.force_login(make_user("colleague", department=reference_budget.department, first_name="", last_name=""))
    line = reference_budget.lines.order_by("id")[5]
    page = f"/admin/budgets/line/{line.pk}/change/"
    from .admin_pages import form_data
    data = form_data(colleague.get(page), "line_form")
    data["amount"] = "1.00"
    assert colleague.post(page, data).status_code == 302
    response = client.post(url(reference_budget), {"token": token(html)})
    assert response.status_code == 200
    assert re.search(r"此预算已被 colleague 于 \d\d:\d\d 修改", response.content.decode())
    assert not reference_budget.lines.filter(amount=2000000).exists()


def test_it_refuses_a_token_of_another_user_or_budget(client, accountant, reference_budget):
    client.force_login(accountant)
    html = posted(client, reference_budget, sheet(reference_budget, {"H2": 200}))
    client.force_login(make_user("colleague", department=reference_budget.department))
    response = client.post(url(reference_budget), {"token": token(html)})
    assert "预览无效，请重新上传" in response.content.decode()
    response = client.post(url(reference_budget), {"token": token(html)[:-2] + "xx"})
    assert "预览无效，请重新上传" in response.content.decode()
    assert not reference_budget.lines.filter(amount=2000000).exists()


def with_dimension(content, dimension):
    source, output = zipfile.ZipFile(BytesIO(content)), BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>'.encode(), data)
            target.writestr(item, data)
    return output.getvalue()


def test_it_reads_every_row_whatever_the_dimension_says(reference_budget):
    content = with_dimension(sheet(reference_budget, {"H43": 1}), "A1:I1")
    assert b'<dimension ref="A1:I1"/>' in zipfile.ZipFile(BytesIO(content)).read("xl/worksheets/sheet1.xml")
    found = preview(budget=reference_budget, content=content)
    assert (found.unchanged, len(found.changed), len(found.removed)) == (41, 1, 0)


def archive(members):
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return output.getvalue()


@pytest.fixture
def never_parsed(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("parsed an archive that should have been refused first")

    monkeypatch.setattr(excel, "load_workbook", fail)


def test_it_refuses_a_zip_bomb_before_parsing(reference_budget, never_parsed):
    bomb = archive({"[Content_Types].xml": b"<Types/>", "xl/sharedStrings.xml": b"a" * (8 * 1024 * 1024)})
    with pytest.raises(SheetError) as error:
        preview(budget=reference_budget, content=bomb)
    [fault] = error.value.faults
    assert re.fullmatch(r"文件中的 xl/sharedStrings\.xml 压缩比为 [\d,]+:1，超过压缩比上限 200:1，未读取", fault)


def test_it_refuses_an_archive_too_large_once_inflated(reference_budget, never_parsed, monkeypatch):
    import os

    monkeypatch.setattr(excel, "MAX_INFLATED", 2 * excel.MB)
    large = archive({"xl/worksheets/sheet1.xml": os.urandom(3 * excel.MB)})  # incompressible: ratio 1
    with pytest.raises(SheetError) as error:
        preview(budget=reference_budget, content=large)
    assert error.value.faults == ["文件解压后为 3 MB，超过解压后大小上限 2 MB，未读取"]


def test_it_refuses_a_zip_bomb_uploaded_in_the_admin(client, accountant, reference_budget):
    client.force_login(accountant)
    bomb = archive({"[Content_Types].xml": b"<Types/>", "xl/sharedStrings.xml": b"a" * (8 * 1024 * 1024)})
    html = posted(client, reference_budget, bomb)
    assert "超过压缩比上限 200:1，未读取" in html and reference_budget.lines.count() == 42


def test_it_lists_no_more_name_warnings_than_rows_of_a_kind(client, accountant, reference_budget, monkeypatch):
    # A 50,000-row sheet with every name wrong must not make a page of 50,000 warnings.
    monkeypatch.setattr("budget.entry.admin.views.PREVIEW_ROWS", 1)
    client.force_login(accountant)
    html = posted(client, reference_budget, sheet(reference_budget, {"C2": "完全不对的名称", "E5": "办公费"}))
    assert "名称与编码不符（共 2 处，列出前 1 处，按编码导入）" in html
    assert "“完全不对的名称”不是编码 2080505 的名称" in html and "“办公费”不是编码 30110 的名称" not in html

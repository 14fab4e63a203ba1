"""The tables workbook printed by a real spreadsheet: LibreOffice converts it to PDF as an
accountant's 打印 would. One page per table, the wide ones landscape, each page numbered.
(Without print settings it printed the reference's eleven tables on 29 pages.)"""
import re
import shutil
import subprocess

import pytest

from budget.tables.exports import tables_workbook

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("libreoffice") is None,
                       reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"),
]
TITLES = ["部门收支总体情况表", "部门收入总体情况表", "部门支出总体情况表", "财政拨款收支预算总体情况表",
          "一般公共预算支出情况表", "一般公共预算基本支出情况表", "一般公共预算项目支出情况表",
          "政府性基金预算支出情况表", "国有资本经营预算支出情况表", "财政拨款“三公”经费支出情况表", "上年结转结余情况明细表"]


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=300).stdout


@pytest.fixture
def printed(reference_budget, tmp_path):
    workbook = tmp_path / "tables.xlsx"
    workbook.write_bytes(tables_workbook(budget=reference_budget))
    # A profile of its own, so that a LibreOffice already running elsewhere is not asked instead.
    run("libreoffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
        "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook))
    return tmp_path / "tables.pdf"


def page_sizes(pdf):
    info = run("pdfinfo", "-f", "1", "-l", "99", str(pdf))
    return [tuple(map(float, size)) for size in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)]


def test_it_prints_each_table_on_one_numbered_page(printed):
    pages = run("pdftotext", str(printed), "-").split("\f")[:-1]
    assert len(pages) == 11
    for number, (page, title) in enumerate(zip(pages, TITLES), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # The title block (表 n, the title, 编制部门 and 单位) tops the page of its table.
        assert lines[0] == (f"表{number}" if number < 10 else f"表 {number}")
        assert title in lines and any(line.startswith("编制部门：") for line in lines[1:3])
        assert f"第 {number} 页 共 11 页" in page
    landscape = [n for n, (width, height) in enumerate(page_sizes(printed), start=1) if width > height]
    assert landscape == [2, 7, 11]

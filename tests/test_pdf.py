"""The reference budget as a PDF, read back with poppler: fonts, figures, outline, pages, metadata.

The PDF is rendered once per test session. Expected figures come from the published document
(tests/data/kizilsu-eco-2024-budget.txt) and from tests/test_narrative.py, never from the code under test.
"""
import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import transaction
from fontTools.ttLib import TTFont

from budget.document.pdf import pdf_html, render_pdf
from budget.exchange.services import budget_import

from .conftest import CHENGGUAN_FILE, REFERENCE_FILE, REFERENCE_TEXT
from .test_narrative import EXPECTED_RUNS

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
DEPT = "克孜勒苏柯尔克孜自治州生态环境局"
PARTS = ["第一部分 2024 年部门概况", "第二部分 2024 年部门预算公开表", "第三部分 2024 年部门预算情况说明", "第四部分 名词解释"]
TABLES = [
    "部门收支总体情况表", "部门收入总体情况表", "部门支出总体情况表", "财政拨款收支预算总体情况表",
    "一般公共预算支出情况表", "一般公共预算基本支出情况表", "一般公共预算项目支出情况表",
    "政府性基金预算支出情况表", "国有资本经营预算支出情况表", "财政拨款“三公”经费支出情况表", "上年结转结余情况明细表",
]
FOOTER = re.compile(r"第 (\d+) 页 共 (\d+) 页")
AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}")


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@dataclass
class Rendered:
    path: Path
    html: str

    @property
    def pages(self):
        """The text of each page, as pdftotext reads it."""
        return run("pdftotext", str(self.path), "-").split("\f")[:-1]

    def outline(self):
        """[(level, title, page)] of the PDF's bookmarks, as poppler reads them."""
        root = ET.fromstring(run("pdftohtml", "-xml", "-i", "-stdout", "-q", str(self.path)))
        entries = []

        def walk(outline, level):
            for child in outline:
                if child.tag == "item":
                    entries.append((level, child.text, int(child.get("page"))))
                elif child.tag == "outline":
                    walk(child, level + 1)

        walk(root.find("outline"), 1)
        return entries


@pytest.fixture(scope="session")
def reference_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """The reference budget's PDF and the HTML it was made from; the budget is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        budget = budget_import(data=json.loads(REFERENCE_FILE.read_text(encoding="utf-8")))
        rendered = Rendered(tmp_path_factory.mktemp("pdf") / "reference.pdf", pdf_html(budget))
        rendered.path.write_bytes(render_pdf(budget))
        transaction.set_rollback(True)
    return rendered


def squeeze(text):
    """Text without white space and page footers: pdftotext breaks lines and pages anywhere."""
    return re.sub(r"\s+", "", FOOTER.sub("", text))


def test_it_embeds_only_the_bundled_fonts_as_unicode_subsets(reference_pdf):
    rows = run("pdffonts", str(reference_pdf.path)).splitlines()[2:]
    assert rows
    names = set()
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        names.add(row.split()[0].split("+", 1)[1])
    # A fallback to a system font (DejaVu, Noto Sans CJK SC, …) would show up under its own name.
    assert names == {"Noto-Serif-SC", "Noto-Serif-SC-Bold", "Noto-Sans-SC", "Noto-Sans-SC-Bold"}


class TextOf(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_it_has_a_glyph_for_every_character_of_the_reference_budget(reference_pdf):
    parser = TextOf()
    parser.feed(reference_pdf.html)
    text = "".join(parser.parts) + "".join(strings(json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))))
    characters = {c for c in text if not c.isspace()}
    assert {"克", "孜", "“", "（", "Ⅱ", "%", "="} <= characters
    for font in FONTS.glob("*.woff2"):
        cmap = TTFont(font).getBestCmap()
        assert sorted(c for c in characters if ord(c) not in cmap) == [], font.name


def reference_part(start, end):
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    text = text[text.index(start):text.index(end)]
    return re.sub(r"(\d)\.\s+(\d\d)", r"\1.\2", text)  # the extraction split "260.\n\n00"


def test_it_prints_every_figure_of_the_published_tables(reference_pdf):
    expected = Counter(AMOUNT.findall(reference_part("第二部分", "第三部分")))
    text = squeeze("".join(reference_pdf.pages))
    part2 = text[text.rindex(squeeze(PARTS[1])):text.rindex(squeeze(PARTS[2]))]
    printed = Counter(AMOUNT.findall(part2))
    assert len(expected) > 40
    assert {amount: count for amount, count in expected.items() if printed[amount] < count} == {}


@pytest.mark.parametrize("run_of_text", EXPECTED_RUNS)
def test_it_prints_every_sentence_of_part_three(reference_pdf, run_of_text):
    assert squeeze(run_of_text) in squeeze("".join(reference_pdf.pages))


def test_it_has_a_bookmark_for_every_part_and_table(reference_pdf):
    outline = reference_pdf.outline()
    assert [title for level, title, page in outline if level == 1] == PARTS
    assert [title for level, title, page in outline if title.startswith("表 ")] == [
        f"表 {n} {title}" for n, title in enumerate(TABLES, start=1)]
    pages = [page for level, title, page in outline]
    assert pages == sorted(pages) and pages[0] == 3  # after the cover and the contents


def test_it_lists_the_page_of_every_part_and_table_in_the_contents(reference_pdf):
    contents = reference_pdf.pages[1]
    assert "目录" in squeeze(contents)
    for level, title, page in reference_pdf.outline():
        if level == 1 or title.startswith("表 "):
            assert re.search(re.escape(title) + r" ?\.+ ?" + str(page) + r"\n", contents), title


def page_sizes(path):
    """{page number: (width, height)} in points."""
    text = run("pdfinfo", "-f", "1", "-l", "999", str(path))
    return {int(n): (float(w), float(h)) for n, w, h in re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", text)}


def test_it_prints_the_wide_tables_on_landscape_pages(reference_pdf):
    sizes = page_sizes(reference_pdf.path)
    table_pages = {title.split()[1]: page for level, title, page in reference_pdf.outline() if title.startswith("表 ")}
    for number in ("2", "7", "11"):
        width, height = sizes[table_pages[number]]
        assert (round(width), round(height)) == (842, 595), f"表{number}"
    for number in ("1", "3", "6", "10"):
        width, height = sizes[table_pages[number]]
        assert (round(width), round(height)) == (595, 842), f"表{number}"


def test_it_numbers_every_page_but_the_cover(reference_pdf):
    pages = reference_pdf.pages
    assert FOOTER.search(pages[0]) is None
    assert DEPT in pages[0] and "2024 年部门预算" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert FOOTER.findall(text) == [(str(number), str(len(pages)))]


def pdf_streams(data):
    """The decompressed streams of a PDF: WeasyPrint puts the catalog in compressed object streams."""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            yield zlib.decompress(stream)
        except zlib.error:
            yield stream


def test_it_records_title_author_and_language(reference_pdf):
    info = dict(re.findall(r"^(\w+):\s+(.*)$", run("pdfinfo", str(reference_pdf.path)), re.M))
    assert info["Title"] == f"{DEPT} 2024 年部门预算"
    assert info["Author"] == DEPT
    data = reference_pdf.path.read_bytes()
    assert any(b"/Lang (zh-CN)" in stream for stream in [data, *pdf_streams(data)])


def test_it_repeats_the_header_on_every_page_of_a_long_table(db, reference_data, tmp_path):
    """Every 款 of 工资福利/商品和服务/对个人和家庭 in 表6 makes it three pages long; the total row
    (合计, like one header cell) comes once, on the last page."""
    codes = Path(__file__).resolve().parent.parent / "budget" / "codes" / "data" / "economic-2024.csv"
    used = {line["economic"] for line in reference_data["lines"]}
    for row in codes.read_text(encoding="utf-8").splitlines():
        code, _, level = row.split(",")
        if level == "2" and code[:3] in ("301", "302", "303") and code not in used:
            reference_data["lines"].append({"unit": "501001", "function": "2110101", "economic": code,
                                            "source": "general_budget", "kind": "basic", "project": None,
                                            "amount": "1.00"})
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(budget_import(data=reference_data)))
    rendered = Rendered(path, "")
    starts = {title: page for level, title, page in rendered.outline()}
    pages = rendered.pages[starts["表 6 一般公共预算基本支出情况表"] - 1:starts["表 7 一般公共预算项目支出情况表"] - 1]
    assert len(pages) >= 2
    assert all("经济分类科目名称" in squeeze(page) for page in pages)
    assert [squeeze(page).count("合计") for page in pages] == [1] * (len(pages) - 1) + [2]


def test_it_names_a_continued_target_table_above_it(reference_pdf):
    """执法能力建设项目's indicators run onto a second page; the tables that fit on one page, and
    the first page of every table, carry no 续表 line."""
    marked = [(n, page.splitlines()[0]) for n, page in enumerate(reference_pdf.pages, start=1) if "续表" in page]
    assert len(marked) == 1
    number, first_line = marked[0]
    assert first_line == "项目支出绩效目标表（续表） 项目名称：执法能力建设项目"
    previous = reference_pdf.pages[number - 2]
    assert "执法能力建设项目" in previous and "续表" not in previous


@pytest.fixture(scope="module")
def chengguan_pdf(django_db_setup, django_db_blocker):
    """The text of the chengguan budget's PDF pages; the budget is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        budget = budget_import(data=json.loads(CHENGGUAN_FILE.read_text(encoding="utf-8")))
        pdf = render_pdf(budget)
        transaction.set_rollback(True)
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split("\f")[:-1]


def test_it_prints_no_unpublished_value_of_a_real_budget(chengguan_pdf):
    text = squeeze("".join(chengguan_pdf))
    for unpublished in ("编制数", "实有人数", "房屋", "办公家具", "50万元以上大型设备", "部门整体绩效目标表"):
        assert unpublished not in text
    # Its own template, shanghai-2026 (page 21 of the published text: 63 辆, 2 套; page 24's 申报表).
    assert "执法执勤用车63辆、" in text and "单价100万元（含）以上设备（不含车辆）2套。" in text
    assert squeeze("项目名称 拆违经费") in text and "财政项目支出绩效目标申报表" in text and "续表" not in text

"""Property-based test of the Excel upload: sheets mutated from the reference budget's own
sheet (cells set to tricky numbers, texts, booleans, errors and formulas, rows dropped or
repeated, a false <dimension>, damaged XML) are previewed and confirmed, or refused with
faults; never an unhandled exception, and a refused sheet writes nothing."""
import os
import re
import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.entry.excel import SheetError, lines_workbook
from budget.entry.upload import confirm, preview, sign

from .exchange_files import row_counts

# With the exchange fuzz (1,500) over 2,000 inputs a run; a sheet costs about 0.1 s on a loaded machine.
EXAMPLES = int(os.environ.get("FUZZ_EXCEL_EXAMPLES", 600))
SHEET = "xl/worksheets/sheet1.xml"
ROW = re.compile(rb'<row r="(\d+)"[^>]*>.*?</row>', re.S)
COLUMNS = "ABCDEFGHIJ"
TRICKY = ["", " ", "12,5", "1,234.50", "１２，５", "1e9", "1e9999999", "NaN", "-Infinity", "-1", "0.001", "501001",
          "2080505", "2089999", "20805", "30108", "301", "一般公共预算拨款", "基本支出", "项目支出", "P2024-01",
          "完全不对的名称", "=1+1", "\t", "金额（元）", "金额（万元）"]
numbers = st.one_of(st.integers(-10, 10**30).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                    st.sampled_from(["1e28", "1e309", "abc", "", "191.25", "0.30000000000000004"]))
texts = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                                                   max_size=10))


@st.composite
def cell_xml(draw, ref):
    kind = draw(st.sampled_from(["number", "text", "text", "bool", "error", "formula", "empty"]))
    if kind == "number":
        return f'<c r="{ref}" t="n"><v>{draw(numbers)}</v></c>'
    if kind == "text":
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(draw(texts))}</t></is></c>'
    if kind == "bool":
        return f'<c r="{ref}" t="b"><v>{draw(st.sampled_from(["0", "1", "2"]))}</v></c>'
    if kind == "error":
        return f'<c r="{ref}" t="e"><v>#DIV/0!</v></c>'
    if kind == "formula":
        return f'<c r="{ref}"><f>SUM(H2:H3)</f></c>'
    return f'<c r="{ref}"/>'


@st.composite
def mutation(draw):
    action = draw(st.sampled_from(["cell", "cell", "cell", "cell", "drop_row", "repeat_row", "dimension", "damage"]))
    row = draw(st.integers(1, 45))
    if action == "cell":
        ref = f"{draw(st.sampled_from(COLUMNS))}{row}"
        return action, row, ref, draw(cell_xml(ref))
    if action == "dimension":
        return action, row, None, draw(st.sampled_from(["A1:I1", "A1", "", "A1:Z99999", "I43:A1"]))
    if action == "damage":
        return action, row, draw(st.integers(0, 30000)), draw(st.binary(max_size=4))
    return action, row, None, None


def mutated_xml(xml, changes):
    for action, row, ref, value in changes:
        rows = {int(m.group(1)): m for m in ROW.finditer(xml)}
        if action == "dimension":
            xml = re.sub(rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{value}"/>'.encode(), xml)
        elif action == "damage":
            xml = xml[:ref] + value + xml[ref:]
        elif row in rows:
            found = rows[row]
            if action == "drop_row":
                xml = xml[:found.start()] + xml[found.end():]
            elif action == "repeat_row":
                xml = xml[:found.end()] + found.group() + xml[found.end():]
            else:
                cell = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), re.S)
                text = found.group()
                # A function, not the cell as a replacement string: a generated text may hold a backslash (\A).
                text = cell.sub(lambda _: value.encode(), text, count=1) if cell.search(text) else text.replace(
                    b"</row>", value.encode() + b"</row>")
                xml = xml[:found.start()] + text + xml[found.end():]
    return xml


def rezipped(members, xml):
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, xml if name == SHEET else data)
    return output.getvalue()


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=st.lists(mutation(), min_size=1, max_size=3))
def test_a_mutated_sheet_is_written_or_refused_cleanly(reference_budget, reference_sheet, changes):
    content = rezipped(reference_sheet, mutated_xml(reference_sheet[SHEET], changes))
    before = row_counts()
    try:
        upload = preview(budget=reference_budget, content=content)
        reference_budget.refresh_from_db(fields=["revision"])
        confirm(budget=reference_budget, token=sign(reference_budget, upload, None), by=None)
    except SheetError as error:
        assert error.faults and all(isinstance(fault, str) for fault in error.faults)
        assert row_counts() == before


@pytest.fixture
def reference_sheet(reference_budget):
    """The members of the reference budget's sheet, {name: bytes}."""
    archive = zipfile.ZipFile(BytesIO(lines_workbook(budget=reference_budget)))
    return {item.filename: archive.read(item) for item in archive.infolist()}

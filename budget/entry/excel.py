"""A budget's lines as an XLSX sheet to fill in, and the upload that replaces a draft's lines.

The sheet 明细 has one line per row; codes are text, the amount is a number in the unit
named by its header (金额（万元） or 金额（元）). The names of the codes are there to read;
the upload takes the codes, and warns of a name that is not its code's. An upload is refused
whole, with every bad cell named by sheet, row and column, and nothing is written; an
accepted one is previewed before it is written (upload.py).

The archive is checked before anything is inflated (an XLSX is a zip: 1.6 MB can hold a
1.5 GB string), and every row is read whatever the sheet's <dimension> claims (openpyxl's
read-only mode otherwise stops where a stale dimension says the sheet ends).
"""
import zipfile
import zlib
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from budget.budgets.models import Line
from budget.budgets.sources import Source
from budget.codes.lookup import CodeError, subject_id
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.figures.money import UNIT_FACTOR, AmountError, parse_amount
from budget.orgs.models import Profile

SHEET = "明细"
CHOICES_SHEET = "选项"
Unit = Profile.AmountUnit
AMOUNT_TITLE = {Unit.WAN_YUAN: "金额（万元）", Unit.YUAN: "金额（元）"}
# (key, header, width); the amount's header carries the unit.
COLUMNS = [
    ("unit", "单位编码", 12), ("function", "功能科目编码", 14), ("function_name", "功能科目名称", 28),
    ("economic", "经济科目编码", 14), ("economic_name", "经济科目名称", 24), ("source", "资金来源", 30),
    ("kind", "支出类型", 10), ("amount", "金额", 16), ("project", "项目编码", 14),
]
LETTERS = {key: chr(ord("A") + i) for i, (key, _, _) in enumerate(COLUMNS)}
TITLES = {key: title for key, title, _ in COLUMNS}
KINDS = Line.Kind
# A text starting so is a formula to a spreadsheet; codes and names may come from users.
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ROWS = 50000
SPARE_ROWS = 1000  # rows below the lines where the drop-down lists also apply
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetError(Exception):
    """The upload is refused; `faults` names every bad cell."""

    def __init__(self, faults):
        super().__init__("\n".join(faults))
        self.faults = faults


def export_unit(amounts, unit):
    """`unit`, unless an amount has fen or single 元 that 万元 with two decimals cannot hold."""
    if unit == Unit.WAN_YUAN and any(amount % 100 for amount in amounts):
        return Unit.YUAN
    return Unit(unit)


def lines_workbook(*, budget, unit=Unit.WAN_YUAN):
    """The XLSX (bytes) of the budget's lines, amounts in `unit` when it holds them exactly."""
    rows = list(budget.lines.order_by("id").values_list(
        "unit__code", "function__code", "function__name", "economic__code", "economic__name",
        "source", "kind", "amount", "project__code",
    ))
    unit = export_unit((row[7] for row in rows), unit)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([AMOUNT_TITLE[unit] if key == "amount" else title for key, title, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for key, _, width in COLUMNS:
        sheet.column_dimensions[LETTERS[key]].width = width
    for number, row in enumerate(rows, start=2):
        values = dict(zip(LETTERS, row))
        values["source"] = Source(values["source"]).label
        values["kind"] = KINDS(values["kind"]).label
        values["amount"] = values["amount"] / UNIT_FACTOR[unit]
        for key, value in values.items():
            write(sheet, f"{LETTERS[key]}{number}", value, amount=key == "amount")
    add_choices(book, sheet, budget, last_row=len(rows) + 1 + SPARE_ROWS)
    sheet.freeze_panes = "A2"
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def write(sheet, ref, value, amount=False):
    cell = sheet[ref]
    cell.value = value
    if amount:
        cell.number_format = "0.00"
        return
    cell.number_format = "@"  # text, so that codes keep their digits
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type, cell.quotePrefix = "s", True  # kept as text, never evaluated


def add_choices(book, sheet, budget, last_row):
    """Drop-down lists for source and kind (and the unit and project codes) from a hidden sheet."""
    lists = {
        "source": Source.labels,
        "kind": KINDS.labels,
        "unit": list(budget.units.values_list("code", flat=True)),
        "project": list(budget.projects.values_list("code", flat=True)),
    }
    choices = book.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    for column, (key, values) in enumerate(lists.items(), start=1):
        letter = chr(ord("A") + column - 1)
        write(choices, f"{letter}1", TITLES[key])
        for number, value in enumerate(values, start=2):
            write(choices, f"{letter}{number}", value)
        if not values:
            continue
        validation = DataValidation(
            type="list", formula1=f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=key == "project", showErrorMessage=True, errorTitle=TITLES[key],
            error=f"请从下拉列表中选择{TITLES[key]}",
        )
        validation.add(f"{LETTERS[key]}2:{LETTERS[key]}{last_row}")
        sheet.add_data_validation(validation)


# What openpyxl raises for a damaged workbook: zip, XML (lxml's and ElementTree's errors are
# SyntaxErrors), and its own reading of attributes and styles.
DAMAGED = (BadZipFile, InvalidFileException, zlib.error, EOFError, SyntaxError, KeyError, ValueError,
           TypeError, AttributeError, IndexError, OSError)
NOT_A_WORKBOOK = "文件不是有效的 XLSX 工作簿"
MB = 1024 * 1024
# Inflated, all members together: a sheet of MAX_ROWS lines with shared strings is under 40 MB.
MAX_INFLATED = 100 * MB
# Inflated per compressed byte, for members above RATIO_FROM: sheets compress 5-30 times.
MAX_RATIO = 200
RATIO_FROM = 1 * MB
MAX_MEMBERS = 1000


def check_archive(content):
    """Refuse, before inflating anything, an archive too large once inflated (a zip bomb).

    The sizes are the archive's own headers; zipfile never inflates a member past its
    declared size, so a lying header makes a damaged file, not a larger one.
    """
    try:
        members = zipfile.ZipFile(BytesIO(content)).infolist()
    except DAMAGED:
        raise SheetError([NOT_A_WORKBOOK])
    if len(members) > MAX_MEMBERS:
        raise SheetError([f"{NOT_A_WORKBOOK}：含 {len(members)} 个文件，上限为 {MAX_MEMBERS} 个"])
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED:
        raise SheetError([f"文件解压后为 {inflated / MB:,.0f} MB，超过解压后大小上限 {MAX_INFLATED // MB} MB，未读取"])
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise SheetError([f"文件中的 {member.filename} 压缩比为 {ratio:,.0f}:1，超过压缩比上限 {MAX_RATIO}:1，未读取"])


def read_sheet(budget, content, with_warnings=False):
    """The unsaved Line objects of the sheet, or SheetError with every fault; with the
    warnings (names not matching their codes) when asked."""
    check_archive(content)
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except DAMAGED:
        raise SheetError([NOT_A_WORKBOOK])
    if SHEET not in book.sheetnames:
        raise SheetError([f"找不到工作表“{SHEET}”"])
    rows = sheet_rows(book[SHEET])
    reader = SheetReader(budget, header=next(rows, ()))
    if reader.faults:
        raise SheetError(reader.faults)
    lines = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise SheetError([f"{SHEET}：最多 {MAX_ROWS} 行明细"])
        if any(text(value) for value in row):
            line = reader.line(number, row)
            if line is not None:
                lines.append(line)
    if reader.faults:
        raise SheetError(reader.faults)
    return (lines, reader.warnings) if with_warnings else lines


def sheet_rows(sheet):
    """The sheet's rows as tuples of values; a damaged sheet is a SheetError naming the row."""
    sheet.reset_dimensions()  # read to the last row there is, not to the one <dimension> names
    rows = sheet.iter_rows(max_col=len(COLUMNS), values_only=True)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except DAMAGED:
            raise SheetError([f"{SHEET}：第 {number + 1} 行附近的内容已损坏，无法读取（{NOT_A_WORKBOOK}）"])
        number += 1
        yield row


def text(value):
    """A cell as text: numbers typed into code cells lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class SheetReader:
    """Reads rows of 明细 into Line objects, collecting a fault for every bad cell."""

    def __init__(self, budget, header):
        self.budget = budget
        self.faults = []
        self.warnings = []
        self.seen = {}
        self.unit = self.read_header(list(header) + [None] * len(COLUMNS))
        self.units = dict(budget.units.values_list("code", "id"))
        self.projects = dict(budget.projects.values_list("code", "id"))
        self.functions = subjects(FunctionalSubject, budget.edition_id)
        self.economics = subjects(EconomicSubject, budget.edition_id)
        self.sources = {**{s.label: s.value for s in Source}, **{s.value: s.value for s in Source}}
        self.kinds = {**{k.label: k.value for k in KINDS}, **{k.value: k.value for k in KINDS}}

    def fault(self, number, key, problem):
        """Record "明细 第 5 行 H 列（金额）：不是数字"; without a key the whole row is meant."""
        cell = f" {LETTERS[key]} 列（{TITLES[key]}）" if key else ""
        self.faults.append(f"{SHEET} 第 {number} 行{cell}：{problem}")

    def read_header(self, header):
        for i, (key, title, _) in enumerate(COLUMNS):
            found = text(header[i])
            if key == "amount":
                unit = next((u for u, t in AMOUNT_TITLE.items() if t == found), None)
                if unit is None:
                    self.fault(1, key, f"表头应为“{AMOUNT_TITLE[Unit.WAN_YUAN]}”或“{AMOUNT_TITLE[Unit.YUAN]}”，实际为“{found}”")
            elif found != title:
                self.fault(1, key, f"表头应为“{title}”，实际为“{found}”")
        return unit

    def line(self, number, row):
        cells = dict(zip(LETTERS, list(row) + [None] * len(COLUMNS)))
        before = len(self.faults)
        unit = self.required(number, "unit", cells, self.units, "不是本预算的单位编码")
        function = self.code(number, "function", cells, self.functions, FunctionalSubject, 3)
        economic = self.code(number, "economic", cells, self.economics, EconomicSubject, 2)
        self.check_name(number, "function", cells, self.functions)
        self.check_name(number, "economic", cells, self.economics)
        source = self.required(number, "source", cells, self.sources, "应为下拉列表中的资金来源")
        kind = self.required(number, "kind", cells, self.kinds, "应为“基本支出”或“项目支出”")
        amount = self.amount(number, cells["amount"])
        project = self.project(number, kind, text(cells["project"]))
        if len(self.faults) > before:
            return None
        key = (unit, function, economic, source, kind, project)
        if key in self.seen:
            self.fault(number, None, f"与第 {self.seen[key]} 行重复（{Line.KEY_LABEL}）")
            return None
        self.seen[key] = number
        return Line(budget=self.budget, unit_id=unit, function_id=function, economic_id=economic,
                    source=source, kind=kind, project_id=project, amount=amount)

    def required(self, number, key, cells, choices, problem):
        value = text(cells[key])
        if not value:
            return self.fault(number, key, "不能为空")
        if value not in choices:
            return self.fault(number, key, f"{problem}：{value}")
        return choices[value]

    def code(self, number, key, cells, known, model, level):
        value = text(cells[key])
        if not value:
            return self.fault(number, key, "不能为空")
        try:
            return subject_id(value, known, model=model, level=level, edition_year=self.budget.edition.year)
        except CodeError as error:
            return self.fault(number, key, error.message)

    def amount(self, number, value):
        if value is None:
            return self.fault(number, "amount", "不能为空")
        try:
            return parse_amount(value, unit=self.unit)
        except AmountError as error:
            return self.fault(number, "amount", error.message)

    def check_name(self, number, key, cells, known):
        """A name beside a known code that is not the code's name is a warning: the code counts."""
        code, name = text(cells[key]), text(cells[f"{key}_name"])
        if name and code in known and name != known[code][2]:
            cell = f"{LETTERS[key + '_name']} 列（{TITLES[key + '_name']}）"
            self.warnings.append(f"{SHEET} 第 {number} 行 {cell}：“{name}”不是编码 {code} 的名称“{known[code][2]}”，按编码导入")

    def project(self, number, kind, code):
        if kind == KINDS.PROJECT and not code:
            return self.fault(number, "project", "项目支出必须填项目编码")
        if kind == KINDS.BASIC and code:
            return self.fault(number, "project", f"基本支出不能填项目编码：{code}")
        if code and code not in self.projects:
            return self.fault(number, "project", f"不是本预算的项目编码：{code}")
        return self.projects.get(code)


def subjects(model, edition_id):
    """{code: (id, level, name)} of the edition's subjects."""
    rows = model.objects.filter(edition_id=edition_id).values_list("code", "id", "level", "name")
    return {code: (pk, level, name) for code, pk, level, name in rows}

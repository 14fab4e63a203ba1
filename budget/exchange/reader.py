"""Check a parsed budget-exchange/1 document and turn it into clean values.

Every fault is collected with its JSON path, so that a file is refused whole with one
message per fault. Amounts come out as `Decimal` in 元, whatever the file's unit.
"""
import datetime
import re
from decimal import Decimal

from budget.budgets import models as m
from budget.budgets.sources import Source
from budget.codes.lookup import CodeError, subject_id, subjects_by_code
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject
from budget.figures.catalogue import is_metric, is_usage_key
from budget.figures.money import UNIT_FACTOR, AmountError, parse_amount
from budget.orgs.models import CODE_RULE, Department, FinanceBureau, is_code

from . import revision2

FORMAT = "budget-exchange/1"
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# NUL cannot be stored by PostgreSQL; a lone surrogate cannot be written out as UTF-8.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Integers go to PostgreSQL `integer` columns; a year is four digits; weights are points of 100.
MAX_INT = 2**31 - 1
YEARS = range(1000, 10000)
MAX_WEIGHT = 100


def digits_limit(model, name):
    """The smallest number too large for a DecimalField."""
    field = model._meta.get_field(name)
    return Decimal(10) ** (field.max_digits - field.decimal_places)


MAX_AMOUNT = digits_limit(m.Line, "amount")
MAX_AREA = digits_limit(m.Assets, "buildings_area_m2")


class ExchangeError(Exception):
    """The file is refused; `faults` lists every fault as `path: message`."""

    def __init__(self, faults):
        super().__init__("\n".join(faults))
        self.faults = faults


def join(path, key):
    if isinstance(key, int):
        return f"{path}[{key}]"
    if UNSTORABLE.search(key) or not key.isprintable():
        key = ascii(key)  # the message must print, whatever the file's key holds
    return f"{path}.{key}" if path else key


def unstorable(text):
    """Why `text` cannot be stored (a NUL, a lone surrogate, with its place), or None."""
    bad = UNSTORABLE.search(text)
    if bad is None:
        return None
    kind = "NUL 字符" if bad.group() == "\x00" else "不成对的代理字符"
    return f"含有{kind} {ascii(bad.group())}（第 {bad.start() + 1} 个字符）"


def unstorable_values(value, path=""):
    """Faults (`path: message`) of every text in a parsed JSON value, keys too, that cannot be
    stored, and of every number the format refuses: for JSON that no schema reads field by
    field (a backup's manifest)."""
    if isinstance(value, BadNumber):
        yield f"{path or '$'}: {value.reason}：{value!r}"
    elif isinstance(value, str):
        if bad := unstorable(value):
            yield f"{path or '$'}: {bad}"
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from unstorable_values(item, join(path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if bad := unstorable(key):
                yield f"{join(path, key)}: 字段名{bad}"
            yield from unstorable_values(item, join(path, key))


class BadNumber:
    """A JSON number no value of the format can be (5,000 digits, NaN, Infinity): json.loads
    keeps it as this, so that the reader refuses it with its path."""

    MAX_DIGITS = 20

    def __init__(self, text, reason="不是有限的数"):
        self.text, self.reason = text, reason

    def __repr__(self):
        return f"{self.text[:12]}…（{len(self.text)} 位）" if len(self.text) > 12 else self.text

    @classmethod
    def or_int(cls, text):
        return cls(text, "数字过长") if len(text) > cls.MAX_DIGITS else int(text)


class Reader:
    """Readers take (value, path) and return the clean value, or None after recording a fault."""

    def __init__(self):
        self.faults = []
        self.unit = "yuan"
        self.consume = False  # see read_document

    def fault(self, path, message):
        self.faults.append(f"{path or '$'}: {message}")

    def record(self, value, path, schema, optional=()):
        """An object with exactly the keys of `schema` (those in `optional` may be absent)."""
        value = as_object(value)
        if not isinstance(value, dict):
            return self.fault(path, "应为对象 {…}")
        for key in schema:
            if key not in value and key not in optional:
                self.fault(join(path, key), "缺少此项")
        for key in value:
            if key not in schema:
                self.fault(join(path, key), "未知字段")
        return {key: read(value[key], join(path, key)) for key, read in schema.items() if key in value}

    def array(self, read):
        def read_array(value, path):
            if not isinstance(value, list):
                return self.fault(path, "应为数组 […]")
            return [read(item, join(path, i)) for i, item in enumerate(value)]

        return read_array

    def text(self, value, path):
        if not isinstance(value, str):
            return self.fault(path, "应为字符串")
        bad = unstorable(value)
        if bad:
            return self.fault(path, bad)
        return value

    def required_text(self, value, path):
        value = self.text(value, path)
        if value is not None and not value.strip():
            return self.fault(path, "不能为空")
        return value

    def text_for(self, model, name, required=False):
        """Text stored in `model.name`, so no longer than the column."""
        limit = model._meta.get_field(name).max_length

        def read_text(value, path):
            value = self.required_text(value, path) if required else self.text(value, path)
            if value is not None and limit and len(value) > limit:
                return self.fault(path, f"最多 {limit} 个字符，实际 {len(value)} 个")
            return value

        return read_text

    def integer(self, value, path, high=MAX_INT):
        if isinstance(value, BadNumber):
            return self.fault(path, f"{value.reason}：{value!r}")
        if isinstance(value, bool) or not isinstance(value, int):
            return self.fault(path, "应为整数")
        if abs(value) > high:
            return self.fault(path, f"超出范围（绝对值最大 {high}）：{value}")
        return value

    def count(self, value, path, high=MAX_INT):
        value = self.integer(value, path, high)
        if value is not None and value < 0:
            return self.fault(path, f"不能为负数：{value}")
        return value

    def weight(self, value, path):
        return self.count(value, path, MAX_WEIGHT)

    def year(self, value, path):
        value = self.integer(value, path)
        if value is not None and value not in YEARS:
            return self.fault(path, f"应为四位数的年份：{value}")
        return value

    def decimal(self, value, path, limit=MAX_AREA, unit="yuan"):
        """A non-negative decimal string with at most two decimals, below `limit`; in 元 for amounts."""
        if not isinstance(value, str):
            return self.fault(path, f"不是数字：{value!r}（金额写作字符串，如 \"12.50\"）")
        try:
            return parse_amount(value, unit=unit, strict=True, limit=limit)
        except AmountError as error:
            return self.fault(path, error.message)

    def amount(self, value, path):
        return self.decimal(value, path, MAX_AMOUNT, self.unit)

    def date(self, value, path):
        if not isinstance(value, str) or not DATE.fullmatch(value):
            return self.fault(path, f"日期应写作 YYYY-MM-DD：{value!r}")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return self.fault(path, f"日期应写作 YYYY-MM-DD：{value!r}（没有这一天）")

    def optional_date(self, value, path):
        return None if value is None else self.date(value, path)

    def code_for(self, model, name):
        """An identifier that URLs and file names carry as it is."""
        read_text = self.text_for(model, name, required=True)

        def read_code(value, path):
            value = read_text(value, path)
            if value is not None and not is_code(value):
                return self.fault(path, f"{CODE_RULE}：{value!r}")
            return value

        return read_code

    def name_for(self, model, name):
        """A name or reference matched exactly: a trailing space would make it another one."""
        read_text = self.text_for(model, name, required=True)

        def read_name(value, path):
            value = read_text(value, path)
            if value is not None and value != value.strip():
                return self.fault(path, f"前后不能有空白：{value!r}")
            return value

        return read_name

    def records(self, schema, optional=()):
        """An array of objects of one schema (built once, read for every item)."""
        return self.array(lambda value, path: self.record(value, path, schema, optional))

    def boolean(self, value, path):
        if not isinstance(value, bool):
            return self.fault(path, "应为 true 或 false")
        return value

    def optional(self, read):
        return lambda value, path: None if value is None else read(value, path)

    def choice(self, options):
        def read_choice(value, path):
            if value not in options:
                return self.fault(path, f"应为 {' / '.join(map(str, options))} 之一：{value!r}")
            return value

        return read_choice

    def mapping(self, is_key, read_value):
        def read_mapping(value, path):
            value = as_object(value)
            if not isinstance(value, dict):
                return self.fault(path, "应为对象 {…}")
            for key in value:
                if not is_key(key):
                    self.fault(join(path, key), "未知的指标")
            return {key: read_value(item, join(path, key)) for key, item in value.items() if is_key(key)}

        return read_mapping


def read_document(data, *, consume=False):
    """Return the clean document, or raise ExchangeError naming every fault.

    With `consume`, the caller gives `data` up: each line is dropped from it once read, so that
    a large file's lines are not held twice (as parsed and as read) while it is checked.
    """
    r = Reader()
    r.consume = consume
    data = as_object(data)
    if not isinstance(data, dict):
        raise ExchangeError(["$: 应为 JSON 对象"])
    if data.get("format") != FORMAT:
        raise ExchangeError([f"format: 应为 {FORMAT!r}，实际为 {data.get('format')!r}"])
    unit = data.get("amount_unit")
    r.unit = unit if unit in list(UNIT_FACTOR) else "yuan"
    schema = {
        "format": r.text,
        "amount_unit": r.choice(list(UNIT_FACTOR)),
        "year": r.year,
        "classification_edition": r.year,
        **{name: section(r) for name, section in SECTIONS.items()},
        "published_on": r.optional_date,
        "template": r.choice(revision2.TEMPLATE_IDS),
    }
    doc = r.record(data, "", schema, optional=("comparison", "template"))
    doc.setdefault("comparison", {})
    check_references(r, doc)
    if r.faults:
        raise ExchangeError(r.faults)
    return doc


# The sections of a document, each read by the schema of its part; writer.py writes them alike.

def department(r):
    code, name = r.code_for, r.name_for
    return lambda v, p: r.record(v, p, {
        "code": code(Department, "code"), "name": name(Department, "name"),
        "short_name": r.text_for(Department, "short_name"),
        "finance_bureau": name(FinanceBureau, "name"),
        "units": r.records({
            "code": code(m.BudgetUnit, "code"), "name": name(m.BudgetUnit, "name"),
            "kind": r.choice(m.BudgetUnit.Kind.values),
        }),
    }, optional=("short_name",))  # revision 2


def overview(r):
    text = r.text_for
    return lambda v, p: r.record(v, p, {
        "functions": r.records({
            "institution": text(m.InstitutionFunction, "institution"),
            "duties": text(m.InstitutionFunction, "duties")}),
        "structure": text(m.Overview, "structure"),
        "staffing": lambda v, p: r.record(v, p, revision2.staffing_schema(r)),
    })


def indicators(r):
    text = r.text_for
    return r.records({
        "level1": text(m.Indicator, "level1", True), "level2": text(m.Indicator, "level2", True),
        "name": text(m.Indicator, "name", True),
        "comparator": r.optional(r.choice(m.Indicator.COMPARATORS)),
        **{key: text(m.Indicator, key) for key in ("value", "unit", "basis", "prior_actual", "scoring", "evidence")},
        "weight": r.weight,
    })


def projects(r):
    text = r.text_for
    return r.records({
        "code": r.name_for(m.Project, "code"), "name": text(m.Project, "name", True),
        "unit": text(m.Project, "unit_name"), "manager": text(m.Project, "manager"),
        "policy_basis": text(m.Project, "policy_basis"),
        "allocation": r.records({
            "item": text(m.AllocationItem, "item", True), "amount": r.amount}),
        "period": lambda v, p: r.record(v, p, {"start": r.date, "end": r.date}),
        "goal": text(m.Project, "goal"),
        "indicators": indicators(r),
        **revision2.optional_project_schema(r),
    }, optional=list(revision2.PROJECT_DEFAULTS))


LINE_KINDS = ["basic", "project"]
# The fields of a line, in the order of CleanLine's arguments.
LINE_ORDER = ("unit", "function", "economic", "source", "kind", "project", "amount")
LINE_KEYS = set(LINE_ORDER)
# The canonical strings: 100,000 lines then share a few objects instead of holding 200,000 copies.
SOURCES, KINDS = ({value: value for value in values} for values in (Source.values, LINE_KINDS))


class CleanLine:
    """A line as read (None for a faulty field), then the ids of its subjects (check_lines).

    parse_json makes one of each line object of the file whose fields are of the right kind
    (`line_hook`), its amount still as written (`written`, read in the file's unit by `lines`):
    the parsed file of 100,000 lines then holds small objects sharing their codes, not 100,000
    dicts of their own strings (70 MB, the import's peak memory).
    """

    __slots__ = LINE_ORDER + ("gives_project", "written", "function_id", "economic_id")

    def __init__(self, unit, function, economic, source, kind, project, amount, gives_project=True, written=None):
        self.unit, self.function, self.economic, self.source = unit, function, economic, source
        self.kind, self.project, self.amount, self.gives_project = kind, project, amount, gives_project
        self.written = written
        self.function_id = self.economic_id = None

    @classmethod
    def of_record(cls, record):
        """From the schema's reading (None when the line is not an object)."""
        if record is None:
            return None
        return cls(*map(record.get, LINE_ORDER), gives_project="project" in record)

    def as_object(self):
        """The object of the file it was made of."""
        return dict(zip(LINE_ORDER, (self.unit, self.function, self.economic, self.source, self.kind, self.project,
                                     self.written)))


def parsed_line(value):
    """Whether `value` is a line that parse_json made (its amount not read yet)."""
    return type(value) is CleanLine and value.written is not None


def as_object(value):
    """A line made by parse_json found where another object belongs is read as the object it was."""
    return value.as_object() if parsed_line(value) else value


def line_hook():
    """An object_hook for json.loads turning each plain line object into a CleanLine (see there)."""
    shared = {}.setdefault
    return lambda item: plain_fields(item, shared) or item


def lines(r):
    """The lines: a line that is plainly right is read by `plain_line`, any other by the schema,
    which names each fault with its path. Lines are nearly all of a large file: building the
    path of every field of every line took longer than checking them."""
    read_line = lambda value, path: CleanLine.of_record(r.record(value, path, {  # noqa: E731
        "unit": r.required_text, "function": r.required_text, "economic": r.required_text,
        "source": r.choice(Source.values), "kind": r.choice(LINE_KINDS),
        "project": r.optional(r.required_text),
        "amount": r.amount,
    }))

    def read_lines(value, path):
        if not isinstance(value, list):
            return r.fault(path, "应为数组 […]")
        shared = {}.setdefault
        clean = [None] * len(value)
        for i, item in enumerate(value):
            line = item if parsed_line(item) else plain_fields(item, shared)
            clean[i] = (line is not None and plain_line(r, line)) or read_line(item, join(path, i))
            if r.consume:
                value[i] = None
        return clean

    return read_lines


def plain_fields(item, shared):
    """The line object as a CleanLine, its amount as written, when every field is of the right
    kind; else None. `shared` (dict.setdefault) gives one object for equal codes."""
    if not isinstance(item, dict) or item.keys() != LINE_KEYS:
        return None
    unit, function, economic, project = item["unit"], item["function"], item["economic"], item["project"]
    source, kind, amount = item["source"], item["kind"], item["amount"]
    # What Reader.required_text accepts (strings, not blank, nothing unstorable), written out:
    # this runs for every line of a file.
    if not (type(unit) is str and type(function) is str and type(economic) is str
            and (project is None or type(project) is str) and type(source) is str and source in SOURCES
            and type(kind) is str and kind in KINDS and type(amount) is str):
        return None
    if not (unit.strip() and function.strip() and economic.strip() and (project is None or project.strip())):
        return None
    if UNSTORABLE.search(f"{unit}{function}{economic}{project or ''}"):
        return None
    return CleanLine(shared(unit, unit), shared(function, function), shared(economic, economic), SOURCES[source],
                     KINDS[kind], shared(project, project), None, written=amount)


# The usual amount in 元, "1234.50": one that parse_amount takes as it is written (at most 14
# digits before the point, MAX_AMOUNT; two after). Any other goes through parse_amount.
YUAN_TEXT = re.compile(r"[0-9]{1,14}\.[0-9]{2}", re.ASCII)


def plain_line(r, line):
    """The line of plain_fields with its amount read, when it is right as the schema of `lines`
    reads it; else None."""
    written = line.written
    if r.unit == "yuan" and YUAN_TEXT.fullmatch(written):
        line.amount = Decimal(written)
        return line
    try:
        line.amount = parse_amount(written, unit=r.unit, strict=True, limit=MAX_AMOUNT)
    except AmountError:
        return None
    return line


def procurement(r):
    return lambda v, p: r.record(v, p, dict.fromkeys(
        ["goods", "works", "services", "sme_reserved", "small_micro_reserved"], r.amount))


def assets(r):
    return lambda v, p: r.record(v, p, revision2.assets_schema(r))


def performance(r):
    text = r.text_for
    return lambda v, p: r.record(v, p, {
        "contact": text(m.DepartmentTarget, "contact"), "phone": text(m.DepartmentTarget, "phone"),
        "goal": text(m.DepartmentTarget, "goal"), "indicators": indicators(r)})


def comparison(r):
    return r.mapping(is_metric, r.amount)


def narrative(r):
    text = r.text_for
    return lambda v, p: r.record(v, p, {
        "reasons": r.mapping(is_metric, text(m.Explanation, "text")),
        "usage": r.mapping(is_usage_key, text(m.Explanation, "text")),
        "other_matters": text(m.Budget, "other_matters"),
    })


SECTIONS = {
    "department": department, "overview": overview, "projects": projects, "lines": lines,
    "procurement": procurement, "assets": assets, "performance": performance, "comparison": comparison,
    "narrative": narrative,
}


def check_references(r, doc):
    """Checks across fields: codes of the edition, units, projects, duplicates, allocations.

    A reference into a part that is itself faulty is not checked, so that one fault is not
    reported again at every place that points to it.
    """
    edition = None
    if doc.get("classification_edition") is not None:
        edition = Edition.objects.filter(year=doc["classification_edition"]).first()
        if edition is None:
            r.fault("classification_edition", f"未载入 {doc['classification_edition']} 年版分类科目")
    doc["edition"] = edition
    unit_list = (doc.get("department") or {}).get("units")
    units = unique_codes(r, "department.units", unit_list)
    if unit_list == []:
        r.fault("department.units", "至少要有一个预算单位（没有下属单位时为部门本级）")
        units = None
    projects = unique_codes(r, "projects", doc.get("projects"))
    lines = doc.get("lines")
    # Project totals are known only when every line could be read.
    totals = None if projects is None or lines is None or None in lines else dict.fromkeys(projects, Decimal(0))
    check_lines(r, lines or [], edition, units, totals)
    for i, project in enumerate(doc.get("projects") or []):
        if project:
            check_project(r, f"projects[{i}]", project, totals)
    check_vehicles(r, (doc.get("assets") or {}).get("vehicles") or [])
    revision2.check_revision_2(r, doc, units)


def check_project(r, path, project, totals):
    period = project.get("period") or {}
    if period.get("start") and period.get("end") and period["end"] < period["start"]:
        r.fault(f"{path}.period.end", "结束日期早于开始日期")
    allocation = project.get("allocation") or []
    total = (totals or {}).get(project.get("code"))
    if not allocation or total is None or not all(item and item.get("amount") is not None for item in allocation):
        return
    allocated = sum(item["amount"] for item in allocation)
    if allocated != total:
        r.fault(f"{path}.allocation", f"资金分配合计 {to_unit(r, allocated)} 与项目明细合计 {to_unit(r, total)} 不符")


def check_vehicles(r, vehicles):
    distinct(r, "assets.vehicles", vehicles, "kind", "车辆类型")


def distinct(r, path, items, key, label):
    """The set of the items' `key` values, faulting repeats (a missing value is no repeat)."""
    seen = set()
    for i, item in enumerate(items):
        value = (item or {}).get(key)
        if value in seen:
            r.fault(f"{path}[{i}].{key}", f"{label} {value} 重复")
        elif value is not None:
            seen.add(value)
    return seen


def to_unit(r, amount):
    return f"{amount / UNIT_FACTOR[r.unit]:.2f}"


def unique_codes(r, path, items):
    """The set of codes of a clean array, faulting repeats; None when the array or a code is faulty."""
    if items is None:
        return None
    codes = distinct(r, path, items, "code", "编码")
    # A faulty code leaves the set unknown: references to it are not faulted again.
    return None if any((item or {}).get("code") is None for item in items) else codes


def edition_subjects(model, edition):
    return None if edition is None else subjects_by_code(model, edition.pk)


def check_code(r, path, field, code, subjects, model, level, edition):
    """Return the subject id of `code` (the line's `field`) when it is a subject of `level` in the edition."""
    if subjects is None or code is None:
        return None
    try:
        return subject_id(code, subjects, model=model, level=level, edition_year=edition.year)
    except CodeError as error:
        return r.fault(f"{path}.{field}", error.message)


def ids_at(subjects, level):
    """{code: id} of the edition's subjects at `level`: a line's code found there is right
    without a word; one not found goes to check_code, which says what is wrong with it."""
    return {} if subjects is None else {code: found[0] for code, found in subjects.items() if found[1] == level}


def check_lines(r, lines, edition, units, totals):
    """Codes, unit and project of every line, and repeats; adds project lines into `totals`.

    The path of a line is made only for its faults: this runs for every line of a file."""
    functions = edition_subjects(FunctionalSubject, edition)
    economics = edition_subjects(EconomicSubject, edition)
    function_ids, economic_ids = ids_at(functions, 3), ids_at(economics, 2)
    seen = set()
    for i, line in enumerate(lines):
        if line is None:
            continue
        unit, function, economic = line.unit, line.function, line.economic
        line.function_id = function_ids.get(function) or check_code(
            r, f"lines[{i}]", "function", function, functions, FunctionalSubject, 3, edition)
        line.economic_id = economic_ids.get(economic) or check_code(
            r, f"lines[{i}]", "economic", economic, economics, EconomicSubject, 2, edition)
        if units is not None and unit is not None and unit not in units:
            r.fault(f"lines[{i}].unit", f"单位 {unit} 不在 department.units 中")
        if line.project is not None or line.kind != "basic":
            check_line_project(r, i, line, totals)
        key = (unit, function, economic, line.source, line.kind, line.project)
        if key in seen:
            r.fault(f"lines[{i}]", f"与前面的明细重复（{m.Line.KEY_LABEL}）")
        elif None not in key[:5]:
            seen.add(key)


def check_line_project(r, i, line, totals):
    """The project of the i-th line, unless it is a basic line without one."""
    project, kind = line.project, line.kind
    if kind == "project" and project is None and line.gives_project:
        r.fault(f"lines[{i}].project", "项目支出必须指明项目")
    elif kind == "basic" and project is not None:
        r.fault(f"lines[{i}].project", "基本支出不能指明项目（应为 null）")
    elif project is None or totals is None:
        return
    elif project not in totals:
        r.fault(f"lines[{i}].project", f"项目 {project} 不在 projects 中")
    elif line.amount is None or totals[project] is None:
        totals[project] = None  # a faulty amount leaves the project's total unknown
    else:
        totals[project] += line.amount

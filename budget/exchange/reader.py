"""Check a parsed budget-exchange/1 document and turn it into clean values.

Every fault is collected with its JSON path, so that a file is refused whole with one
message per fault. Amounts come out as `Decimal` in 元, whatever the file's unit.
"""
import datetime
import re
from decimal import Decimal

from budget.budgets.models import Budget, BudgetUnit, Indicator, Vehicle
from budget.budgets.sources import Source
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject

from .metrics import is_metric, is_usage_key

FORMAT = "budget-exchange/1"
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
UNIT_FACTOR = {"yuan": Decimal(1), "wan_yuan": Decimal(10000)}


class ExchangeError(Exception):
    """The file is refused; `faults` lists every fault as `path: message`."""

    def __init__(self, faults):
        super().__init__("\n".join(faults))
        self.faults = faults


def join(path, key):
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


class Reader:
    """Readers take (value, path) and return the clean value, or None after recording a fault."""

    def __init__(self):
        self.faults = []
        self.factor = Decimal(1)

    def fault(self, path, message):
        self.faults.append(f"{path or '$'}: {message}")

    def record(self, value, path, schema, optional=()):
        """An object with exactly the keys of `schema` (those in `optional` may be absent)."""
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
        return value

    def required_text(self, value, path):
        value = self.text(value, path)
        if value is not None and not value.strip():
            return self.fault(path, "不能为空")
        return value

    def integer(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            return self.fault(path, "应为整数")
        return value

    def count(self, value, path):
        value = self.integer(value, path)
        if value is not None and value < 0:
            return self.fault(path, f"不能为负数：{value}")
        return value

    def decimal(self, value, path):
        """A non-negative decimal string with at most two decimals."""
        if not isinstance(value, str) or not AMOUNT.match(value.strip()):
            return self.fault(path, f"不是数字：{value!r}（金额写作字符串，如 \"12.50\"）")
        number = Decimal(value.strip())
        if number < 0:
            return self.fault(path, f"金额不能为负数：{value}")
        if number.as_tuple().exponent < -2:
            return self.fault(path, f"最多两位小数：{value}")
        return number

    def amount(self, value, path):
        number = self.decimal(value, path)
        return None if number is None else number * self.factor

    def date(self, value, path):
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return self.fault(path, f"日期应写作 YYYY-MM-DD：{value!r}")

    def optional_date(self, value, path):
        return None if value is None else self.date(value, path)

    def choice(self, options):
        def read_choice(value, path):
            if value not in options:
                return self.fault(path, f"应为 {' / '.join(map(str, options))} 之一：{value!r}")
            return value

        return read_choice

    def mapping(self, is_key, read_value):
        def read_mapping(value, path):
            if not isinstance(value, dict):
                return self.fault(path, "应为对象 {…}")
            for key in value:
                if not is_key(key):
                    self.fault(join(path, key), "未知的指标")
            return {key: read_value(item, join(path, key)) for key, item in value.items() if is_key(key)}

        return read_mapping


def read_document(data):
    """Return the clean document, or raise ExchangeError naming every fault."""
    r = Reader()
    if not isinstance(data, dict):
        raise ExchangeError(["$: 应为 JSON 对象"])
    if data.get("format") != FORMAT:
        raise ExchangeError([f"format: 应为 {FORMAT!r}，实际为 {data.get('format')!r}"])
    r.factor = UNIT_FACTOR.get(data.get("amount_unit"), Decimal(1))
    indicator = {
        "level1": r.required_text, "level2": r.required_text, "name": r.required_text,
        "comparator": lambda v, p: None if v is None else r.choice(Indicator.COMPARATORS)(v, p),
        "value": r.text, "unit": r.text, "basis": r.text, "prior_actual": r.text,
        "weight": r.count, "scoring": r.text, "evidence": r.text,
    }
    indicators = r.array(lambda v, p: r.record(v, p, indicator))
    schema = {
        "format": r.text,
        "amount_unit": r.choice(list(UNIT_FACTOR)),
        "year": r.integer,
        "classification_edition": r.integer,
        "department": lambda v, p: r.record(v, p, {
            "code": r.required_text, "name": r.required_text, "finance_bureau": r.required_text,
            "units": r.array(lambda v, p: r.record(v, p, {
                "code": r.required_text, "name": r.required_text,
                "kind": r.choice(BudgetUnit.Kind.values),
            })),
        }),
        "overview": lambda v, p: r.record(v, p, {
            "functions": r.array(lambda v, p: r.record(v, p, {
                "institution": r.text, "duties": r.text})),
            "structure": r.text,
            "staffing": lambda v, p: r.record(v, p, {
                "authorized": r.count, "actual": r.count,
                "serving": r.count, "serving_change": r.integer,
                "retired": r.count, "retired_change": r.integer,
                "retired_cadres": r.count, "retired_cadres_change": r.integer,
            }),
        }),
        "projects": r.array(lambda v, p: r.record(v, p, {
            "code": r.required_text, "name": r.required_text, "unit": r.text, "manager": r.text,
            "policy_basis": r.text,
            "allocation": r.array(lambda v, p: r.record(v, p, {"item": r.required_text, "amount": r.amount})),
            "period": lambda v, p: r.record(v, p, {"start": r.date, "end": r.date}),
            "goal": r.text,
            "indicators": indicators,
        })),
        "lines": r.array(lambda v, p: r.record(v, p, {
            "unit": r.required_text, "function": r.required_text, "economic": r.required_text,
            "source": r.choice(Source.values), "kind": r.choice(["basic", "project"]),
            "project": lambda v, p: None if v is None else r.required_text(v, p),
            "amount": r.amount,
        })),
        "procurement": lambda v, p: r.record(v, p, dict.fromkeys(
            ["goods", "works", "services", "sme_reserved", "small_micro_reserved"], r.amount)),
        "assets": lambda v, p: r.record(v, p, {
            "as_of": r.date, "buildings_area_m2": r.decimal, "buildings_value": r.amount,
            "vehicles": r.array(lambda v, p: r.record(v, p, {
                "kind": r.choice(Vehicle.Kind.values), "count": r.count, "value": r.amount})),
            "furniture_value": r.amount, "other_value": r.amount,
            **dict.fromkeys(["equipment_over_500k", "equipment_over_1m", "planned_vehicles",
                             "planned_equipment_over_500k", "planned_equipment_over_1m"], r.count),
        }),
        "performance": lambda v, p: r.record(v, p, {
            "contact": r.text, "phone": r.text, "goal": r.text, "indicators": indicators}),
        "comparison": r.mapping(is_metric, r.amount),
        "narrative": lambda v, p: r.record(v, p, {
            "reasons": r.mapping(is_metric, r.text),
            "usage": r.mapping(is_usage_key, r.text),
            "other_matters": r.text,
        }),
        "published_on": r.optional_date,
    }
    doc = r.record(data, "", schema, optional=("comparison",))
    doc.setdefault("comparison", {})
    check_references(r, doc)
    if r.faults:
        raise ExchangeError(r.faults)
    return doc


def check_references(r, doc):
    """Checks across fields: codes of the edition, units, projects, duplicates, allocations."""
    edition = None
    if isinstance(doc.get("classification_edition"), int):
        edition = Edition.objects.filter(year=doc["classification_edition"]).first()
        if edition is None:
            r.fault("classification_edition", f"未载入 {doc['classification_edition']} 年版分类科目")
    doc["edition"] = edition
    units = unique_codes(r, "department.units", (doc.get("department") or {}).get("units"))
    projects = unique_codes(r, "projects", doc.get("projects"))
    project_totals = dict.fromkeys(projects, 0)
    check_lines(r, doc.get("lines") or [], edition, units, project_totals)
    for i, project in enumerate(doc.get("projects") or []):
        if not project:
            continue
        period = project.get("period") or {}
        if period.get("start") and period.get("end") and period["end"] < period["start"]:
            r.fault(f"projects[{i}].period.end", "结束日期早于开始日期")
        allocation = [item for item in project.get("allocation") or [] if item and item.get("amount") is not None]
        if allocation and project.get("code") in project_totals:
            allocated = sum(item["amount"] for item in allocation)
            if allocated != project_totals[project["code"]]:
                r.fault(
                    f"projects[{i}].allocation",
                    f"资金分配合计 {to_unit(r, allocated)} 与项目明细合计 {to_unit(r, project_totals[project['code']])} 不符",
                )
    vehicles = (doc.get("assets") or {}).get("vehicles") or []
    seen = set()
    for i, vehicle in enumerate(vehicles):
        if vehicle and vehicle.get("kind") in seen:
            r.fault(f"assets.vehicles[{i}].kind", f"车辆类型 {vehicle['kind']} 重复")
        seen.add((vehicle or {}).get("kind"))


def to_unit(r, amount):
    return f"{amount / r.factor:.2f}"


def unique_codes(r, path, items):
    codes = set()
    for i, item in enumerate(items or []):
        code = (item or {}).get("code")
        if code in codes:
            r.fault(f"{path}[{i}].code", f"编码 {code} 重复")
        elif code is not None:
            codes.add(code)
    return codes


def subjects_by_code(model, edition):
    if edition is None:
        return None
    return {code: (pk, level) for pk, code, level in model.objects.filter(edition=edition).values_list("id", "code", "level")}


def check_code(r, path, code, subjects, model, level, edition):
    """Return the subject id of `code` when it is a subject of `level` in the edition."""
    if subjects is None or code is None:
        return None
    if code not in subjects:
        return r.fault(path, f"未知编码 {code}：{edition.year} 年版{model._meta.verbose_name}中没有此编码")
    pk, found = subjects[code]
    if found != level:
        return r.fault(path, f"{code} 是{model.LEVELS[found]}级科目，此处应填{model.LEVELS[level]}级科目")
    return pk


def check_lines(r, lines, edition, units, project_totals):
    functions = subjects_by_code(FunctionalSubject, edition)
    economics = subjects_by_code(EconomicSubject, edition)
    seen = set()
    for i, line in enumerate(lines):
        if not line:
            continue
        path = f"lines[{i}]"
        line["function_id"] = check_code(r, f"{path}.function", line.get("function"), functions, FunctionalSubject, 3, edition)
        line["economic_id"] = check_code(r, f"{path}.economic", line.get("economic"), economics, EconomicSubject, 2, edition)
        if "unit" in line and line["unit"] is not None and line["unit"] not in units:
            r.fault(f"{path}.unit", f"单位 {line['unit']} 不在 department.units 中")
        project = line.get("project")
        if line.get("kind") == "project" and project is None and "project" in line:
            r.fault(f"{path}.project", "项目支出必须指明项目")
        elif line.get("kind") == "basic" and project is not None:
            r.fault(f"{path}.project", "基本支出不能指明项目（应为 null）")
        elif project is not None and project not in project_totals:
            r.fault(f"{path}.project", f"项目 {project} 不在 projects 中")
        elif project is not None and line.get("amount") is not None:
            project_totals[project] += line["amount"]
        key = tuple(line.get(k) for k in ("unit", "function", "economic", "source", "kind", "project"))
        if key in seen:
            r.fault(path, "与前面的明细重复（同一单位、功能科目、经济科目、资金来源、支出类型和项目）")
        seen.add(key)

"""Generate valid budget-exchange/1 documents of any size, for the benchmarks and the tests.

Line keys are distinct combinations of 款 codes × 项 codes × kinds × sources × units from the
2024 code lists, spread over all of them; amounts are in 元 and each project's allocation
sums to its lines. The same arguments always give the same document.
"""
import csv
import math
from pathlib import Path

from budget.budgets.sources import Source

CODE_LISTS = Path(__file__).resolve().parent.parent / "budget" / "codes" / "data"
KINDS = ("basic", "project")


def codes(filename, level):
    with open(CODE_LISTS / filename, encoding="utf-8") as rows:
        return [row["code"] for row in csv.DictReader(rows) if row["level"] == str(level)]


def generate_budget(*, lines=5000, department_code="990001", units=4, lines_per_project=40, year=2024):
    """A document with `lines` expenditure lines spread over `units` budget units."""
    unit_codes = [department_code] + [f"{department_code}-{i:02d}" for i in range(1, units)]
    dimensions = [codes("economic-2024.csv", 2), codes("functional-2024.csv", 3), KINDS, Source.values, unit_codes]
    project_cents = {}
    project_lines = 0
    doc_lines = []
    for i, (economic, function, kind, source, unit) in enumerate(spread_combinations(dimensions, lines)):
        cents = (i * 7919) % 5_000_000 + 100
        project = None
        if kind == "project":
            project = f"P{project_lines // lines_per_project:04d}"
            project_cents[project] = project_cents.get(project, 0) + cents
            project_lines += 1
        doc_lines.append({
            "unit": unit, "function": function, "economic": economic, "source": source,
            "kind": kind, "project": project, "amount": yuan(cents),
        })
    return {
        "format": "budget-exchange/1",
        "amount_unit": "yuan",
        "year": year,
        "classification_edition": 2024,
        "department": {
            "code": department_code,
            "name": f"基准测试部门 {department_code}",
            "finance_bureau": "基准测试财政局",
            "units": [
                {"code": code, "name": f"基准测试单位 {code}", "kind": "administrative" if i == 0 else "public_institution"}
                for i, code in enumerate(unit_codes)
            ],
        },
        "overview": {
            "functions": [{"institution": f"基准测试部门 {department_code}", "duties": "生成的测试数据。"}],
            "structure": f"下设 {units} 个预算单位。",
            "staffing": {
                "authorized": 100, "actual": 95, "serving": 80, "serving_change": 2, "retired": 15,
                "retired_change": -1, "retired_cadres": 0, "retired_cadres_change": 0,
            },
        },
        "projects": [project_document(code, cents, year) for code, cents in project_cents.items()],
        "lines": doc_lines,
        "procurement": dict.fromkeys(["goods", "works", "services", "sme_reserved", "small_micro_reserved"], "0.00"),
        "assets": {
            "as_of": f"{year - 1}-12-31", "buildings_area_m2": "1000.00", "buildings_value": "1000000.00",
            "vehicles": [{"kind": "general", "count": 2, "value": "300000.00"}],
            "furniture_value": "50000.00", "other_value": "80000.00", "equipment_over_500k": 0,
            "equipment_over_1m": 0, "planned_vehicles": 0, "planned_equipment_over_500k": 0,
            "planned_equipment_over_1m": 0,
        },
        "performance": {
            "contact": "测试", "phone": "0000-0000000", "goal": "生成的测试数据。",
            "indicators": [indicator("履职效能", "预算执行率（%）", 90, department=True)],
        },
        "narrative": {"reasons": {}, "usage": {}, "other_matters": ""},
        "published_on": None,
    }


def spread_combinations(dimensions, count):
    """`count` distinct combinations (one value of each dimension) spread over their whole product.

    Combination number i * step (mod the product's size) is taken; a step coprime with the size
    makes the numbers distinct, and a step near size / count makes every dimension vary.
    """
    size = math.prod(len(values) for values in dimensions)
    if count > size:
        raise ValueError(f"at most {size} distinct lines with these dimensions, {count} asked")
    step = max(1, size // count)
    while math.gcd(step, size) != 1:
        step += 1
    for i in range(count):
        number = i * step % size
        combination = []
        for values in reversed(dimensions):
            number, digit = divmod(number, len(values))
            combination.append(values[digit])
        yield tuple(reversed(combination))


def yuan(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def project_document(code, cents, year):
    """A project whose two allocation items add up to `cents`."""
    half = cents // 2
    return {
        "code": code, "name": f"基准测试项目 {code}", "unit": "基准测试单位", "manager": "测试",
        "policy_basis": "生成的测试数据", "goal": "生成的测试数据。",
        "allocation": [{"item": "第一部分", "amount": yuan(half)}, {"item": "第二部分", "amount": yuan(cents - half)}],
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "indicators": [indicator("产出指标", "完成率（%）", 90)],
    }


def indicator(level1, name, weight, department=False):
    return {
        "level1": level1, "level2": "质量指标", "name": name, "comparator": ">=", "value": "95", "unit": "%",
        "basis": "计划标准", "prior_actual": "" if department else "新增", "weight": weight,
        "scoring": "" if department else "按照正常比例赋分", "evidence": "" if department else "工作资料",
    }

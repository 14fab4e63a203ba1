"""Import and export of budget-exchange/1 files."""
import json

from django.db import transaction

from budget.budgets import models as m
from budget.budgets.bulk import insert_rows
from budget.budgets.revisions import clear_parts, create_quietly, record_replacement
from budget.orgs.models import Department, FinanceBureau

from . import revision2
from .reader import BadNumber, ExchangeError, line_hook, read_document, unstorable_values
from .writer import Amounts, write_document

LINE_FIELDS = ("budget_id", "unit_id", "function_id", "economic_id", "source", "kind", "project_id", "amount")
ALLOCATION_FIELDS = ("project_id", "position", "item", "amount")
INDICATOR_KEYS = ("level1", "level2", "name", "comparator", "value", "unit", "basis", "prior_actual", "weight",
                  "scoring", "evidence")  # an indicator's, in the file and in the model
INDICATOR_FIELDS = ("budget_id", "project_id", "position", *INDICATOR_KEYS)


def parse_json(text):
    """Parse an exchange file's text; a syntax error becomes an ExchangeError with its position.

    Each plain line object becomes a compact CleanLine as it is parsed (see reader.py): only
    read_document reads the result."""
    return _loads(text, object_hook=line_hook())


def _loads(text, object_hook=None):
    try:
        # Numbers too long for the format, NaN and Infinity are kept to be refused with their path.
        return json.loads(text, parse_int=BadNumber.or_int, parse_constant=BadNumber, object_hook=object_hook)
    except json.JSONDecodeError as error:
        raise ExchangeError([f"$: 不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列：{error.msg}）"])
    except RecursionError:
        raise ExchangeError(["$: 不是有效的交换文件（嵌套层次过深）"])


def parse_strict_json(text):
    """parse_json, refusing any text that cannot be stored and any number too long, with its
    path: for JSON files that no schema reads field by field (a backup's manifest)."""
    data = _loads(text)
    faults = list(unstorable_values(data))
    if faults:
        raise ExchangeError(faults)
    return data


def budget_import(*, data, allow_reassign=False, reason=None, consume=False):
    """Store a checked exchange document, replacing the department-year's draft; returns the budget.

    Renaming the department or moving it to another finance bureau changes every year of it,
    so a file that would is refused unless `allow_reassign`. `reason` is the budget history's
    note of the change (by default: an import replaced every part). With `consume`, `data` is
    given up to be emptied while it is read (read_document), as a command that parsed a large
    file does.
    """
    doc = read_document(data, consume=consume)
    with transaction.atomic():
        budget = _prepare_budget(doc, allow_reassign, reason)
        _write_children(budget, doc)
    return budget


def _department(dept, allow_reassign):
    """The department of the file's code, created, or changed only when allowed."""
    department = Department.objects.select_for_update().select_related("bureau").filter(code=dept["code"]).first()
    changes = []
    if department and department.name != dept["name"]:
        changes.append(f"名称由“{department.name}”改为“{dept['name']}”")
    if department and department.bureau.name != dept["finance_bureau"]:
        changes.append(f"所属财政部门由“{department.bureau.name}”改为“{dept['finance_bureau']}”")
    if changes and not allow_reassign:
        raise ExchangeError([
            f"department: 导入将把部门 {dept['code']} 的{'，'.join(changes)}（影响该部门所有年度）；"
            "如确需变更，请用 --allow-reassign 导入"
        ])
    bureau, _ = FinanceBureau.objects.get_or_create(name=dept["finance_bureau"])
    department, _ = Department.objects.update_or_create(
        # An absent short name is the default, "": the file says all there is of the department.
        code=dept["code"], defaults={"name": dept["name"], "short_name": dept.get("short_name", ""), "bureau": bureau}
    )
    return department


def _prepare_budget(doc, allow_reassign, reason):
    department = _department(doc["department"], allow_reassign)
    budget = m.Budget.objects.select_for_update().filter(department=department, year=doc["year"]).first()
    if budget and not budget.is_editable:
        raise ExchangeError(
            [f"department.code: {department.code} 的 {doc['year']} 年预算状态为“{budget.get_status_display()}”，不能用导入覆盖"]
        )
    if budget:
        clear_parts(budget)
    else:
        budget = m.Budget(department=department, year=doc["year"])
    # One history row of the budget for the whole import, none per part (see revisions.py).
    record_replacement(budget, reason=reason or f"导入交换文件，替换全部数据（{len(doc['lines'])} 条明细）")
    budget.edition = doc["edition"]
    budget.amount_unit = doc["amount_unit"]
    budget.published_on = doc["published_on"]
    budget.template = doc.get("template", "")
    budget.other_matters = doc["narrative"]["other_matters"]
    budget.save()
    return budget


def _write_children(budget, doc):
    units = m.BudgetUnit.objects.bulk_create(
        m.BudgetUnit(budget=budget, position=i, **unit) for i, unit in enumerate(doc["department"]["units"])
    )
    overview = doc["overview"]
    create_quietly(m.Overview, budget=budget, structure=overview["structure"], **overview["staffing"])
    m.InstitutionFunction.objects.bulk_create(
        m.InstitutionFunction(budget=budget, position=i, **item) for i, item in enumerate(overview["functions"])
    )
    unit_ids = {unit.code: unit.id for unit in units}
    performance = dict(doc["performance"])
    projects = _write_projects(budget, doc["projects"], performance.pop("indicators"), unit_ids)
    # Rows straight from the checked document: no Line instance per line (see bulk.py).
    insert_rows(m.Line, LINE_FIELDS, (
        (budget.id, unit_ids[line.unit], line.function_id, line.economic_id, line.source, line.kind,
         projects.get(line.project), line.amount)
        for line in doc["lines"]
    ))
    create_quietly(m.Procurement, budget=budget, **doc["procurement"])
    assets = dict(doc["assets"])
    vehicles = assets.pop("vehicles")
    create_quietly(m.Assets, budget=budget, **assets)
    m.Vehicle.objects.bulk_create(
        m.Vehicle(budget=budget, position=i, kind=v["kind"], count=v["count"], value=v["value"],
                  **revision2.vehicle_fields(v))
        for i, v in enumerate(vehicles)
    )
    create_quietly(m.DepartmentTarget, budget=budget, **performance)
    m.PriorFigure.objects.bulk_create(
        m.PriorFigure(budget=budget, metric=key, amount=amount) for key, amount in doc["comparison"].items()
    )
    narrative = doc["narrative"]
    m.Explanation.objects.bulk_create(
        [m.Explanation(budget=budget, kind="reason", key=k, text=t) for k, t in narrative["reasons"].items()]
        + [m.Explanation(budget=budget, kind="usage", key=k, text=t) for k, t in narrative["usage"].items()]
    )


def _write_projects(budget, projects, department_indicators, unit_ids):
    """The projects, then all their allocation items, then every indicator (the department's
    too): three statements whatever the number of projects. Returns {code: id}."""
    created = m.Project.objects.bulk_create(
        m.Project(
            budget=budget, position=i, code=data["code"], name=data["name"], unit_name=data["unit"],
            manager=data["manager"], policy_basis=data["policy_basis"], goal=data["goal"],
            start=data["period"]["start"], end=data["period"]["end"],
            **revision2.project_fields(data, unit_ids),
        )
        for i, data in enumerate(projects)
    )
    # As rows, by id, with COPY on PostgreSQL (see bulk.py): a model instance per item took
    # longer than the database did.
    insert_rows(m.AllocationItem, ALLOCATION_FIELDS, (
        (project.id, j, item["item"], item["amount"])
        for project, data in zip(created, projects) for j, item in enumerate(data["allocation"])
    ))
    owners = [(None, department_indicators)] + [(project.id, data["indicators"]) for project, data in zip(created, projects)]
    insert_rows(m.Indicator, INDICATOR_FIELDS, (
        indicator_row(budget.id, project, i, item) for project, indicators in owners for i, item in enumerate(indicators)
    ))
    return {project.code: project.id for project in created}


def indicator_row(budget_id, project_id, position, item):
    """An indicator as a row of INDICATOR_FIELDS; a qualitative one's comparator is stored as ""."""
    values = {**item, "comparator": item["comparator"] or ""}
    return (budget_id, project_id, position, *map(values.__getitem__, INDICATOR_KEYS))


def budget_export(*, budget, amount_unit=None):
    """The budget as a budget-exchange/1 document (a dict ready for json.dumps).

    In the budget's unit (or `amount_unit`), unless an amount has fen that 万元 with two
    decimals cannot hold: then in 元.
    """
    amount = Amounts(amount_unit or budget.amount_unit)
    doc = write_document(budget, amount)
    if not amount.exact:
        amount = Amounts("yuan")
        doc = write_document(budget, amount)
    return doc

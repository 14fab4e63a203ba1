"""The additions of exchange-format revision 2, read and written in one place.

Revision 2 adds optional keys. A file that uses none of them is a revision-1 file, and an
export writes an added key only when the file gave it or its value differs from the default,
so that both kinds of file round-trip exactly. Which keys a file gave is kept per row
(`given_keys`), because a key given with its default value cannot be told from an absent one.
"""
from budget.budgets import models as m

TEMPLATE_IDS = [value for value, _ in m.TEMPLATES]
# Optional keys → their default (what an absent key means).
PROJECT_DEFAULTS = {
    "total_amount": None, "total_fiscal": None, "nature": "", "category": "", "annual_goal": "",
    "implementing_unit": None, "targets_published": True,
}
VEHICLE_DEFAULTS = {"planned": 0}


def optional_project_schema(r):
    """Readers of the optional project keys; `implementing_unit` is a unit code."""
    return {
        "total_amount": r.optional(r.amount), "total_fiscal": r.optional(r.amount),
        "nature": r.text_for(m.Project, "nature"), "category": r.text_for(m.Project, "category"),
        "annual_goal": r.text_for(m.Project, "annual_goal"), "implementing_unit": r.optional(r.required_text),
        "targets_published": r.boolean,
    }


def staffing_schema(r):
    """Each staffing number may be null (not published)."""
    counts = ["authorized", "actual", "serving", "retired", "retired_cadres"]
    changes = ["serving_change", "retired_change", "retired_cadres_change"]
    return {**{key: r.optional(r.count) for key in counts}, **{key: r.optional(r.integer) for key in changes}}


def assets_schema(r):
    """Asset values and counts may be null (not published); `as_of` and the vehicles may not."""
    return {
        "as_of": r.date, "buildings_area_m2": r.optional(r.decimal), "buildings_value": r.optional(r.amount),
        "vehicles": r.records({
            "kind": r.choice(m.Vehicle.Kind.values), "count": r.count, "value": r.optional(r.amount),
            "planned": r.count,
        }, optional=list(VEHICLE_DEFAULTS)),
        "furniture_value": r.optional(r.amount), "other_value": r.optional(r.amount),
        **dict.fromkeys(["equipment_over_500k", "equipment_over_1m", "planned_vehicles",
                         "planned_equipment_over_500k", "planned_equipment_over_1m"], r.optional(r.count)),
    }


def check_revision_2(r, doc, units):
    """Cross-field rules of the additions: 实施单位 is a unit of the file; planned vehicles add up."""
    for i, project in enumerate(doc.get("projects") or []):
        code = (project or {}).get("implementing_unit")
        if code is not None and units is not None and code not in units:
            r.fault(f"projects[{i}].implementing_unit", f"单位 {code} 不在 department.units 中")
    assets = doc.get("assets") or {}
    vehicles = [v for v in assets.get("vehicles") or [] if v]
    planned = [v.get("planned") for v in vehicles if "planned" in v]
    if planned and None not in planned and assets.get("planned_vehicles") is not None:
        if sum(planned) != assets["planned_vehicles"]:
            r.fault("assets.vehicles", f"各类车辆拟购置数合计 {sum(planned)} 辆，与 planned_vehicles "
                                       f"{assets['planned_vehicles']} 辆不符")


def given(data, defaults):
    """The optional keys present in a clean record, and the record's values with defaults filled."""
    keys = [key for key in defaults if key in data]
    return keys, {key: data.get(key, default) for key, default in defaults.items()}


def project_fields(data, unit_ids):
    """Model fields of a project's optional keys."""
    keys, values = given(data, PROJECT_DEFAULTS)
    values["implementing_unit_id"] = unit_ids.get(values.pop("implementing_unit"))
    return {**values, "given_keys": keys}


def vehicle_fields(data):
    keys, values = given(data, VEHICLE_DEFAULTS)
    return {**values, "given_keys": keys}


def written(values, defaults, given_keys):
    """The optional keys an export writes: those given, and those that differ from the default."""
    return {key: value for key, value in values.items() if key in given_keys or value != defaults[key]}


def export_project(project, amount):
    values = {
        "total_amount": amount.optional(project.total_amount), "total_fiscal": amount.optional(project.total_fiscal),
        "nature": project.nature, "category": project.category, "annual_goal": project.annual_goal,
        "implementing_unit": project.implementing_unit.code if project.implementing_unit else None,
        "targets_published": project.targets_published,
    }
    return written(values, PROJECT_DEFAULTS, project.given_keys)


def export_vehicle(vehicle):
    return written({"planned": vehicle.planned}, VEHICLE_DEFAULTS, vehicle.given_keys)


def export_template(budget):
    return {"template": budget.template} if budget.template else {}

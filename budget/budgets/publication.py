"""Which publication template a budget follows, and which published facts each one prints.

The exchange file may name a template (revision 2); without one, a budget follows its finance
bureau's (an admin setting, `xinjiang-2024` by default). A published version keeps the template
it was published with (Publication.template). Validation requires a fact only where the
template prints it: a department may leave unpublished (null) what its template never shows.
"""
from budget.orgs.models import DEFAULT_TEMPLATE

__all__ = ["DEFAULT_TEMPLATE", "printed", "template_of"]
STAFFING = ["authorized", "actual", "serving", "serving_change", "retired", "retired_change",
            "retired_cadres", "retired_cadres_change"]
ASSET_VALUES = ["buildings_area_m2", "buildings_value", "furniture_value", "other_value", "equipment_over_500k",
                "equipment_over_1m", "planned_vehicles", "planned_equipment_over_500k", "planned_equipment_over_1m"]

# Template → {part: fields it prints}; "vehicles" is the value of each kind, "weights" the
# indicators' 分值权重.
PRINTS = {
    "xinjiang-2024": {"overview": STAFFING, "assets": ASSET_VALUES, "vehicles": ["value"], "weights": True},
    # The Shanghai document prints vehicle counts per kind and the 100 万元 equipment only.
    "shanghai-2026": {"overview": [], "assets": ["equipment_over_1m", "planned_vehicles", "planned_equipment_over_1m"],
                      "vehicles": [], "weights": False},
}


def template_of(budget):
    """The template `budget` publishes with: the one its file named, else its finance bureau's."""
    return budget.template or budget.department.bureau.template


def printed(budget, part):
    """What the budget's template prints of `part` (a list of field names, or a flag)."""
    return PRINTS[template_of(budget)][part]

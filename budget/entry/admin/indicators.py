"""绩效指标 entry: 一级 and 二级指标 offered from the standard framework, any other text still taken.

The framework is the finance ministry's 项目支出绩效指标体系: 产出、效益、满意度 and, where the
finance bureau uses it, 成本 as a first level. The inputs carry `list` attributes naming the
datalists of templates/admin/budgets/_indicator_lists.html; static/workbench/indicators.js
narrows the 二级 list to the 一级 typed. Nothing typed is replaced: a level outside the
framework (the reference has 履职效能) is kept as it is.
"""
import json

from django import forms
from django.contrib import admin

from budget.budgets.models import Indicator

from .scoping import PartInline

FRAMEWORK = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
    "成本指标": ["经济成本指标", "社会成本指标", "生态环境成本指标"],
}
# Said beside the first level that only some finance bureaus use.
NOTES = {"成本指标": "财政部门将成本指标列为一级指标时选用"}
LEVEL1_LIST = "indicator-level1"


def level2_list(index):
    return f"indicator-level2-{index}"


def framework_lists():
    """The datalists' contents: [(list id, [(value, note)])], the first level's first."""
    level1 = [(name, NOTES.get(name, "")) for name in FRAMEWORK]
    every_level2 = [(name, "") for name in dict.fromkeys(n for names in FRAMEWORK.values() for n in names)]
    return [(LEVEL1_LIST, level1), (level2_list("all"), every_level2)] + [
        (level2_list(i), [(name, "") for name in names]) for i, names in enumerate(FRAMEWORK.values())
    ]


def level2_lists():
    """{一级指标: the id of its 二级 datalist}, for the script."""
    return {name: level2_list(i) for i, name in enumerate(FRAMEWORK)}


def lists_context():
    """What templates/admin/budgets/_indicator_lists.html renders."""
    return {"indicator_lists": {"lists": framework_lists(), "level2_json": json.dumps(level2_lists(), ensure_ascii=False),
                                "every": level2_list("all")}}


class IndicatorForm(forms.ModelForm):
    """The level inputs suggest the framework's names; the text stays free."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, list_id in (("level1", LEVEL1_LIST), ("level2", level2_list("all"))):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"list": list_id, "autocomplete": "off",
                                                       "class": f"indicator-{name}"})


class IndicatorInline(PartInline, admin.StackedInline):
    """Indicators as blocks of three lines, so that twelve fields fit the page's width."""

    model = Indicator
    form = IndicatorForm
    extra = 0
    fields = [("position", "level1", "level2", "name"), ("comparator", "value", "unit", "weight"),
              ("basis", "prior_actual", "scoring", "evidence")]

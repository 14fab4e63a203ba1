"""The form of 编制下一年度预算: continuing projects, lines or not, and the mapping of lacking codes."""
from django import forms
from django.db.models import Sum

from budget.figures.money import wan

from .services import CODED, SKIP

CHOOSE = ""


class NextYearForm(forms.Form):
    continuing = forms.MultipleChoiceField(label="延续的项目", required=False, widget=forms.CheckboxSelectMultiple,
                                           help_text="勾选的项目连同绩效指标和资金分配复制到下一年度")
    with_lines = forms.BooleanField(label="复制明细作为起点", required=False,
                                    help_text="基本支出的明细和勾选项目的明细，金额可在下一年度修改")

    def __init__(self, *args, budget, edition, missing=(), mapping_shown=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["continuing"].choices = [
            (p.code, f"{p.code} {p.name}（{wan(p.amount or 0)}）") for p in projects_with_amounts(budget)
        ]
        self.missing = list(missing)
        for code in self.missing:
            model, level = CODED[code.column]
            subjects = model.objects.filter(edition=edition, level=level).values_list("code", "name")
            self.fields[field_name(code)] = forms.ChoiceField(
                label=code.label, required=mapping_shown,
                choices=[(CHOOSE, "— 请选择新版本中的科目 —"), (SKIP, "不复制这些明细")]
                + [(c, f"{c} {name}") for c, name in subjects],
                error_messages={"required": "请选择对应的新科目，或选择“不复制这些明细”"},
            )

    def mapping(self):
        """{(column, old code): new code or SKIP} as chosen."""
        return {(code.column, code.code): self.cleaned_data[field_name(code)] for code in self.missing}

    def mapping_fields(self):
        return [self[field_name(code)] for code in self.missing]


def field_name(code):
    return f"map-{code.column}-{code.code}"


def projects_with_amounts(budget):
    return budget.projects.annotate(amount=Sum("line__amount")).order_by("position", "id")

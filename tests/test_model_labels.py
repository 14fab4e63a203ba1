"""Chinese labels: every field of the product's models is named in Chinese, every row names itself.

The admin's forms, lists, history and the audit trail show these names; an English field name
("position", "budget") or a row shown as "Line object (42)" is what people saw before.
"""
import re

from django.apps import apps

from budget.budgets import models as m

APPS = ["budgets", "orgs", "codes", "workflow", "opendata"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Names people use as they are.
AS_IS = {"PDF"}


def product_models():
    return [model for model in apps.get_models()
            if model._meta.app_label in APPS and not model.__name__.startswith("Historical")]


def test_it_names_every_field_in_chinese():
    unnamed = [f"{model.__name__}.{field.name}: {field.verbose_name}" for model in product_models()
               for field in model._meta.get_fields()
               if not field.auto_created and hasattr(field, "verbose_name")
               and not CHINESE.search(str(field.verbose_name)) and str(field.verbose_name) not in AS_IS]
    assert unnamed == []


def test_every_model_names_its_rows():
    assert [model.__name__ for model in product_models() if model.__str__ is django_default()] == []


def django_default():
    from django.db.models import Model

    return Model.__str__


def test_rows_of_the_reference_read_as_people_name_them(reference_budget):
    line = reference_budget.lines.get(function__code="2110101", economic__code="30102", source="general_budget")
    assert str(line) == "2110101 行政运行 · 30102 津贴补贴 · 一般公共预算拨款 · 基本支出"
    project = reference_budget.projects.get(name="执法能力建设项目")
    project_line = reference_budget.lines.filter(project=project).order_by("id").first()
    assert str(project_line).endswith(" · 项目支出 · 执法能力建设项目")
    rows = [reference_budget.overview, reference_budget.procurement, reference_budget.assets, reference_budget.target,
            *reference_budget.vehicles.all(), *reference_budget.functions.all(), *reference_budget.indicators.all(),
            *m.AllocationItem.objects.filter(project__budget=reference_budget)]
    assert [str(row) for row in rows if "object (" in str(row) or not CHINESE.search(str(row))] == []

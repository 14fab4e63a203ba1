"""Ship the 2024 code lists of shared/codes (kept in budget/codes/data)."""
from django.db import migrations

from budget.codes.loader import check_rows, read_rows
from budget.codes.models import EconomicSubject, FunctionalSubject
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = [("functional-2024.csv", FunctionalSubject, "FunctionalSubject"),
         ("economic-2024.csv", EconomicSubject, "EconomicSubject")]


def load(apps, schema_editor):
    edition, _ = apps.get_model("codes", "Edition").objects.get_or_create(year=2024)
    for filename, rules, model_name in FILES:
        model = apps.get_model("codes", model_name)
        subjects = check_rows(read_rows(DATA / filename), rules)
        model.objects.bulk_create(
            model(edition=edition, code=code, name=name, level=level)
            for code, (name, level) in subjects.items()
        )


def unload(apps, schema_editor):
    apps.get_model("codes", "Edition").objects.filter(year=2024).delete()


class Migration(migrations.Migration):
    dependencies = [("codes", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

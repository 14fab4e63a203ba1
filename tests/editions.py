"""A second classification edition for the tests of the next year: only the 2024 edition ships."""
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject


def later_edition(year, *, without=()):
    """Edition `year`: the 2024 edition's subjects without the codes `without` (dropped by it)."""
    edition = Edition.objects.create(year=year)
    for model in (FunctionalSubject, EconomicSubject):
        model.objects.bulk_create(
            model(edition=edition, code=s.code, name=s.name, level=s.level)
            for s in model.objects.filter(edition__year=2024).exclude(code__in=without)
        )
    return edition

"""The public search: what people type — a department's full name, its 简称 or its code, with or
without spaces — ranked so that the budget they meant comes first."""
from django.db.models import Case, IntegerField, Q, Value, When

from budget.orgs.names import search_form

EXACT_CODE, PREFIX, CONTAINS = 0, 1, 2


def matching(publications, q):
    """`publications` whose name, short name or code contains `q` (in search form), best first:
    the code itself, then a name, short name or code that starts with it, then the rest;
    within a rank by department code, newest year first."""
    key = search_form(q)
    rank = Case(
        When(department_code__iexact=key, then=Value(EXACT_CODE)),
        # search_text is "name short code": a part starts the text or follows a space.
        When(Q(search_text__startswith=key) | Q(search_text__contains=f" {key}"), then=Value(PREFIX)),
        default=Value(CONTAINS),
        output_field=IntegerField(),
    )
    return (publications.filter(search_text__contains=key).annotate(rank=rank)
            .order_by("rank", "department_code", "-year"))

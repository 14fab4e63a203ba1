"""Which publications the public site shows: those whose files are all rendered (`done`).

It reads snapshots only, never a budget's data. While a new version renders, the previous
one stays the latest.
"""
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404

from budget.workflow.models import Publication


def latest_publications(q=""):
    """The latest version of every published budget, by year (newest first) and department code."""
    newer = Publication.done.filter(budget_id=OuterRef("budget_id"), version__gt=OuterRef("version"))
    publications = Publication.done.filter(~Exists(newer)).order_by("-year", "department_code")
    if q:
        publications = publications.filter(department_name__icontains=q)
    return publications


def published_years():
    """The years with a public version, newest first (any version will do: they share the year)."""
    return list(Publication.done.order_by("-year").values_list("year", flat=True).distinct())


def generation():
    """Changes whenever a version becomes public (a done publication never changes nor goes)."""
    seen = Publication.done.aggregate(count=Count("id"), last=Max("id"))
    return f"{seen['count']}.{seen['last'] or 0}"


def versions_of(department, year):
    """Every version of a department-year, newest first; 404 when none was published."""
    versions = list(Publication.done.filter(department_code=department, year=year).order_by("-version"))
    if not versions:
        raise Http404("没有公开这份预算")
    return versions


def pick(versions, version):
    """The requested version (the latest when None), or 404."""
    if version is None:
        return versions[0]
    for publication in versions:
        if publication.version == version:
            return publication
    raise Http404("没有这个版本")

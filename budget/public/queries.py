"""Which publications the public site shows. It reads snapshots only, never a budget's data."""
from django.db.models import Exists, Max, OuterRef
from django.http import Http404

from budget.workflow.models import Publication


def latest_publications(q=""):
    """The latest version of every published budget, by year (newest first) and department code."""
    newer = Publication.objects.filter(budget_id=OuterRef("budget_id"), version__gt=OuterRef("version"))
    publications = Publication.objects.filter(~Exists(newer)).order_by("-year", "department_code")
    if q:
        publications = publications.filter(department_name__icontains=q)
    return publications


def generation():
    """Changes whenever something is published (publications are never changed nor deleted)."""
    return Publication.objects.aggregate(last=Max("id"))["last"] or 0


def versions_of(department, year):
    """Every version of a department-year, newest first; 404 when none was published."""
    versions = list(Publication.objects.filter(department_code=department, year=year).order_by("-version"))
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

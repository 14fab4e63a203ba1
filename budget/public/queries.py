"""Which publications the public site shows: those whose files are all rendered (`done`).

It reads snapshots only, never a budget's data. While a new version renders, the previous
one stays the latest.
"""
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Subquery
from django.db.models.functions import TruncDate
from django.http import Http404

from budget.opendata.models import Bundle
from budget.workflow.models import Publication, ShownYear

from . import held
from .search import matching


# What a line of the index shows (the rest, e.g. the chart's JSON, stays in the database).
LISTED = ("version", "department_code", "department_name", "department_short_name", "year")


def latest_publications(q=""):
    """The latest version of every published budget, by year (newest first) and department code;
    with a query, those it finds, best match first (search.py). Each as a dict of what the index
    shows (LISTED and published_day): dicts are built and read by the template faster than model
    instances (a third of the rows' query time)."""
    # The day in the site's time zone, from the database: formatting a hundred datetimes in
    # the template was a third of a page's time.
    publications = (Publication.done.latest_versions().order_by("-year", "department_code")
                    .values(*LISTED, published_day=TruncDate("published_at")))
    if q:
        publications = matching(publications, q)
    return publications


@dataclass(frozen=True)
class YearPage:
    """A page of one year's list: the publications in department code order, and whether
    pages come before and after it (linked by its first and last codes)."""

    publications: list
    has_previous: bool
    has_next: bool


def year_page(year, size, *, after="", before=""):
    """The `size` latest versions of `year` that follow the department code `after` (or precede
    `before`; the first page with neither). Keyset paging: the page is read from the code on in
    the partial index, so the last page costs what the first does (OFFSET read every row
    before it). None when the code is not one the year lists: such a page does not exist."""
    listed = latest_publications().filter(year=year)
    if before:
        rows = list(listed.filter(department_code__lte=before).order_by("-department_code")[:size + 2])
        if not rows or rows[0]["department_code"] != before:
            return None
        rows = rows[1:]
        return YearPage(rows[:size][::-1], has_previous=len(rows) > size, has_next=True)
    if after:
        rows = list(listed.filter(department_code__gte=after)[:size + 2])
        if len(rows) < 2 or rows[0]["department_code"] != after:
            return None  # not listed, or the last code: nothing follows it
        rows = rows[1:]
    else:
        rows = list(listed[:size + 1])
    return YearPage(rows[:size], has_previous=bool(after), has_next=len(rows) > size)


@dataclass(frozen=True)
class Shown:
    years: list  # the years with a public version, newest first
    generation: str  # changes whenever a version becomes public
    counts: dict  # year: how many budgets show a version


SHOWN_KEY = "public:shown:2"  # 2: with the counts
# Where the cache is not shared (in-process memory), another process may keep what it cached
# this long after a version becomes public; a shared cache (Redis) forgets it at once.
SHOWN_TIMEOUT = 60


def shown():
    """The public years and the generation of the public site: held in this process briefly
    (held.py), else from the cache (a cached page is then served without a query), else read
    from the publications."""
    current = held.shown()
    if current is not None:
        return current
    current = cache.get(SHOWN_KEY)
    if current is None:
        current = shown_now()
        cache.set(SHOWN_KEY, current, SHOWN_TIMEOUT)
    held.hold_shown(current)
    return current


def shown_now():
    """`Shown` from the years' counts (ShownYear, counted again as versions are published): a
    row per year, however many publications there are, in one query that also tells when the
    open-data ZIPs last changed (asked apart only when no year is shown).

    A version that becomes public is either a budget's first (the count grows) or replaces an
    older version of it, created before it: the sum of the latest versions' ids grows either way.
    """
    rows = list(ShownYear.objects.filter(count__gt=0).order_by("-year")
                .values("year", "count", "ids", built=Subquery(last_built()[:1])))
    count, ids = sum(row["count"] for row in rows), sum(row["ids"] for row in rows)
    built = milliseconds(rows[0]["built"]) if rows else bundles_built()
    return Shown(years=[row["year"] for row in rows], generation=f"{count}.{ids}.{built}",
                 counts={row["year"]: row["count"] for row in rows})


def last_built():
    """The times the open-data ZIPs, which the index links with their size, were built, newest
    first: they are rebuilt shortly after a publication, so the pages cached in between must go
    too. The first is a subquery of shown_now's, or asked on its own when no year is shown."""
    return Bundle.objects.order_by("-built_at").values_list("built_at", flat=True)


def bundles_built():
    """When the ZIPs last changed, in milliseconds (0 without any ZIP)."""
    return milliseconds(last_built().first())


def milliseconds(built):
    return int(built.timestamp() * 1000) if built else 0


def forget_shown(**kwargs):
    """Signal receiver: a publication was saved or deleted. Forget now, and again after the commit,
    in case a request read the old rows in between."""
    forget_now()
    transaction.on_commit(forget_now)


def forget_now():
    held.forget()
    cache.delete(SHOWN_KEY)


def years_of(department):
    """The latest shown version of each year of a department, oldest year first."""
    return list(Publication.done.latest_versions().filter(department_code=department).order_by("year")
                .only("year", "version", "chart", "department_code", "department_name", "department_short_name"))


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

"""The public site: the index of published budgets, each budget's page and its files.

Everything comes from the publications' snapshots, so later edits of a budget change nothing
here until a new version is published. Pages are cached under keys that name the site's
generation (queries.shown), which changes with every publication, so a new version is
visible at once.
"""
import hashlib
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from budget.budgets.downloads import download_name as safe_download_name
from budget.opendata.models import Bundle
from budget.orgs.models import Department
from budget.security.params import as_number

from . import held
from .charts import bar_chart
from .queries import latest_publications, pick, shown, versions_of, year_page, years_of

PAGE_TIMEOUT = 24 * 3600
INDEX_PAGE_SIZE = 100
MAX_QUERY = 50
DEPARTMENT_CODE_LENGTH = Department._meta.get_field("code").max_length
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class PublishedFile:
    field: str
    content_type: str
    title: str  # the download's name after department and year
    label: str


FILES = {
    "document.pdf": PublishedFile("pdf", "application/pdf", "部门预算.pdf", "文档 PDF"),
    "tables.xlsx": PublishedFile("tables_xlsx", XLSX, "部门预算公开表.xlsx", "公开表 XLSX"),
    "tables.json": PublishedFile("tables_json", "application/json", "部门预算公开表.json", "公开表 JSON"),
    "budget.json": PublishedFile("exchange_json", "application/json", "部门预算交换文件.json", "交换文件 JSON"),
}
# A 单位预算's files: the version's exchange file is the department's, not repeated per unit.
UNIT_FILES = {name: PublishedFile(file.field, file.content_type, file.title.replace("部门", "单位", 1), file.label)
              for name, file in FILES.items() if name != "budget.json"}
UNIT_CODE_LENGTH = 20  # UnitDocument.code
public = cache_control(public=True, max_age=300)


def download_name(publication, file, name=None):
    """'克孜勒苏…局2024年部门预算（第2版）.pdf'; `name`: a unit's, for its 单位预算."""
    version = f"（第{publication.version}版）" if publication.version > 1 else ""
    stem, suffix = file.title.rsplit(".", 1)
    return safe_download_name(f"{name or publication.department_name}{publication.year}年{stem}{version}.{suffix}")


def cached_html(key, render):
    """The page under `key` (which names the site's generation): held in this process (as
    UTF-8), else from the shared cache, else rendered and kept. `render()` gives the HTML, or
    (HTML, whether to keep it)."""
    body = held.page(key)
    if body is None:
        html = cache.get(key)
        kept = html is not None
        if html is None:
            html, kept = rendered if isinstance(rendered := render(), tuple) else (rendered, True)
            if kept:
                cache.set(key, html, PAGE_TIMEOUT)
        body = html.encode()  # held encoded: 110 KB of text to encode is most of a held page's time
        if kept:
            held.hold_page(key, body)
    return HttpResponse(body)


@require_safe
@public
def index(request):
    """One year's published budgets (the newest year by default), or a search across all years;
    a page at a time, since a province publishes thousands. A year's pages follow one another
    by department code (`after`, `before`: the code the page follows or precedes), a search's
    by number.

    The cache key names only what the parameters mean once checked (a year that is published,
    a page that exists, the query as it is searched): anything else is a 404 and caches
    nothing, so requests cannot fill the cache with variants.
    """
    q = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    site = shown()
    year = None if q else published_year(request.GET.get("year", ""), site.years)
    number = page_number(request.GET.get("page", ""))
    after, before = (keyset_code(request.GET.get(name, "")) for name in ("after", "before"))
    if (after and before) or (q and (after or before)) or (not q and number != 1):
        raise Http404("没有这一页")
    key = "public:index:{}:{}".format(
        site.generation, hashlib.sha256(f"{q}\n{year}\n{number}\n{after}\n{before}".encode()).hexdigest())
    if q:
        return cached_html(key, lambda: render_search(q, number, site.years))
    return cached_html(key, lambda: render_year(year, after, before, site))


def published_year(value, years):
    """The year the index shows: a year with a public version (the newest when none is asked)."""
    if not value:
        return years[0] if years else None
    if as_number(value) not in years:
        raise Http404("没有公开这一年度的预算")
    return as_number(value)


def page_number(value):
    if not value:
        return 1
    if as_number(value) is None:
        raise Http404("没有这一页")
    return as_number(value)  # one past the last is a 404 from the paginator


def keyset_code(value):
    """A department code that a year's page follows or precedes ("" for none); the page's query
    checks that the year lists it."""
    if len(value) > DEPARTMENT_CODE_LENGTH:
        raise Http404("没有这一页")
    return value


def render_year(year, after, before, site):
    """A year's page of the index, kept; 404 for a code the year does not list."""
    page = year_page(year, INDEX_PAGE_SIZE, after=after, before=before) if year else None
    if year and page is None:
        raise Http404("没有这一页")
    return render_index({
        "shown_year": year,
        "count": site.counts.get(year, 0),
        "bundle": year_bundle(year) if year else None,
        "page": page,
        "groups": [(year, page.publications)] if page and page.publications else [],
    }, site.years), True


def year_bundle(year):
    """The open-data ZIP of the whole year, or None. There is one at most (a unique constraint),
    so it is read unordered: Bundle's ordering joins the bureaus and sorts by their name."""
    return Bundle.objects.filter(year=year, bureau=None).order_by().first()


def render_search(q, number, years):
    """A search's page of ranked matches, grouped by department with its years; 404 for a page
    past the last. A search for nothing costs little and would add a key per string: not kept."""
    paginator = Paginator(latest_publications(q), INDEX_PAGE_SIZE)  # the matches are few and indexed
    try:
        page = paginator.page(number)
    except InvalidPage:
        raise Http404("没有这一页")
    groups = [(code, list(group)) for code, group in groupby(page, key=lambda p: p["department_code"])]
    return render_index({"q": q, "page": page, "groups": groups}, years), paginator.count > 0


def render_index(context, years):
    prepare_listed(context.get("groups", []))
    return render_to_string("public/index.html", {"years": years, **context})


# What reverse() leaves unquoted in a URL's arguments (the `pchar` of RFC 3986).
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def prepare_listed(groups):
    """Make what listed.html prints of each publication (a dict, queries.latest_publications) as
    text, once per page: "link", the URL of its budget's page spelt as
    {% url 'public:budget' code year %} spells it (reverse() once for the path before the code,
    the code quoted as reverse() quotes it), and "year_text" and "day", its year and the day it
    was published. reverse() per row was two thirds of the list's rendering; a number or a method
    call in a template costs a few times a string (localize(), the callable checks)."""
    before_code = reverse("public:budget", args=["0", 0]).removesuffix("0/0/")
    for _, publications in groups:
        for publication in publications:
            code = quote(publication["department_code"], safe=URL_SAFE)
            publication["link"] = f"{before_code}{code}/{publication['year']}/"
            publication["year_text"] = str(publication["year"])  # as localize() prints it: no grouping
            publication["day"] = publication["published_day"].isoformat()


@require_safe
@public
def page(request, department, year, version=None):
    # Keyed by what the URL names: a cached page costs no query (a missing budget costs one).
    if len(department) > DEPARTMENT_CODE_LENGTH:
        raise Http404("没有公开这份预算")
    key = f"public:page:{shown().generation}:{department}:{year}:{version or 'latest'}"
    return cached_html(key, lambda: render_page(department, year, version))


def history_chart(years):
    """Totals by year of a department's shown versions (years published before totals were
    charted are left out of the chart, not of the list)."""
    return bar_chart([{"label": f"{p.year} 年", "amount": p.chart["total"]} for p in years if "total" in p.chart])


@require_safe
@public
def department(request, department):
    """A department's published years, with a chart of their totals and a link to each."""
    if len(department) > DEPARTMENT_CODE_LENGTH:
        raise Http404("没有公开这个部门的预算")
    key = f"public:department:{shown().generation}:{department}"
    return cached_html(key, lambda: render_department(department))


def render_department(department):
    years = years_of(department)
    if not years:
        raise Http404("没有公开这个部门的预算")
    return render_to_string("public/department.html", {
        "latest": years[-1], "years": years, "history": history_chart(years),
    })


def render_page(department, year, version):
    versions = versions_of(department, year)
    publication = pick(versions, version)
    years = years_of(department)
    return render_to_string("public/budget.html", {
        "publication": publication,
        "latest": versions[0],
        "versions": versions,
        "files": FILES.items(),
        "units": list(publication.unit_documents.only("code", "name", "publication_id")),
        "years": years,
        "history": history_chart(years),
        "body": stored_html(publication.body_html),
        "charts": [
            ("按功能分类（类）的支出", bar_chart(publication.chart.get("by_class", []))),
            ("基本支出与项目支出", bar_chart(publication.chart.get("by_kind", []))),
        ],
    })


def stored_html(field):
    """A body stored at publishing, rendered by our own templates and escaped there."""
    with field.open("rb") as body:
        return mark_safe(body.read().decode("utf-8"))


def unit_document(department, year, unit, version):
    """(publication, its 单位预算 of `unit`), or 404."""
    if len(department) > DEPARTMENT_CODE_LENGTH or len(unit) > UNIT_CODE_LENGTH:
        raise Http404("没有公开这份预算")
    versions = versions_of(department, year)
    publication = pick(versions, version)
    document = publication.unit_documents.filter(code=unit).first()
    if document is None:
        raise Http404("没有公开这个单位的预算")
    return versions, publication, document


@require_safe
@public
def unit_page(request, department, year, unit, version=None):
    """A 单位预算 published with its department's version: its own document, in its template."""
    key = f"public:unit:{shown().generation}:{department}:{year}:{version or 'latest'}:{unit}"
    return cached_html(key, lambda: render_unit_page(department, year, unit, version))


def render_unit_page(department, year, unit, version):
    versions, publication, document = unit_document(department, year, unit, version)
    return render_to_string("public/unit.html", {
        "publication": publication, "latest": versions[0], "document": document,
        "files": UNIT_FILES.items(), "body": stored_html(document.body_html),
    })


@require_safe
@public
def unit_download(request, department, year, unit, filename, version=None):
    _, publication, document = unit_document(department, year, unit, version)
    file = UNIT_FILES.get(filename)
    if file is None:
        raise Http404("单位预算没有这个文件")
    return FileResponse(
        getattr(document, file.field).open("rb"), as_attachment=True,
        filename=download_name(publication, file, document.name), content_type=file.content_type,
    )


@require_safe
@public
def download(request, department, year, filename, version=None):
    publication = pick(versions_of(department, year), version)
    file = FILES[filename]
    return FileResponse(
        getattr(publication, file.field).open("rb"), as_attachment=True, filename=download_name(publication, file),
        content_type=file.content_type,
    )

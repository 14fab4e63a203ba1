"""The benchmarks. Each is a function that does one run and returns the seconds it measured
(or `(seconds, {figure: value})` when it is also judged by `limits`).

Register one with @benchmark(title=..., target=seconds); the runner calls it three times on
each database and reports the median. Set-up (generating documents, filling the database) is
not timed: cache it, or do it before `timed(...)`.
"""
import atexit
import functools
import io
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from django.core.management import call_command

from budget.budgets.models import Budget

from . import served
from .limits import AtLeast, AtMost
from .generate import generate_budget

BENCHMARKS = []


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    target: float
    run: Callable[[], float]
    # ((figure label, limit), ...): other figures a run reports, see bench.runner.split_result.
    # A limit is a number the median must stay under, AtLeast, AtMost, or None (only reported).
    limits: tuple = ()
    # The databases it runs on (connection.display_name): a PostgreSQL-only path runs there only.
    databases: tuple = ("SQLite", "PostgreSQL")
    runs: int = 3  # a benchmark that repeats its work inside one run may need fewer

    @property
    def description(self):
        return " ".join((self.run.__doc__ or "").split())


def benchmark(*, title, target, limits=(), databases=Benchmark.databases, runs=Benchmark.runs):
    def register(function):
        BENCHMARKS.append(Benchmark(function.__name__, title, target, function, tuple(limits), tuple(databases), runs))
        return function

    return register


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


@functools.cache
def exchange_file(*, lines, department_code):
    """A generated document written to a temporary file, removed when the process exits."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".json", delete=False) as output:
        json.dump(generate_budget(lines=lines, department_code=department_code), output, ensure_ascii=False)
    atexit.register(Path(output.name).unlink)
    return output.name


IMPORT_DEPARTMENT = "990020"
LARGE_IMPORT_DEPARTMENT = "990030"


def remove_budget(department_code):
    """Delete a previous run's budget quickly: its parts in one DELETE each, not row by row."""
    from django.db import transaction

    from budget.budgets.revisions import clear_parts

    budget = Budget.objects.filter(department__code=department_code).first()
    if budget is not None:
        with transaction.atomic():
            clear_parts(budget)
            budget.delete()


@benchmark(title="导入 20,000 条明细的预算（manage.py import_budget）", target=10.0)
def import_20000_lines():
    """A generated budget-exchange/1 file of 20,000 lines (4 units, 17 sources, 250 projects),
    imported by `manage.py import_budget` into a department with no budget yet. Timed: reading,
    checking and writing the file; not timed: generating it and deleting the previous run's budget."""
    path = exchange_file(lines=20_000, department_code=IMPORT_DEPARTMENT)
    remove_budget(IMPORT_DEPARTMENT)
    return timed(call_command, "import_budget", path, stdout=io.StringIO())


IMPORT_PROCESS = """
import io, sys, time
import django
django.setup()
from django.core.management import call_command
start = time.perf_counter()
call_command("import_budget", sys.argv[1], stdout=io.StringIO())
print(time.perf_counter() - start)
"""


@benchmark(title="导入 100,000 条明细的预算，与 COPY 相比（PostgreSQL）", target=2.0, databases=["PostgreSQL"],
           limits=[("lines/s", AtLeast(50_000)), ("× COPY", 1.5), ("peak RSS (MB)", 200), ("COPY (s)", None)])
def import_100000_lines():
    """A generated file of 100,000 lines (1,250 projects) imported by `manage.py import_budget` in
    a fresh Python process, into a department with no budget yet. Timed: the command, from reading
    the file to the commit; also reported: the process's peak resident memory. The floor, measured
    in the same run: the same 100,000 rows, already in memory, written by COPY into budgets_line
    with its indexes and foreign keys, and committed ("COPY (s)"); "× COPY" is the import's time
    over the floor's."""
    path = exchange_file(lines=100_000, department_code=LARGE_IMPORT_DEPARTMENT)
    remove_budget(LARGE_IMPORT_DEPARTMENT)
    output, peak = in_child_process(IMPORT_PROCESS, path)
    seconds = float(output)
    floor = copy_floor(Budget.objects.get(department__code=LARGE_IMPORT_DEPARTMENT))
    return seconds, {"lines/s": round(100_000 / seconds), "× COPY": seconds / floor, "peak RSS (MB)": peak,
                     "COPY (s)": floor}


def copy_floor(budget):
    """Seconds to write the budget's lines again with COPY alone, in a transaction, committed."""
    from django.db import transaction

    from budget.budgets.bulk import insert_rows
    from budget.budgets.models import Line
    from budget.exchange.services import LINE_FIELDS

    rows = list(budget.lines.order_by("id").values_list(*LINE_FIELDS))
    budget.lines.all()._raw_delete(budget.lines.db)
    start = time.perf_counter()
    with transaction.atomic():
        insert_rows(Line, LINE_FIELDS, rows)
    return time.perf_counter() - start


def in_child_process(script, *args):
    """Run a Python script in a fresh process; returns (its standard output, its peak RSS in MB)."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE,
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"the benchmark's process failed with status {child.returncode}")
    return output, usage.ru_maxrss / 1024


TABLES_DEPARTMENT = "990050"
REFERENCE_FILE = Path(__file__).resolve().parent.parent / "budget" / "demo" / "data" / "kizilsu-eco-2024.json"


@functools.cache
def imported(path):
    """Import an exchange file once per process; returns its budget."""
    from budget.exchange.services import budget_import, parse_json

    return budget_import(data=parse_json(Path(path).read_text(encoding="utf-8")))


def warm_timed(function, *args):
    """Time `function` after one untimed call: a server compiles its templates only once."""
    if (function, args) not in _warm:
        function(*args)
        _warm.add((function, args))
    return timed(function, *args)


_warm = set()


def tables_html(budget):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from budget.tables.html import html_tables

    request = RequestFactory().get("/")
    return render_to_string("tables/standard_tables.html", {"tables": html_tables(budget=budget)}, request=request)


@benchmark(title="表1–表11 的 HTML，5,000 条明细的部门", target=0.3)
def tables_html_5000_lines():
    """All eleven tables of a generated 5,000-line department rendered as the preview's HTML
    (budget.tables.html), from the database to the string. Not timed: importing the budget."""
    budget = imported(exchange_file(lines=5_000, department_code=TABLES_DEPARTMENT))
    return warm_timed(tables_html, budget)


def tables_json(budget):
    from budget.tables.exports import tables_document

    return json.dumps(tables_document(budget=budget), ensure_ascii=False)


@benchmark(title="表1–表11 的 budget-tables/1 JSON，5,000 条明细的部门", target=0.15)
def tables_json_5000_lines():
    """The budget-tables/1 document of the same 5,000-line department, serialised with json.dumps."""
    budget = imported(exchange_file(lines=5_000, department_code=TABLES_DEPARTMENT))
    return warm_timed(tables_json, budget)


def tables_floor(budget):
    """Seconds for the database alone to give the tables' sums: the grouped queries over the
    budget's lines that tables_document makes, run again as SQL and fetched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from budget.tables.exports import tables_document

    with CaptureQueriesContext(connection) as queries:
        tables_document(budget=budget)
    statements = [query["sql"] for query in queries.captured_queries if "budgets_line" in query["sql"]]
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
            cursor.fetchall()
    return time.perf_counter() - start


def tables_against_floor(lines, department_code, repeats):
    """(median seconds of tables_json, {"SQL floor (ms)", "× SQL"}), the two alternated `repeats` times."""
    budget = imported(exchange_file(lines=lines, department_code=department_code))
    tables_json(budget), tables_floor(budget)  # warm: templates, connection, the database's cache
    product, floor = [], []
    for _ in range(repeats):
        product.append(timed(tables_json, budget))
        floor.append(tables_floor(budget))
    seconds, sql = statistics.median(product), statistics.median(floor)
    return seconds, {"SQL floor (ms)": sql * 1000, "× SQL": seconds / sql}


@benchmark(title="表1–表11 的 JSON，1,000 条明细，与同样汇总的 SQL 相比（PostgreSQL）", target=0.01,
           databases=["PostgreSQL"], limits=[("SQL floor (ms)", None), ("× SQL", None)])
def tables_json_1000_lines():
    """The budget-tables/1 document of a generated 1,000-line department, serialised with
    json.dumps (median of 9 within a run). The floor, alternated with it: the grouped queries
    over the lines that the tables make, run again as SQL and fetched ("SQL floor"), i.e. what
    the database must do whatever Python does with the sums."""
    return tables_against_floor(1_000, "990060", 9)


@benchmark(title="表1–表11 的 JSON，100,000 条明细，与同样汇总的 SQL 相比（PostgreSQL）", target=2.0,
           databases=["PostgreSQL"], limits=[("SQL floor (ms)", None), ("× SQL", 1.5)])
def tables_json_100000_lines():
    """As for 1,000 lines, for a generated 100,000-line department (median of 3 within a run);
    judged by "× SQL", the document's time over the floor's."""
    return tables_against_floor(100_000, "990070", 3)


UPLOAD_DEPARTMENT = "990080"


@benchmark(title="上传 50,000 行明细表的预览（每行金额都改变）", target=30.0, databases=["PostgreSQL"], runs=1,
           limits=[("page (KB)", AtMost(1024)), ("token (KB)", AtMost(2560))])
def upload_preview_50000_rows():
    """A generated 50,000-line draft's own sheet (the admin's 明细 download), uploaded after
    every stored amount was raised by 1 元, so that the preview shows 50,000 changes. Timed: the
    upload's POST through the admin (reading the sheet, comparing, the page). Judged: the page's
    size (it lists 500 rows of each kind of change with the counts) and the signed token the
    confirmation posts back, which must stay under Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db.models import F

    from budget.entry.excel import lines_workbook

    budget = imported(exchange_file(lines=50_000, department_code=UPLOAD_DEPARTMENT))
    content = lines_workbook(budget=budget)
    budget.lines.update(amount=F("amount") + 1)
    try:
        start = time.perf_counter()
        response = signed_in_client().post(f"/admin/budgets/budget/{budget.pk}/lines/upload/",
                                           {"file": SimpleUploadedFile("lines.xlsx", content)}, secure=True)
        seconds = time.perf_counter() - start
    finally:
        budget.lines.update(amount=F("amount") - 1)
    html = response.content.decode()
    if response.status_code != 200 or "修改 50000 条" not in html:
        raise RuntimeError(f"the preview answered {response.status_code} without the 50,000 changes")
    token = html.split('name="token" value="', 1)[1].split('"', 1)[0]
    return seconds, {"page (KB)": len(response.content) / 1024, "token (KB)": len(token) / 1024}


@functools.cache
def signed_in_client():
    from django.contrib.auth.models import User
    from django.test import Client

    user, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    client = Client()
    client.force_login(user)
    return client


@benchmark(title="参考预算的完整文档页（第一至第四部分）", target=0.2)
def reference_document_page():
    """GET /manage/budgets/501001/2024/ for the reference budget as a signed-in user: the four
    parts, 表1–表11 and the performance-target tables, through the view and its template."""
    budget = imported(str(REFERENCE_FILE))
    client = signed_in_client()
    return warm_timed(get_page, client, f"/manage/budgets/{budget.department.code}/{budget.year}/")


def get_page(client, url):
    assert client.get(url, secure=True).status_code == 200


PDF_PROCESS = """
import json, sys, time
import django
django.setup()
from budget.budgets.models import Budget
from budget.document.pdf import pdf_html, write_pdf
budget = Budget.objects.get(department__code=sys.argv[1], year=int(sys.argv[2]))
times = []
for run in range(2):
    start = time.perf_counter()
    html = pdf_html(budget)
    built = time.perf_counter()
    write_pdf(html)
    times.append({"html": built - start, "pdf": time.perf_counter() - built})
print(json.dumps(times))
"""


@benchmark(title="参考预算的 PDF（WeasyPrint）", target=4.0,
           limits=[("peak RSS (MB)", 400), ("outside write_pdf (%)", 10), ("first render (s)", None)])
def reference_pdf():
    """The reference budget's whole document as a PDF (`render_pdf`), rendered twice in a fresh
    Python process. Timed: the second render, as a server renders after its first request (the
    first also loads the fonts: "first render", not judged, is what `render_budget --format pdf`
    takes): building the HTML (queries, narrative, templates) and WeasyPrint's `write_pdf`
    (layout, fonts, PDF). Also reported: the process's peak resident memory (os.wait4), and the
    share of the timed render spent outside write_pdf."""
    budget = imported(str(REFERENCE_FILE))
    output, peak = in_child_process(PDF_PROCESS, budget.department.code, str(budget.year))
    first, second = json.loads(output)
    total = second["html"] + second["pdf"]
    return total, {
        "peak RSS (MB)": peak,
        "outside write_pdf (%)": 100 * second["html"] / total,
        "first render (s)": first["html"] + first["pdf"],
    }


PDF_LOOP_PROCESS = """
import json, os, resource, sys, time
import django
django.setup()
from budget.budgets.models import Budget
from budget.document.pdf import pdf_html, write_pdf
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
html = pdf_html(Budget.objects.get(department__code=sys.argv[1], year=int(sys.argv[2])))
times, resident = [], []
for run in range(3):
    start = time.perf_counter()
    write_pdf(html)
    times.append(time.perf_counter() - start)
    resident.append(resident_mb())
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"times": times, "resident": resident, "child": child}))
"""


@benchmark(title="5,000 条明细的部门的 PDF：渲染进程的内存，与渲染后本进程的内存", target=120.0,
           databases=["PostgreSQL"], runs=1, limits=[("render process peak RSS (MB)", 400),
                                             ("this process after the first (MB)", None),
                                             ("growth over 2 more (MB)", AtMost(5))])
def pdf_5000_lines_memory():
    """The PDF of the generated 5,000-line department (the tables benchmarks' budget), written three
    times by `write_pdf` in one fresh Python process, as a web or worker process serves them. Each
    render lays out in a child process forked for it (budget/document/pdf.py). Judged by memory
    (the reference PDF benchmark judges speed; PostgreSQL only, the database plays no part):
    the largest child's peak resident memory (the rendering process), this process's resident
    memory after the first render, and how much it grew over the two renders after it. Timed:
    the median of the last two renders. One run: its three renders are the repetition."""
    budget = imported(exchange_file(lines=5_000, department_code=TABLES_DEPARTMENT))
    output, _ = in_child_process(PDF_LOOP_PROCESS, budget.department.code, str(budget.year))
    result = json.loads(output)
    return statistics.median(result["times"][1:]), {
        "render process peak RSS (MB)": result["child"],
        "this process after the first (MB)": result["resident"][0],
        "growth over 2 more (MB)": max(0.0, result["resident"][-1] - result["resident"][0]),
    }


@functools.cache
def published_reference():
    """The demo, loaded once per database: the reference budget published through the workflow."""
    from budget.demo.services import REFERENCE_FILE, load_demo, read

    load_demo(password=secrets.token_urlsafe(16))
    reference = read(REFERENCE_FILE)
    return f"/budgets/{reference['department']['code']}/{reference['year']}/"


def uncached_render_seconds(url, requests=20):
    """Median seconds of GETs of `url` with the shared cache emptied before each."""
    times = []
    for _ in range(requests):
        served.flush_cache()
        start = time.perf_counter()
        status, body = served.get(url)
        times.append(time.perf_counter() - start)
        if status != 200 or "部门预算".encode() not in body:
            raise RuntimeError(f"{url} answered {status} without the document")
    return statistics.median(times)


@benchmark(title="公开的文档页：gunicorn（2 个 worker）与 wrk，与只返回同样字节的 Django 视图相比", target=0.2,
           limits=[("requests/s (cached)", AtLeast(500)), ("× bare Django", AtLeast(0.6)),
                   ("bare Django requests/s", None), ("errors", AtMost(0))])
def served_published_page():
    """The reference budget, published through the workflow by `load_demo`, served at
    /budgets/501001/2024/ by gunicorn with 2 sync workers and the shared Redis cache, as
    docs/deploy.md deploys it. Timed: the median of 20 uncached GETs (the cache emptied before
    each, and no page held by the workers: the page is built from the publication's stored
    snapshot). Then, workers holding pages as deployed, wrk loads the cached page for 15 s with 16 connections on 2 threads from the same machine: requests per second,
    and errors (socket errors and answers other than 2xx/3xx), which must be none. The floor,
    in the same run: the same bytes from a bare Django view (bench/bare.py: no middleware, no
    database) under the same gunicorn settings, loaded the same way; "× bare Django" is the
    page's rate over the floor's."""
    path = published_reference()
    with served.gunicorn(workers=2, PUBLIC_HELD_PAGES="0") as base:  # each GET asks the cache
        served.flush_cache()
        served.get(base + path)  # each worker loads its templates on its first request
        served.get(base + path)
        seconds = uncached_render_seconds(base + path)
    with served.gunicorn(workers=2) as base:
        _, body = served.get(base + path)
        served.get(base + path)
        rate, errors = served.wrk(base + path, seconds=15)
    with tempfile.NamedTemporaryFile(suffix=".html") as body_file:
        body_file.write(body)
        body_file.flush()
        with served.gunicorn(workers=2, app="bench.bare", BARE_BODY_FILE=body_file.name) as base:
            bare_rate, bare_errors = served.wrk(base + path, seconds=15)
    return seconds, {"requests/s (cached)": rate, "× bare Django": rate / bare_rate,
                     "bare Django requests/s": bare_rate, "errors": errors + bare_errors}


@benchmark(title="工作人员 PDF 循环时的公开首页：4 个登录用户与 wrk 30 秒", target=120,
           limits=[("index kept under load (ratio)", AtLeast(0.5)), ("errors", AtMost(0)),
                   ("requests/s unloaded", None), ("requests/s loaded", None), ("PDFs rendered", None)])
def public_index_under_pdf_loops():
    """The public index / served by gunicorn with 2 sync workers, first alone (wrk, 10 s), then
    for 30 s while 4 signed-in users each ask for a draft's PDF over and over (bench.served.pdf_loop:
    every PDF they get is followed by a change of the budget, so every one is a new render by the
    Celery worker, which runs at a lower priority as deployed). Timed: the median seconds from
    asking to getting a PDF. Judged: the index's requests per second under the loops as a share
    of its requests per second alone, measured in the same run (at least a half), and errors
    (wrk's, and PDF requests answered other than 200 or 202), which must be none."""
    import threading

    from django.db.models import F

    from budget.demo.services import SECOND_FILE, read

    published_reference()  # the demo: its second budget stays a draft
    second = read(SECOND_FILE)
    draft = Budget.objects.get(department__code=second["department"]["code"], year=second["year"])
    pdf = f"/manage/budgets/{draft.department.code}/{draft.year}/document.pdf"
    session = signed_in_client().cookies["sessionid"].value

    def changed():
        Budget.objects.filter(pk=draft.pk).update(revision=F("revision") + 1)

    with served.gunicorn(workers=2) as base, served.celery_worker():
        served.get(base + "/")  # each worker loads its templates on its first request
        served.get(base + "/")
        alone, alone_errors = served.wrk(base + "/", seconds=10)
        stop, seconds_to_pdf, pdf_errors = threading.Event(), [], []
        loops = [threading.Thread(target=served.pdf_loop, args=(base + pdf,), kwargs={
            "session": session, "stop": stop, "seconds_to_pdf": seconds_to_pdf, "errors": pdf_errors,
            "changed": changed}) for _ in range(4)]
        for loop in loops:
            loop.start()
        try:
            loaded, loaded_errors = served.wrk(base + "/", seconds=30)
        finally:
            stop.set()
            for loop in loops:
                loop.join()
    return statistics.median(seconds_to_pdf or [float("inf")]), {
        "index kept under load (ratio)": loaded / alone, "errors": alone_errors + loaded_errors + len(pdf_errors),
        "requests/s unloaded": alone, "requests/s loaded": loaded, "PDFs rendered": len(seconds_to_pdf),
    }


from . import workbench  # noqa: E402,F401  (registers the workbench's benchmarks, which use the helpers above)

"""`make bench-scale`: 3,000 departments × 3 years on PostgreSQL, and how fast the pages stay.

Fills the database of BENCH_SCALE_DATABASE_URL (budget_scale, kept between runs: generation is
skipped when it already holds the data) with 6 finance bureaus, 3,000 departments and 9,000
budgets of about 170 lines each (lines written with PostgreSQL COPY), most of them published,
then times each page through Django's test client (median of 3 runs after an untimed one)
and writes docs/performance-scale.md. Exits 1 when a target is missed.

BENCH_SCALE_FACTOR=3 multiplies the departments of every bureau (9,000 departments, about
26,000 publications) in a database of its own (budget_scale_x3) and writes
docs/performance-scale-x3.md: the pages that should not grow with the number of publications
(the public index) are judged by comparing the two reports.

Published budgets get their Publication rows (what the public index and search read) but no
snapshot files: rendering them (a PDF each) would take hours. The document page measured is
therefore the live one, /manage/budgets/<code>/<year>/, of a published budget, rendered
uncached from its lines; the public pages are measured with their cache cleared.
"""
import datetime
import os
import random
import secrets
import statistics
import sys
import time
from itertools import product
from pathlib import Path

import django

REPO = Path(__file__).resolve().parent.parent
FACTOR = int(os.environ.get("BENCH_SCALE_FACTOR", "1"))
SUFFIX = "" if FACTOR == 1 else f"-x{FACTOR}"
REPORT = REPO / "docs" / f"performance-scale{SUFFIX}.md"
SCALE_DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/budget_scale{SUFFIX.replace('-', '_')}"
YEARS = (2022, 2023, 2024)
RUNS = 3
FIRST_CODE = 700000  # department codes FIRST_CODE … FIRST_CODE + 3,000 × FACTOR - 1
BASIC_LINES, PROJECT_LINES, PROJECTS = 120, 50, 5

# (finance bureau, number of departments, its counties and cities)
BASE_BUREAUS = [
    ("喀什地区财政局", 500, "喀什市 疏附县 疏勒县 英吉沙县 泽普县 莎车县 叶城县 麦盖提县 岳普湖县 伽师县 巴楚县 塔什库尔干塔吉克自治县"),
    ("伊犁哈萨克自治州财政局", 800, "伊宁市 奎屯市 霍尔果斯市 伊宁县 察布查尔锡伯自治县 霍城县 巩留县 新源县 昭苏县 特克斯县 尼勒克县"),
    ("阿克苏地区财政局", 650, "阿克苏市 库车市 温宿县 沙雅县 新和县 拜城县 乌什县 阿瓦提县 柯坪县"),
    ("和田地区财政局", 450, "和田市 和田县 墨玉县 皮山县 洛浦县 策勒县 于田县 民丰县"),
    ("巴音郭楞蒙古自治州财政局", 350, "库尔勒市 轮台县 尉犁县 若羌县 且末县 焉耆回族自治县 和静县 和硕县 博湖县"),
    ("昌吉回族自治州财政局", 250, "昌吉市 阜康市 呼图壁县 玛纳斯县 奇台县 吉木萨尔县 木垒哈萨克自治县"),
]
# Agencies of a county and the 功能分类类 of their projects.
BUREAUS = [(name, count * FACTOR, places) for name, count, places in BASE_BUREAUS]
AGENCIES = {
    "207": "文化体育广电和旅游局 图书馆 文化馆 博物馆 非物质文化遗产保护中心 旅游发展中心 广播电视台 融媒体中心 "
           "体育运动中心 文物保护中心 演艺中心 档案馆 史志办公室 新闻出版局 文化市场综合执法大队 纪念馆",
    "211": "生态环境局 环境监测站 林业和草原局 自然保护区管理局 环境监察大队 固体废物管理中心 节能监察中心 "
           "湿地保护中心 草原工作站 野生动物保护站 防沙治沙站 林业工作站 生态修复中心 水土保持站 气象局 地震局",
    "212": "住房和城乡建设局 城市管理局 市政工程管理处 园林绿化中心 环境卫生管理站 城市规划设计院 建设工程质量安全监督站 "
           "住房保障中心 房产管理中心 供热管理站 城管执法大队 公用事业服务中心 消防救援大队 人民防空办公室 燃气管理站 物业服务中心",
    "213": "农业农村局 水利局 畜牧兽医局 农业技术推广中心 水利工程管理站 乡村振兴局 农机服务中心 动物疫病预防控制中心 "
           "种子管理站 灌区管理处 水库管理站 植物保护站 农经站 防汛抗旱指挥部办公室 水资源管理中心 供销合作社",
    "215": "发展和改革委员会 工业和信息化局 商务局 市场监督管理局 统计局 中小企业服务中心 招商引资服务中心 "
           "质量技术监督所 经济技术开发区管委会 数据局 口岸管理办公室 粮食和物资储备局 国有资产管理中心 "
           "营商环境服务中心 投资促进中心 科学技术局",
}
AGENCY_SECTORS = [(name, sector) for sector, names in AGENCIES.items() for name in names.split()]
BASIC_SOURCES = ("general_budget", "special_account", "unit_business")
PROJECT_SOURCES = ("general_budget", "general_transfer", "fund_budget", "carryover_general")
COMMON_FUNCTIONS = ("208", "210", "221")  # pensions, medical insurance, housing fund: every department
LINE_COLUMNS = ("budget_id", "unit_id", "function_id", "economic_id", "source", "kind", "project_id", "amount")


def main():
    url = os.environ.get("BENCH_SCALE_DATABASE_URL", SCALE_DATABASE_URL)
    create_database(url)
    os.environ.update(DATABASE_URL=url, DEBUG="0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # production settings refuse to start without
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generation = ensure_data()
    vacuum()
    results = measure()
    REPORT.write_text(report(generation, results), encoding="utf-8")
    print(f"wrote {REPORT.relative_to(REPO)}")
    return 0 if all(passed(result) for result in results) else 1


def create_database(url):
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(url, dbname="postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# Generation ---------------------------------------------------------------------------------

def expected_budgets():
    return sum(count for _, count, _ in BUREAUS) * len(YEARS)


def ensure_data():
    """Generate unless the database holds every budget; returns the seconds taken (None: cached).

    Generation is one transaction, so the database holds all the data or none of it.
    """
    from django.db import connection, transaction

    from budget.budgets.models import Budget

    present = Budget.objects.count()
    if present == expected_budgets():
        print(f"{present} budgets already generated", file=sys.stderr)
        return None
    if present:
        raise SystemExit(f"budget_scale holds {present} budgets, not {expected_budgets()}: drop it and run again")
    start = time.perf_counter()
    with transaction.atomic():
        generate()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - start


def generate():
    from budget.orgs.models import Department, FinanceBureau

    rng = random.Random(2024)
    departments = []
    for bureau_name, count, places in BUREAUS:
        bureau, _ = FinanceBureau.objects.get_or_create(name=bureau_name)
        places = places.split()
        for i in range(count):
            agency, sector = AGENCY_SECTORS[i // len(places) % len(AGENCY_SECTORS)]
            # Beyond every place × agency (only with a scale factor), names take a number.
            repeat = i // (len(places) * len(AGENCY_SECTORS))
            name = f"{places[i % len(places)]}{agency}{f'（{repeat + 1}）' if repeat else ''}"
            code = str(FIRST_CODE + len(departments))
            departments.append((Department(code=code, name=name, bureau=bureau), sector))
    Department.objects.bulk_create([department for department, _ in departments], batch_size=1000)
    budgets = create_budgets(departments, rng)
    copy_lines(budgets, rng)
    publish(budgets, rng)


def status_of(rng, year):
    """Earlier years are published; the latest has drafts and budgets under review too."""
    if year < YEARS[-1]:
        return "published"
    return rng.choices(["published", "draft", "submitted", "approved", "returned"], [80, 8, 6, 4, 2])[0]


def create_budgets(departments, rng):
    """Budgets with their units, projects and one-to-one parts; [(budget, sector, units, projects)]."""
    from budget.budgets import models as m
    from budget.codes.models import Edition

    edition = Edition.objects.get(year=2024)
    rows = [
        (m.Budget(department=department, year=year, edition=edition, status=status_of(rng, year)), sector)
        for department, sector in departments for year in YEARS
    ]
    for budget, _ in rows:
        if budget.status == "published":
            budget.published_on = datetime.date(budget.year, 2, 1)
    m.Budget.objects.bulk_create([budget for budget, _ in rows], batch_size=2000)
    units = [
        m.BudgetUnit(budget=budget, position=i, code=f"{budget.department.code}{'' if i == 0 else f'-{i:02d}'}",
                     name=budget.department.name if i == 0 else f"{budget.department.name}所属事业单位",
                     kind="administrative" if i == 0 else "public_institution")
        for budget, _ in rows for i in range(2)
    ]
    m.BudgetUnit.objects.bulk_create(units, batch_size=5000)
    projects = [
        m.Project(budget=budget, position=i, code=f"P{budget.year}-{i + 1:02d}", name=f"{budget.department.name}重点工作项目{i + 1}",
                  unit_name=budget.department.name, start=datetime.date(budget.year, 1, 1),
                  end=datetime.date(budget.year, 12, 31), goal="完成年度重点工作。")
        for budget, _ in rows for i in range(PROJECTS)
    ]
    m.Project.objects.bulk_create(projects, batch_size=5000)
    for part in [
        lambda budget: m.Overview(budget=budget, authorized=40, actual=36, serving=30, retired=6),
        lambda budget: m.Procurement(budget=budget),
        lambda budget: m.Assets(budget=budget, as_of=datetime.date(budget.year - 1, 12, 31)),
        lambda budget: m.DepartmentTarget(budget=budget, goal="履行部门职责，完成年度工作任务。"),
    ]:
        objects = [part(budget) for budget, _ in rows]
        type(objects[0]).objects.bulk_create(objects, batch_size=5000)
    return [
        (budget, sector, units[2 * n:2 * n + 2], projects[PROJECTS * n:PROJECTS * (n + 1)])
        for n, (budget, sector) in enumerate(rows)
    ]


def copy_lines(budgets, rng):
    """About 170 distinct lines a budget, written with one COPY (budget.budgets.bulk)."""
    from budget.budgets.bulk import insert_rows
    from budget.budgets.models import Line
    from budget.codes.models import EconomicSubject, FunctionalSubject

    # Read before the COPY starts: a query on its connection while it runs waits for it forever.
    functions = dict(FunctionalSubject.objects.filter(edition__year=2024, level=3).values_list("code", "id"))
    economics = dict(EconomicSubject.objects.filter(edition__year=2024, level=2).values_list("code", "id"))
    insert_rows(Line, LINE_COLUMNS, generated_lines(budgets, rng, functions, economics))


def generated_lines(budgets, rng, functions, economics):
    basic_economics = [code for code in economics if code[:3] in ("301", "302", "303")]
    project_economics = [code for code in economics if code[:3] in ("302", "309", "310")]
    common = [code for code in functions if code[:3] in COMMON_FUNCTIONS]
    for budget, sector, units, projects in budgets:
        sector_functions = [code for code in functions if code[:3] == sector]
        basic = sample(rng, [common + sector_functions[:2], basic_economics, BASIC_SOURCES], BASIC_LINES)
        project = sample(rng, [sector_functions, project_economics, PROJECT_SOURCES], PROJECT_LINES)
        for kind, combinations in (("basic", basic), ("project", project)):
            for n, (function, economic, source) in enumerate(combinations):
                unit = units[1] if rng.random() < 0.3 else units[0]
                project_id = projects[n % len(projects)].id if kind == "project" else None
                yield (budget.id, unit.id, functions[function], economics[economic], source, kind,
                       project_id, amount(rng, economic))


def sample(rng, dimensions, count):
    """`count` distinct combinations of one value per dimension, at random."""
    combinations = list(product(*dimensions))
    return rng.sample(combinations, min(count, len(combinations)))


def amount(rng, economic):
    """元 with fen: 三公 and other 302 items are smaller than salaries and projects."""
    top = 60_000_00 if economic.startswith("302") else 900_000_00
    cents = rng.randint(1_000_00, top)
    return f"{cents // 100}.{cents % 100:02d}"


def publish(budgets, rng):
    """A Publication row (no files) for every published budget; a few were corrected once."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from budget.orgs.names import search_text
    from budget.workflow.models import Publication

    by, _ = User.objects.get_or_create(username="scale-admin", defaults={"is_superuser": True, "is_staff": True})
    # Shown on the public site as if rendered (a state that only exists with background rendering).
    rendered = {"render_state": "done"} if hasattr(Publication, "RenderState") else {}
    publications = []
    for budget, _, _, _ in budgets:
        if budget.status != "published":
            continue
        versions = 2 if rng.random() < 0.05 else 1
        for version in range(1, versions + 1):
            if hasattr(Publication, "latest"):
                rendered["latest"] = version == versions
            path = f"publications/{budget.department.code}/{budget.year}/v{version}/"
            publications.append(Publication(
                budget=budget, version=version, by=by, department_code=budget.department.code,
                department_name=budget.department.name, year=budget.year, note="更正数据" if version > 1 else "",
                # bulk_create skips Publication.save, which fills the search text.
                search_text=search_text(code=budget.department.code, name=budget.department.name, short_name=""),
                published_at=timezone.make_aware(datetime.datetime(budget.year, 2, version)),
                body_html=path + "body.html", exchange_json=path + "budget.json", tables_json=path + "tables.json",
                tables_xlsx=path + "tables.xlsx", pdf=path + "document.pdf", **rendered,
            ))
    Publication.objects.bulk_create(publications, batch_size=5000)
    from budget.workflow import models
    if hasattr(models, "count_shown"):  # bulk_create skips Publication.save, which counts the year's shown budgets
        for year in YEARS:
            models.count_shown(year)


# Measurement --------------------------------------------------------------------------------

def vacuum():
    """As autovacuum keeps it after a migration rewrote rows (the latest-version flag): the
    visibility map that lets the public site's years and counts read their index alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) workflow_publication")


def measure():
    """[{"title", "target", "runs", "queries"}] for every page."""
    from django.contrib.auth.models import User
    from django.test import Client

    from budget.budgets.models import Budget
    from budget.orgs.models import FinanceBureau, Profile

    largest = FinanceBureau.objects.get(name=BUREAUS[0][0])
    reviewer, _ = User.objects.get_or_create(username="scale-reviewer", defaults={"is_staff": True})
    Profile.objects.get_or_create(user=reviewer, defaults={"bureau": largest})
    published = Budget.objects.filter(status="published", year=YEARS[-1], department__bureau=largest).order_by(
        "department__code").first()
    admin = Client()
    admin.force_login(User.objects.get(username="scale-admin"))
    bureau_client = Client()
    bureau_client.force_login(reviewer)
    public = Client()
    last_page = last_page_query(YEARS[-1])
    pages = [
        ("公开网站首页（第 1 页）", 0.02, public, "/", True),
        (f"公开网站首页，{YEARS[-1]} 年的最后一页（按部门编码续页）", 0.02, public, f"/?{last_page}", True),
        ("按部门名称查找“生态环境局”（公开网站）", 0.1, public, "/?q=生态环境局", True),
        ("按部门名称查找，无结果（公开网站）", 0.1, public, "/?q=不存在的部门", True),
        # Ranked search: name with a space, a code (exact code first), a short common word.
        ("排序查找，名称中带空格“喀什市 生态环境”（公开网站）", 0.1, public, "/?q=喀什市%20生态环境", True),
        (f"排序查找，部门编码“{FIRST_CODE + 1}”（公开网站）", 0.1, public, f"/?q={FIRST_CODE + 1}", True),
        ("排序查找，常见字“局”（公开网站，数千个结果）", 0.1, public, "/?q=局", True),
        (f"一个已公开部门的完整文档页（{published.department.name}，实时渲染）", 0.2, admin,
         f"/manage/budgets/{published.department.code}/{published.year}/", False),
        (f"财政部门汇总页（{largest.name}，{largest.departments.count()} 个部门，{YEARS[-1]} 年）", 2.0, bureau_client,
         f"/manage/bureau/{YEARS[-1]}/", False),
    ]
    return [measure_page(*page) for page in pages]


def last_page_query(year):
    """The index's query string for the last page of `year`: after the code that ends the page before."""
    from budget.public.queries import latest_publications
    from budget.public.views import INDEX_PAGE_SIZE

    codes = list(latest_publications().filter(year=year).values_list("department_code", flat=True))
    return f"year={year}&after={codes[(len(codes) - 1) // INDEX_PAGE_SIZE * INDEX_PAGE_SIZE - 1]}"


def measure_page(title, target, client, url, clear_cache):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from budget.public.queries import forget_now

    get(client, url)  # warm-up: templates compiled, connection open
    runs = []
    for _ in range(RUNS):
        if clear_cache:
            cache.clear()  # time the page as rendered, not as served from the cache
            forget_now()  # nor with the site's generation held in this process
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            get(client, url)
            runs.append(time.perf_counter() - start)
    database = sum(float(query["time"]) for query in queries.captured_queries)  # of the last run
    print(f"{title}: {', '.join(f'{run:.3f}' for run in runs)} s, {len(queries)} queries", file=sys.stderr)
    return {"title": title, "url": url, "target": target, "runs": runs, "queries": len(queries), "database": database}


def get(client, url):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url}: {response.status_code}")
    return response


def passed(result):
    return statistics.median(result["runs"]) < result["target"]


def report(generation, results):
    from django.db import connection

    from bench.runner import machine
    from budget.budgets.models import Budget, Line
    from budget.workflow.models import Publication

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    counts = [
        ("Departments", f"{sum(count for _, count, _ in BUREAUS):,} under {len(BUREAUS)} finance bureaus "
                        f"({', '.join(str(count) for _, count, _ in BUREAUS)})"),
        ("Budgets", f"{Budget.objects.count():,} ({', '.join(map(str, YEARS))}); "
                    f"{Budget.objects.filter(status='draft').count():,} drafts"),
        ("Lines", f"{Line.objects.count():,}"),
        ("Publications", f"{Publication.objects.count():,}"),
        ("Generation", "cached (the database already held the data)" if generation is None
         else f"{generation:.0f} s"),
    ]
    lines = [
        "# Performance at scale",
        "",
        "Written by `make bench-scale` (bench/scale.py): do not edit, run it again. PostgreSQL database "
        "`budget_scale`, kept between runs. Each page is requested once untimed, then "
        f"{RUNS} times through Django's test client; its median must be under the target. The public "
        "pages are timed with their cache cleared (as rendered, not as served from the cache). Published "
        "budgets have their Publication rows but no snapshot files, so the document page is the live "
        "one of a published budget, rendered from its lines. Queries: how many the last run made, and the time spent in them.",
        "",
        "## Machine and data",
        "",
        "| | |",
        "|---|---|",
        *(f"| {label} | {value} |" for label, value in machine({"PostgreSQL": {"version": version}}, os.getloadavg()[0])),
        *(f"| {label} | {value} |" for label, value in counts),
        "",
        "## Pages",
        "",
        "| Page | URL | Target | Median | Runs | Queries (time) | Result |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['title']} | `{r['url']}` | {r['target'] * 1000:.0f} ms | {statistics.median(r['runs']) * 1000:.0f} ms "
            f"| {', '.join(f'{run * 1000:.0f}' for run in r['runs'])} ms | {r['queries']} ({r['database'] * 1000:.0f} ms) "
            f"| {'PASS' if passed(r) else 'FAIL'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

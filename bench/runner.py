"""Run every benchmark on SQLite and on PostgreSQL, then rewrite docs/performance.md.

`make bench` runs `python -m bench.runner`. Django reads DATABASE_URL once, so each database
gets a worker process of its own: SQLite a temporary file, PostgreSQL the dedicated database of
BENCH_DATABASE_URL (dropped and created afresh). Both are migrated before the first run. Exits
1 when a benchmark misses its target or one of its limits (other figures a run reports).
"""
import argparse
import datetime
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import django

from .limits import AtLeast, AtMost

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "docs" / "performance.md"
RUNS = 3
BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/budget_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", metavar="RESULT_FILE", help="run the benchmarks on DATABASE_URL only")
    args = parser.parse_args()
    if args.worker:
        return work(Path(args.worker))
    benchmarks = selected(load_benchmarks())
    postgres = os.environ.get("BENCH_DATABASE_URL", BENCH_DATABASE_URL)
    load = os.getloadavg()[0]  # other work on the machine skews the timings
    databases = {
        "SQLite": lambda scratch: f"sqlite:///{scratch}/bench.sqlite3",
        "PostgreSQL": lambda scratch: recreate_postgres(postgres),
    }
    with tempfile.TemporaryDirectory(prefix="budget-bench-") as scratch:
        results = {
            name: measure(url(scratch), scratch)
            for name, url in databases.items() if any(name in b.databases for b in benchmarks)
        }
    if not only():  # a few benchmarks: their runs on stderr, the report as the last whole run wrote it
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(report(machine(results, load), benchmarks, results), encoding="utf-8")
        print(f"wrote {REPORT.relative_to(REPO)}")
    met = all(
        passes(b, result["runs"][b.name], figures_of(result, b))
        for b in benchmarks for result in results.values() if b.name in result["runs"]
    )
    return 0 if met else 1


def only():
    """The names in BENCH_ONLY ("name,name"): the benchmarks to run while working on them; empty: all."""
    return set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))


def selected(benchmarks):
    names = only()
    return [b for b in benchmarks if not names or b.name in names]


def load_benchmarks():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")
    # Production settings refuse to start without a key; the worker processes inherit this one.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    django.setup()
    from .benchmarks import BENCHMARKS

    return BENCHMARKS


def measure(database_url, scratch):
    """Run the worker on one database; returns {"version": ..., "runs": {name: [seconds, ...]}}."""
    result_file = Path(scratch) / "result.json"
    # Published files (the served-page benchmark publishes) go to the scratch directory.
    media = tempfile.mkdtemp(prefix="media-", dir=scratch)
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "MEDIA_ROOT": media}
    subprocess.run([sys.executable, "-m", "bench.runner", "--worker", str(result_file)], cwd=REPO, env=env, check=True)
    return json.loads(result_file.read_text(encoding="utf-8"))


def recreate_postgres(url):
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(url, dbname="postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


def work(result_file):
    """In the worker: migrate DATABASE_URL, run each benchmark RUNS times, write the timings."""
    benchmarks = selected(load_benchmarks())
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    runs, figures = {}, {}
    for b in benchmarks:
        if connection.display_name not in b.databases:
            continue
        runs[b.name], figures[b.name] = [], {}
        for i in range(b.runs):
            seconds, extra = split_result(b.run())
            runs[b.name].append(seconds)
            for label, value in extra.items():
                figures[b.name].setdefault(label, []).append(value)
            print(f"{connection.display_name} {b.name} run {i + 1}: {seconds:.2f} s {extra or ''}", file=sys.stderr)
    result = {"version": database_version(connection), "runs": runs, "figures": figures}
    result_file.write_text(json.dumps(result), encoding="utf-8")
    return 0


def split_result(result):
    """A run returns its seconds, or (seconds, {figure label: value}) for the limits it is judged by."""
    return result if isinstance(result, tuple) else (result, {})


def database_version(connection):
    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def machine(results, load):
    """(label, value) rows describing where the benchmarks ran."""
    return [
        ("CPU", cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("Memory", memory()),
        ("OS", f"{os_name()}, kernel {platform.release()}"),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        *((database, result["version"]) for database, result in results.items()),
        ("Load average (1 min) before the runs", f"{load:.2f}"),
        ("Date", datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M UTC%z")),
    ]


def proc_field(path, field):
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == field:
                    return value.strip()
    except OSError:
        pass
    return None


def cpu_model():
    return proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown"


def memory():
    total = proc_field("/proc/meminfo", "MemTotal")  # "24683656 kB"
    return f"{int(total.split()[0]) / 1024 ** 2:.1f} GiB" if total else "unknown"


def os_name():
    try:
        return platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        return platform.system()


def passes(benchmark, runs, figures=None):
    """The median of the seconds is under the target, and each figure within its limit."""
    figures = figures or {}
    return statistics.median(runs) < benchmark.target and all(
        within(limit, figures.get(label)) for label, limit in benchmark.limits if limit is not None
    )


def within(limit, values):
    """A number: the median stays under it; AtLeast: the median reaches it; AtMost: no run exceeds it."""
    if not values:
        return False
    if isinstance(limit, AtLeast):
        return statistics.median(values) >= limit.value
    if isinstance(limit, AtMost):
        return max(values) <= limit.value
    return statistics.median(values) < limit


def describe(label, limit):
    if isinstance(limit, AtLeast):
        return f"; median {label} at least {limit.value:g}"
    if isinstance(limit, AtMost):
        return f"; {label} at most {limit.value:g} in every run"
    return f"; median {label} under {limit:g}"


def shown(limit, values):
    """The figure a report cell shows: the worst run for AtMost, else the median."""
    if not values:
        return " – |"
    value = max(values) if isinstance(limit, AtMost) else statistics.median(values)
    if not isinstance(value, float):
        return f" {value} |"
    return f" {value:.2f} |" if value < 10 else f" {value:.1f} |"  # ratios near 1 need two decimals


def seconds(value):
    """Two decimals, or milliseconds for what takes less than a tenth of a second (0.01 s says too little)."""
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.1f} ms"


def report(machine_rows, benchmarks, results):
    """The whole of docs/performance.md as Markdown."""
    lines = [
        "# Performance",
        "",
        f"Written by `make bench` (bench/runner.py): do not edit, run it again. Each benchmark runs "
        f"{RUNS} times (unless it says otherwise) on each database it names; its median must be under the "
        f"target. With 3,000 departments: "
        f"[performance-scale.md](performance-scale.md) (`make bench-scale`).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {label} | {value} |" for label, value in machine_rows),
    ]
    for b in benchmarks:
        lines += [
            "",
            f"## {b.title}",
            "",
            b.description,
            "",
            f"Target: median under {seconds(b.target)}"
            + "".join(describe(label, limit) for label, limit in b.limits if limit is not None) + ".",
            "",
            "| Database | Median | Runs |" + "".join(f" {label} |" for label, _ in b.limits) + " Result |",
            "|---|---|---|" + "---|" * len(b.limits) + "---|",
        ]
        for database, result in results.items():
            if b.name not in result["runs"]:
                continue  # not run on this database (Benchmark.databases)
            runs, figures = result["runs"][b.name], figures_of(result, b)
            medians = "".join(shown(limit, figures.get(label)) for label, limit in b.limits)
            lines.append(
                f"| {database} | {seconds(statistics.median(runs))} | {', '.join(map(seconds, runs))} |{medians} "
                f"{'PASS' if passes(b, runs, figures) else 'FAIL'} |"
            )
    return "\n".join(lines) + "\n"


def figures_of(result, benchmark):
    """{figure label: [value per run]} of one benchmark; results written before figures existed have none."""
    return result.get("figures", {}).get(benchmark.name, {})


if __name__ == "__main__":
    sys.exit(main())

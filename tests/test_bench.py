"""bench/: the generated budgets import cleanly, and the report judges medians against targets."""
from decimal import Decimal

import pytest
from django.db.models import Sum

from bench.benchmarks import Benchmark
from bench.limits import AtLeast, AtMost
from bench.generate import generate_budget, spread_combinations
from bench.runner import report
from bench.served import parse_wrk
from budget.exchange.services import budget_import


@pytest.mark.django_db
def test_it_generates_a_document_that_imports():
    doc = generate_budget(lines=700, department_code="990700", lines_per_project=25)
    budget = budget_import(data=doc)
    assert budget.lines.count() == 700
    assert budget.units.count() == 4
    project_lines = budget.lines.filter(kind="project").count()
    assert 300 < project_lines < 400
    assert budget.projects.count() == -(-project_lines // 25)
    assert set(budget.lines.values_list("kind", flat=True)) == {"basic", "project"}
    assert budget.lines.values("source").distinct().count() == 17
    total = sum(Decimal(line["amount"]) for line in doc["lines"])
    assert budget.lines.aggregate(total=Sum("amount"))["total"] == total
    for project in budget.projects.all():
        assert project.allocation.aggregate(s=Sum("amount"))["s"] == budget.lines.filter(project=project).aggregate(
            s=Sum("amount"))["s"]


def test_it_generates_the_same_document_twice():
    assert generate_budget(lines=300) == generate_budget(lines=300)


def test_it_spreads_distinct_combinations_over_every_dimension():
    dimensions = [list("abcde"), list("xyz"), [1, 2, 3, 4]]
    combinations = list(spread_combinations(dimensions, 20))
    assert len(set(combinations)) == 20
    for position, values in enumerate(dimensions):
        assert {c[position] for c in combinations} == set(values)


def test_it_refuses_more_lines_than_distinct_combinations():
    with pytest.raises(ValueError, match="at most 60"):
        list(spread_combinations([list("abcde"), list("xyz"), [1, 2, 3, 4]], 61))


def test_it_reports_the_median_against_the_target():
    fast = Benchmark("fast", "快速", 2.0, lambda: 0.0)
    slow = Benchmark("slow", "慢速", 1.0, lambda: 0.0)
    results = {
        "SQLite": {"version": "3.40.1", "runs": {"fast": [1.5, 3.0, 1.0], "slow": [0.5, 1.2, 1.4]}},
        "PostgreSQL": {"version": "15.2", "runs": {"fast": [2.5, 2.1, 0.2], "slow": [0.9, 0.1, 5.0]}},
    }
    text = report([("CPU", "Test CPU"), ("SQLite", "3.40.1")], [fast, slow], results)
    assert "| CPU | Test CPU |" in text
    assert "## 快速" in text and "## 慢速" in text
    assert "| SQLite | 1.50 s | 1.50 s, 3.00 s, 1.00 s | PASS |" in text
    assert "| PostgreSQL | 2.10 s | 2.50 s, 2.10 s, 0.20 s | FAIL |" in text
    assert "| SQLite | 1.20 s | 0.50 s, 1.20 s, 1.40 s | FAIL |" in text
    assert "| PostgreSQL | 0.90 s | 0.90 s, 0.10 s, 5.00 s | PASS |" in text


def test_it_judges_a_throughput_by_its_median_and_errors_by_every_run():
    served = Benchmark("served", "服务", 0.2, lambda: 0.0,
                       limits=(("requests/s", AtLeast(500)), ("errors", AtMost(0))))
    results = {
        "SQLite": {"version": "3", "runs": {"served": [0.01, 0.02, 0.01]},
                   "figures": {"served": {"requests/s": [480.0, 610.0, 520.0], "errors": [0, 0, 0]}}},
        "PostgreSQL": {"version": "15", "runs": {"served": [0.01, 0.01, 0.01]},
                       "figures": {"served": {"requests/s": [900.0, 910.0, 905.0], "errors": [0, 2, 0]}}},
    }
    text = report([], [served], results)
    assert "median requests/s at least 500; errors at most 0 in every run." in text
    assert "| SQLite | 10.0 ms | 10.0 ms, 20.0 ms, 10.0 ms | 520.0 | 0 | PASS |" in text
    assert "| PostgreSQL | 10.0 ms | 10.0 ms, 10.0 ms, 10.0 ms | 905.0 | 2 | FAIL |" in text


def test_it_reports_a_benchmark_only_where_it_ran_with_its_ratios():
    copy = Benchmark("copy", "导入", 2.0, lambda: 0.0, limits=(("× COPY", 1.5), ("lines/s", AtLeast(50_000))),
                     databases=("PostgreSQL",))
    results = {
        "SQLite": {"version": "3", "runs": {}},
        "PostgreSQL": {"version": "15", "runs": {"copy": [1.9, 1.8, 2.4]},
                       "figures": {"copy": {"× COPY": [1.31, 1.27, 1.46], "lines/s": [52_632, 55_556, 41_667]}}},
    }
    text = report([], [copy], results)
    assert "| SQLite |" not in text
    assert "| PostgreSQL | 1.90 s | 1.90 s, 1.80 s, 2.40 s | 1.31 | 52632 | PASS |" in text


WRK_OUTPUT = """Running 30s test @ http://127.0.0.1:8765/budgets/501001/2024/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    33.80ms   70.87ms   1.30s    96.49%
  6650 requests in 10.01s, 687.44MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:    664.03
Transfer/sec:     68.64MB
"""


def test_it_reads_the_rate_and_every_kind_of_error_from_wrk():
    assert parse_wrk(WRK_OUTPUT) == (664.03, 9)
    clean = "\n".join(line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line)
    assert parse_wrk(clean) == (664.03, 0)

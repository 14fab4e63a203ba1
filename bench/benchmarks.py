"""The benchmarks. Each is a function that does one run and returns the seconds it measured.

Register one with @benchmark(title=..., target=seconds); the runner calls it three times on
each database and reports the median. Set-up (generating documents, filling the database) is
not timed: cache it, or do it before `timed(...)`.
"""
import atexit
import functools
import io
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from django.core.management import call_command

from budget.budgets.models import Budget

from .generate import generate_budget

BENCHMARKS = []


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    target: float
    run: Callable[[], float]

    @property
    def description(self):
        return " ".join((self.run.__doc__ or "").split())


def benchmark(*, title, target):
    def register(function):
        BENCHMARKS.append(Benchmark(function.__name__, title, target, function))
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


@benchmark(title="导入 20,000 条明细的预算（manage.py import_budget）", target=10.0)
def import_20000_lines():
    """A generated budget-exchange/1 file of 20,000 lines (4 units, 17 sources, 250 projects),
    imported by `manage.py import_budget` into a department with no budget yet. Timed: reading,
    checking and writing the file; not timed: generating it and deleting the previous run's budget."""
    path = exchange_file(lines=20_000, department_code=IMPORT_DEPARTMENT)
    Budget.objects.filter(department__code=IMPORT_DEPARTMENT).delete()
    return timed(call_command, "import_budget", path, stdout=io.StringIO())

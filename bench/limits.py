"""Limits on the figures a benchmark reports besides its seconds (bench.benchmarks.Benchmark.limits).

A plain number is a limit the median must stay under; these two say otherwise. Kept apart from
bench.benchmarks so that the runner reads them before Django is set up.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class AtLeast:
    """A figure whose median must reach the value (a throughput), rather than stay under it."""
    value: float


@dataclass(frozen=True)
class AtMost:
    """A figure that must not exceed the value in any run (errors)."""
    value: float

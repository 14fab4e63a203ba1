"""The PDF benchmark's extra figures: reported beside the seconds and judged against their limits."""
from bench.benchmarks import Benchmark
from bench.runner import passes, report, split_result

PDF = Benchmark("pdf", "PDF", 4.0, lambda: 0.0, (("peak RSS (MB)", 400), ("first render (s)", None)))


def results(rss):
    return {"SQLite": {"version": "3.40.1", "runs": {"pdf": [3.0, 3.5, 2.5]},
                       "figures": {"pdf": {"peak RSS (MB)": rss, "first render (s)": [9.0, 9.5, 8.5]}}}}


def test_it_reports_each_figure_and_judges_the_limited_ones():
    text = report([], [PDF], results([170.0, 420.0, 180.0]))
    assert "Target: median under 4.00 s; median peak RSS (MB) under 400." in text
    assert "| Database | Median | Runs | peak RSS (MB) | first render (s) | Result |" in text
    assert "| SQLite | 3.00 s | 3.00 s, 3.50 s, 2.50 s | 180.0 | 9.00 | PASS |" in text
    assert "| SQLite | 3.00 s | 3.00 s, 3.50 s, 2.50 s | 410.0 | 9.00 | FAIL |" in report([], [PDF], results([
        410.0, 405.0, 420.0]))


def test_it_fails_a_benchmark_whose_figure_is_missing():
    assert not passes(PDF, [1.0], {})
    assert passes(PDF, [1.0], {"peak RSS (MB)": [100.0]})


def test_it_takes_plain_seconds_or_seconds_with_figures():
    assert split_result(1.5) == (1.5, {})
    assert split_result((1.5, {"peak RSS (MB)": 90.0})) == (1.5, {"peak RSS (MB)": 90.0})

"""Benchmarks: `make bench` runs them (bench/runner.py) and rewrites docs/performance.md."""

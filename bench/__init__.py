"""Benchmarks (issue 12): never run by the test suite; `make bench` runs bench/run.py."""

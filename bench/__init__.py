"""Benchmarks: each compares with a baseline measured in the same run (run with ``make bench``)."""

"""Latency benchmarks of Kad's read API; run with `python -m benchmarks` (see README.md)."""

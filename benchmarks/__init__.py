"""Benchmarks run outside the installed apps (see docs/benchmarks.md for each command)."""

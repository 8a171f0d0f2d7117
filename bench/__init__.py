"""Benchmarks, load and soak (not part of the test suite)."""

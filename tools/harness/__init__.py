"""What the tests and the benchmarks share (``tests/``, ``python -m bench.<script>``)."""

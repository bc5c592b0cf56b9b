"""Benchmarks: scripts that measure and print numbers (not tests; they assert nothing).

Run each as a module from the project root, e.g. ``.venv-test/bin/python -m bench.scale --help``:
they import the shared harness as ``tools.harness`` and each other as ``bench.<script>``.
"""

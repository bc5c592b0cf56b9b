"""`make serve`'s environment (the docs group) has no torch; the test group has it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import ROOT


def _resolve(group: str) -> set[str]:
    """Names pip would install for a dependency group into an empty environment."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", "-", "--group", group],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    return {item["metadata"]["name"].lower() for item in report["install"]}


def test_docs_group_resolves_without_torch():
    names = _resolve("docs")
    assert {"mkdocs", "mkdocs-material", "pymdown-extensions", "mkdocs-jupyter"} <= names
    assert not {"torch", "torchvision"} & names, sorted(names)


def test_serve_venv_has_no_torch():
    python = ROOT / ".venv" / "bin" / "python"
    if not python.exists():
        pytest.skip(".venv (make serve's environment) has not been created")
    proc = subprocess.run([str(python), "-c", "import torch"], capture_output=True, text=True)
    assert proc.returncode != 0 and "No module named 'torch'" in proc.stderr
    proc = subprocess.run([str(python), "-m", "mkdocs", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "1.6." in proc.stdout


def test_publishing_waits_for_the_tests():
    """GitHub Actions deploys the site only after the README's test command passed."""
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    test_steps = " ".join(str(step.get("run", "")) for step in jobs["test"]["steps"])
    assert ".ci/run" in test_steps
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert "make build" in " ".join(str(step.get("run", "")) for step in jobs["build"]["steps"])

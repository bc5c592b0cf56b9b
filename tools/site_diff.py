"""Build two revisions of the project and compare the two sites byte by byte.

    python -m tools.site_diff REV_A [REV_B]     # REV_B defaults to the working tree

For a change that must not change the published site (a refactoring, a formatter run): each
revision is checked out into a throw-away git worktree (the working tree is used as it is,
uncommitted edits included) and built strictly with the docs environment (``.venv``), as
``make build`` does. Prints "identical: N files, B bytes" and exits 0, or lists every file
that differs (with its first differing line) and exits 1.

Page dates come from git history (last-updated, sitemap): both builds read the same history,
so a change that touches no page keeps them equal.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

from tools import ROOT
from tools.harness.build import build_site


def build(project: Path, site: Path) -> None:
    proc = build_site(project, site)  # strict, with the docs environment, as make build
    if proc.returncode != 0:
        sys.exit(f"build of {project} failed:\n{proc.stdout}{proc.stderr}")


def files(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())


def first_difference(a: Path, b: Path) -> str:
    try:
        lines_a = a.read_text(encoding="utf-8").splitlines()
        lines_b = b.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return f"binary, {a.stat().st_size} vs {b.stat().st_size} bytes"
    diff = [d for d in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("---", "+++")]
    return " | ".join(line[:160] for line in diff[:2])


def compare(site_a: Path, site_b: Path) -> list[str]:
    names_a, names_b = files(site_a), files(site_b)
    problems = [f"only in A: {n}" for n in sorted(set(names_a) - set(names_b))]
    problems += [f"only in B: {n}" for n in sorted(set(names_b) - set(names_a))]
    for name in sorted(set(names_a) & set(names_b)):
        if not filecmp.cmp(site_a / name, site_b / name, shallow=False):
            problems.append(f"differs: {name}: {first_difference(site_a / name, site_b / name)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.site_diff", description=__doc__.split("\n\n")[0])
    parser.add_argument("rev_a")
    parser.add_argument("rev_b", nargs="?", help="default: the working tree, uncommitted edits included")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sites = []
        for label, rev in (("A", args.rev_a), ("B", args.rev_b)):
            project = ROOT
            if rev is not None:
                project = Path(tmp) / f"tree-{label}"
                subprocess.run(["git", "worktree", "add", "--detach", "-q", str(project), rev], cwd=ROOT, check=True)
            site = Path(tmp) / f"site-{label}"
            try:
                build(project, site)
            finally:
                if rev is not None:
                    subprocess.run(["git", "worktree", "remove", "--force", str(project)], cwd=ROOT, check=True)
            sites.append(site)
        problems = compare(*sites)
        names = files(sites[0])
        if problems:
            print("\n".join(problems))
            print(f"{len(problems)} difference(s) between {args.rev_a} and {args.rev_b or 'the working tree'}")
            return 1
        size = sum((sites[0] / n).stat().st_size for n in names)
        print(f"identical: {len(names)} files, {size:,} bytes ({args.rev_a} vs {args.rev_b or 'the working tree'})")
        return 0


if __name__ == "__main__":
    sys.exit(main())

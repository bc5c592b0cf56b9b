"""A benchmark course of real, distinct Korean text: the Korean edition of *Dive into Deep
Learning* (github.com/d2l-ai/d2l-ko, commit ``D2L_KO_COMMIT``) converted to notes.

    .venv-test/bin/python -m bench.course DEST [--notes 100] [--source D2L_KO_GIT_DIR]

writes a copy of the project (tools/harness/copies.py) with the book's first ``--notes``
sections, in book order, added as ``docs/dayN/dayN.md`` (N from the first day number no note of
the project uses: ``free_day``). Other benchmarks import ``add_course``. The converted text is
made at bench time from the book's repository and never committed: pass ``--source`` (a clone
or a bare git directory of d2l-ai/d2l-ko; the pinned commit is read with ``git show``), or set
``D2L_KO``.

Conversion (d2l's Markdown dialect -> a plain note that the strict build accepts):

- front matter ``title`` (the section's ``# `` heading) and ``description`` (its first
  sentence, at most 120 characters);
- code: the PyTorch version of every ``{.python .input}`` block (``#@tab pytorch`` or
  ``#@tab all``; the MXNet default and TensorFlow blocks are dropped) as a ``python`` block, and
  only the ``pytorch`` ``:begin_tab:`` prose;
- ``:numref:``/``:ref:`` to another converted section -> a link to its note (and heading id),
  to anything else -> its label's plain words; ``:label:``, ``:eqlabel:``, ``:width:``,
  ``:cite:`` and ``:eqref:`` markers dropped; d2l's ``[**…**]``/``(**…**)`` highlight marks
  unwrapped, ``(~~…~~)`` dropped; figures (the book's images are not copied) -> their caption
  as an italic line; ``toc``/``eval_rst`` blocks dropped; a link with a scheme that is not
  http(s)/mailto (the book has an ``https_://`` typo) -> its text.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hooks.headings.slugs import Slugger
from tools.harness.copies import free_day, used_days

D2L_KO_REPO = "d2l-ai/d2l-ko"
D2L_KO_COMMIT = "9857ea9899409b1e17003dcce7859d60aa892559"  # 2022, "Fix latex error in exercise numbering naive bayes"
DEFAULT_SOURCES = (Path("/work/.mirror/d2l-ai+d2l-ko/repo"),)

_TOC = re.compile(r"^```toc\n(.*?)^```", re.M | re.S)
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)
_TAB_BLOCK = re.compile(r"^:begin_tab:`([^`]*)`[ \t]*\n(.*?)^:end_tab:[ \t]*$\n?", re.M | re.S)
_LABEL = re.compile(r":(?:label|eqlabel):`([^`]+)`")
_REF = re.compile(r":(?:numref|ref):`([^`]+)`")
_DROP = re.compile(r":(?:eqref|cite|width|height):`[^`]*`")
_FIGURE = re.compile(r"^!\[([^\]]*)\]\([^)]*\)[ \t]*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")


@dataclass
class Section:
    path: str  # in the book, e.g. chapter_preliminaries/ndarray.md
    title: str
    description: str
    body: str  # Markdown after the title, references still as REF(label)
    labels: dict[str, str | None]  # label -> heading id in this section (None: the page)


def source_dir(given: str | None) -> Path:
    """The d2l-ko git directory: ``given``, $D2L_KO, or a known mirror; loud when none."""
    candidates = [Path(given)] if given else ([Path(os.environ["D2L_KO"])] if os.environ.get("D2L_KO") else [])
    candidates += [] if given else list(DEFAULT_SOURCES)
    for path in candidates:
        if _git(path, "cat-file", "-e", f"{D2L_KO_COMMIT}^{{commit}}", check=False) is not None:
            return path
    raise SystemExit(
        f"bench.course: no git copy of {D2L_KO_REPO} at commit {D2L_KO_COMMIT[:12]} "
        f"(tried {', '.join(map(str, candidates)) or 'nothing'}): "
        f"git clone https://github.com/{D2L_KO_REPO} and pass --source PATH (or set D2L_KO=PATH)"
    )


def _git(repo: Path, *args: str, check: bool = True) -> str | None:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        if check:
            raise SystemExit(f"bench.course: git {' '.join(args)} in {repo} failed: {proc.stderr.strip()}")
        return None
    return proc.stdout


def _show(repo: Path, path: str) -> str:
    return _git(repo, "show", f"{D2L_KO_COMMIT}:{path}")


def book_order(repo: Path) -> list[str]:
    """Every section file of the book in reading order (the ``toc`` blocks of index.md and
    of each chapter's index.md), chapter index pages and the references left out."""
    out = []
    for entry in _toc_entries(_show(repo, "index.md")):
        if not entry.endswith("/index"):
            continue  # chapter_references/zreferences: a bibliography
        chapter = entry.rsplit("/", 1)[0]
        out += [f"{chapter}/{name}.md" for name in _toc_entries(_show(repo, f"{entry}.md"))]
    return out


def _toc_entries(text: str) -> list[str]:
    return [
        line.strip()
        for block in _TOC.findall(text)
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith(":")
    ]


def _keep_code(info: str, code: str) -> str | None:
    """The block as a plain fence, or None when it is not PyTorch's."""
    if info.strip() in ("toc", "eval_rst"):
        return None
    if re.fullmatch(r"\{\.python \.input[^}]*\}", info.strip()):
        first, _, rest = code.partition("\n")
        tab = re.fullmatch(r"#@tab\s+(.*)", first.strip())
        if not tab:
            return None  # MXNet, the book's default framework
        frameworks = {f.strip() for f in tab.group(1).split(",")}
        if not frameworks & {"pytorch", "all"}:
            return None
        return f"```python\n{rest}```"
    lang = re.sub(r"[^\w+-]", "", info.split()[0]) if info.strip() else ""
    return f"```{lang}\n{code}```"


def _first_sentence(body: str) -> str:
    for para in re.split(r"\n\s*\n", body):
        para = para.strip()
        if not para or para.startswith(("#", "```", "*", "|", "-", "!", ">", ":")) or "REF(" in para:
            continue
        text = re.sub(r"[`*$\\_]|\[|\]\([^)]*\)", "", " ".join(para.split()))
        sentence = re.split(r"(?<=[.?!])\s*", text, maxsplit=1)[0]
        if not re.search(r"[\uac00-\ud7a3]", sentence):  # math, code between blank lines, a list number
            continue
        return sentence if len(sentence) <= 120 else sentence[:119].rstrip() + "…"
    return ""


def convert(path: str, text: str) -> Section:
    text = text.replace("\r\n", "\n")
    # code first: fenced blocks may hold anything that looks like a marker
    blocks: list[str] = []

    def keep(m: re.Match) -> str:
        kept = _keep_code(m.group(1), m.group(2))
        if kept is None:
            return ""
        blocks.append(kept)
        return f"\x00{len(blocks) - 1}\x00"

    text = _FENCE.sub(keep, text)
    text = _TAB_BLOCK.sub(lambda m: m.group(2) if m.group(1).strip() == "pytorch" else "", text)
    text = re.sub(r"^:(?:begin|end)_tab:.*\n?", "", text, flags=re.M)
    title_match = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    if not title_match:
        raise SystemExit(f"bench.course: {path} has no '# ' title")
    title = title_match.group(1).strip()
    body = text[title_match.end() :]
    # d2l's highlight marks first: headings are slugged as they will render
    body = re.sub(r"\(~~.*?~~\)", "", body)
    body = re.sub(r"\[\*\*(.+?)\*\*\]", r"\1", body, flags=re.S)
    body = re.sub(r"\(\*\*(.+?)\*\*\)", r"\1", body, flags=re.S)
    # labels: one right after a heading names the heading; the first one names the page
    labels: dict[str, str | None] = {}
    slugger = Slugger()
    heading = None
    lines = []
    for line in body.splitlines():
        h = re.match(r"^(#{2,6})\s+(.+?)\s*$", line)
        if h:
            heading = slugger.slug(re.sub(r"[`*]", "", h.group(2)))
        for label in _LABEL.findall(line):
            labels.setdefault(label, heading)
        line = _LABEL.sub("", line)
        lines.append(line)
    body = "\n".join(lines)
    body = _DROP.sub("", body)
    body = _FIGURE.sub(lambda m: f"*그림: {m.group(1).strip()}*" if m.group(1).strip() else "", body)
    body = _IMAGE.sub(lambda m: m.group(1), body)
    body = re.sub(r"\[([^\]]*)\]\((?!https?:|mailto:)[a-z][\w+.-]*:[^)]*\)", r"\1", body)  # `https_://`: a typo
    body = _REF.sub(lambda m: f"REF({m.group(1)})", body)
    body = re.sub(r"\x00(\d+)\x00", lambda m: blocks[int(m.group(1))], body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    description = _first_sentence(body) or title
    return Section(path, title, description, body, labels)


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_course(project: Path, notes: int = 100, source: str | None = None) -> list[tuple[int, str]]:
    """Add the book's first ``notes`` sections to a project copy as notes; returns
    (day, book path) in course order."""
    repo = source_dir(source)
    paths = book_order(repo)[:notes]
    if len(paths) < notes:
        raise SystemExit(f"bench.course: the book has {len(paths)} sections, fewer than {notes}")
    sections = [convert(p, _show(repo, p)) for p in paths]
    days, day = [], max(used_days(project), default=0)
    for _ in sections:
        day = free_day(project, day + 1)
        days.append(day)
        (project / "docs" / f"day{day}").mkdir(parents=True)  # reserves the number for free_day
    where = {}
    for day, s in zip(days, sections):
        for label, anchor in s.labels.items():
            where[label] = f"../day{day}/day{day}.md" + (f"#{anchor}" if anchor else "")

    def ref(m: re.Match) -> str:
        label = m.group(1)
        words = re.sub(r"^(?:sec|subsec|chap|fig|tab|eq)_", "", label).replace("_", " ").replace("-", " ")
        return f"[{words}]({where[label]})" if label in where else words

    for day, s in zip(days, sections):
        body = re.sub(r"REF\(([^)]+)\)", ref, s.body)
        text = f"---\ntitle: {_yaml(s.title)}\ndescription: {_yaml(s.description)}\n---\n\n# {s.title}\n\n{body}"
        (project / "docs" / f"day{day}" / f"day{day}.md").write_text(text, encoding="utf-8")
    return list(zip(days, paths))


def main() -> None:
    from tools.harness.copies import copy_project

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path, help="a new folder: the project copy with the course")
    ap.add_argument("--notes", type=int, default=100)
    ap.add_argument("--source", help=f"git directory of {D2L_KO_REPO} (default: $D2L_KO or a known mirror)")
    args = ap.parse_args()
    if args.dest.exists():
        raise SystemExit(f"bench.course: {args.dest} exists: give a new folder")
    project = copy_project(args.dest)
    for day, path in add_course(project, args.notes, args.source):
        print(f"day{day}\t{path}")
    print(f"{args.notes} notes from {D2L_KO_REPO}@{D2L_KO_COMMIT[:12]} in {project}/docs")


if __name__ == "__main__":
    main()

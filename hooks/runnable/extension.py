"""Run this note: every note page offers its code as a notebook, and an "Open in Colab" link.

- ``on_files`` (after mkdocs-jupyter, so the notebook stays a file and not a page): for each
  note (a Markdown page in a folder) that embeds snippets, ``notebook.build`` makes the
  notebook from the note's Markdown and the same snippet files the page shows, and adds it
  to the site next to the page (``day12/day12/day12.ipynb``). No torch needed: the outputs
  are the snippets' verified ``#>`` lines.
- ``on_post_page`` (after the search plugin read the page: the links are no search text):
  under the note's title, a download link and, when ``repo_url`` is a GitHub repository and
  the repository has the notebook (``colab/day12/day12.ipynb``, written by ``make update``:
  ``tools/colab_notebooks.py``; Colab opens notebooks from GitHub, not from a site), an
  "Open in Colab" link to that file on the branch of ``edit_uri`` (``main`` when it names
  none). Whether that copy is up to date is a test (``tests/test_run_note.py``), not a
  build failure: a typo fixed in a paragraph still builds.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from hooks.cache.store import Store
from hooks.runnable.notebook import build, embeds

COLAB = "colab"  # the committed copies, for Colab: colab/<note path>.ipynb
GITHUB = re.compile(r"https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")
BRANCH = re.compile(r"^(?:edit|blob|tree)/(?P<branch>[^/]+)/")
H1_END = re.compile(r"</h1>")


def colab_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """``https://colab.research.google.com/github/<owner>/<repo>/blob/<branch>/``, or None
    when ``repo_url`` is not a GitHub repository."""
    m = GITHUB.match(repo_url or "")
    if not m:
        return None
    branch = BRANCH.match(edit_uri or "")
    return f"https://colab.research.google.com/github/{m['owner']}/{m['repo']}/blob/{branch['branch'] if branch else 'main'}/"


def is_note(src_uri: str) -> bool:
    return "/" in src_uri and src_uri.endswith(".md")


def notebook_path(src_uri: str) -> str:
    """Where the site has the notebook of ``day12/day12.md``: next to its page."""
    stem = posixpath.splitext(src_uri)[0]
    return f"{stem}/{posixpath.basename(stem)}.ipynb"


def colab_path(src_uri: str) -> str:
    """Where the repository has it, for Colab: ``colab/day12/day12.ipynb``."""
    return f"{COLAB}/{posixpath.splitext(src_uri)[0]}.ipynb"


def note_notebook(file, root: Path, store: Store | None = None) -> str | None:
    """The notebook of note ``file`` (its Markdown and the snippets it embeds), or None when
    it is no note or embeds no snippet (or a missing one: hooks/snippets names it when the
    page renders). Kept across builds in ``store`` by everything ``build`` reads: the note, and
    each embedded snippet file with the ``versions.json`` beside it (its validation by nbformat
    is most of the time: ~20 ms a note)."""
    if not is_note(file.src_uri) or "--8<--" not in file.content_string:
        return None  # no embed can be in it: its front matter is not worth reading (most notes of a course)
    markdown, meta = get_data(file.content_string)
    found = embeds(markdown)
    snippets = root / "snippets"
    if not found or not all((snippets / e["path"]).is_file() for e in found):
        return None
    parts: list[str | bytes] = [file.src_uri, file.content_string]
    for rel in sorted({e["path"] for e in found}):
        versions = snippets / Path(rel).parent / "versions.json"
        parts += [rel, (snippets / rel).read_bytes(), versions.read_bytes() if versions.is_file() else b"-"]
    return (store or Store()).memo("notebook", tuple(parts), lambda: build(markdown, meta, snippets, file.src_uri))


class Runnable:
    def __init__(self, store: Store | None = None) -> None:
        self.links: dict[str, tuple[str, str | None]] = {}  # src_uri -> (notebook file name, Colab URL)
        self.store = store or Store()

    def add_notebooks(self, files, config):
        self.links = {}
        root = Path(config.config_file_path).parent
        base = colab_base(config.repo_url, config.edit_uri)
        for file in list(files.documentation_pages()):
            text = note_notebook(file, root, self.store)
            if text is None:
                continue
            dest = notebook_path(file.src_uri)
            files.append(File.generated(config, dest, content=text))
            committed = colab_path(file.src_uri)
            colab = f"{base}{committed}" if base and (root / committed).is_file() else None
            self.links[file.src_uri] = (posixpath.basename(dest), colab)
        return files

    def live_refresh(self, page, config, files) -> str | None:
        """``make serve``'s page update (tools/live.py): the re-rendered note's notebook made and
        written again; a reason for a full build when the note gained or lost its notebook."""
        text = note_notebook(page.file, Path(config.config_file_path).parent, self.store)
        file = files.get_file_from_path(notebook_path(page.file.src_uri))
        if (text is None) != (file is None):
            return f"{page.file.src_uri} {'lost' if text is None else 'gained'} its notebook"
        if file is not None:
            file.content_string = text
            file.copy_file()
        return None

    def link_notebook(self, output, page, config):
        link = self.links.get(page.file.src_uri)
        if link is None:
            return output
        name, colab = link
        start = output.find('<article class="md-content__inner md-typeset">')
        m = H1_END.search(output, start) if start >= 0 else None
        if m is None:
            return output
        parts = [f'<a href="{html.escape(name)}" download>이 노트를 노트북으로 내려받기 (.ipynb)</a>']
        if colab:
            parts.append(f'<a href="{html.escape(colab)}">Colab에서 열기</a>')
        block = f'\n<p class="run-note">{" · ".join(parts)}</p>'
        return output[: m.end()] + block + output[m.end() :]

"""What the runner reads from a snippet's source before running it.

- Per-snippet options are comment lines ``# snippet: key=value, ...`` (only ``timeout`` so
  far); an unknown option is an error naming the file and line (``options``).
- The modules it imports (``imports``, ``imported_roots``): the zygote imports the heavy ones
  ahead (``warm_set``), and the run reports the versions of the ones it loaded.
- Whether it needs a fresh interpreter (``needs_fresh_interpreter``): a snippet that sets an
  environment variable (``os.environ``/``os.putenv``) runs in a new Python instead of a fork
  of the warm zygote, because a variable set before an import only works if the library was
  not imported yet.
- The project it belongs to (``project_of``): the folder that holds its ``snippets/`` folder.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

from tools.cli import rel as display  # snippets/day12/x.py in this repository, else the absolute path
from tools.snippet_runner.errors import SnippetError
from tools.snippet_runner.settings import DEFAULT_TIMEOUT, OFFLINE_ENV, WARM_ROOTS

_OPTION = re.compile(r"^#\s*snippet\s*:(.*)$")


def project_of(path: Path) -> Path:
    """The project folder: the parent of the nearest ``snippets/`` folder holding ``path``."""
    path = Path(path).resolve()
    for parent in path.parents:
        if parent.name == "snippets":
            return parent.parent
    raise SnippetError(f"{display(path)}: not inside a snippets/ folder (snippets live in snippets/dayNN/)")


@dataclasses.dataclass(frozen=True)
class Options:
    timeout: float = DEFAULT_TIMEOUT


def options(path: Path) -> Options:
    """The file's ``# snippet: key=value, ...`` comment lines."""
    found: dict = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        m = _OPTION.match(line)
        if not m:
            continue
        for item in filter(None, (i.strip() for i in re.split(r"[,\s]+", m.group(1)))):
            key, _, value = item.partition("=")
            where = f"{display(path)}:{number}"
            if key != "timeout":
                raise SnippetError(f"{where}: unknown snippet option {key!r}; the only one is `# snippet: timeout=<seconds>`")
            try:
                seconds = float(value)
            except ValueError:
                seconds = 0.0
            if not seconds > 0:
                raise SnippetError(f"{where}: `timeout` needs a number of seconds, e.g. `# snippet: timeout=60`")
            found["timeout"] = seconds
    return Options(**found)


def imports(path: Path) -> list[str]:
    """Modules the file imports (``torch.utils.data``; ``transformers:BertConfig`` for a
    name taken from a module), in file order, from its source."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}:{a.name}" for a in node.names if a.name != "*"]
    return list(dict.fromkeys(names))


def needs_fresh_interpreter(path: Path) -> bool:
    """A snippet that changes environment variables may do so before an import, which only
    works if the library was not imported yet: it runs in a new interpreter. Setting one of
    ``OFFLINE_ENV`` to the harness's own value changes nothing and needs no new interpreter."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def harmless(node: ast.AST) -> bool:  # os.environ["K"] = "V" with the harness's V
        sub = parents.get(node)
        assign = parents.get(sub)
        return (
            isinstance(sub, ast.Subscript)
            and isinstance(sub.ctx, ast.Store)
            and isinstance(assign, ast.Assign)
            and len(assign.targets) == 1
            and isinstance(sub.slice, ast.Constant)
            and isinstance(assign.value, ast.Constant)
            and OFFLINE_ENV.get(sub.slice.value) == assign.value.value
        )

    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(a.name in ("environ", "putenv", "unsetenv", "*") for a in node.names)
        ):
            return True
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os"):
            continue
        if node.attr in ("putenv", "unsetenv"):
            return True
        if node.attr != "environ" or harmless(node):
            continue
        up = parents.get(node)
        if isinstance(up, ast.Subscript) and not isinstance(up.ctx, ast.Load):
            return True  # os.environ[...] = ... / del os.environ[...]
        if isinstance(up, ast.Attribute) and up.attr in ("update", "setdefault", "pop", "popitem", "clear"):
            return True
    return False


def warm_set(paths: Iterable[Path]) -> list[str]:
    """What the zygote imports ahead: the imports of ``WARM_ROOTS`` the snippets make."""
    warm: list[str] = []
    for path in paths:
        try:
            names = imports(path)
        except (SyntaxError, OSError, UnicodeDecodeError):
            continue  # the run reports it
        warm += [n for n in names if n.split(":")[0].split(".")[0] in WARM_ROOTS]
    return list(dict.fromkeys(warm))


def imported_roots(path: Path) -> list[str]:
    """Top-level packages the file imports (``torch`` for ``from torch.utils.data import ...``)."""
    return list(dict.fromkeys(n.split(":")[0].split(".")[0] for n in imports(path)))

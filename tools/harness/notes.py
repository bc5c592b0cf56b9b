"""Notes written into a copy of the project (``tools.harness.copies``): synthetic notes for the
scale tests and benchmarks (``add_synthetic_notes``: copies of day12), and the note a newcomer
writes by following the README (``add_newcomer_note``: tests/test_new_note.py and
bench/newcomer.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.harness.copies import DAY_DIR

SYNTHETIC_SOURCE = "day12/day12.md"


def synthetic_heading(day: int) -> str:
    """The one heading only synthetic note ``day`` has (``add_synthetic_notes``)."""
    return f"synth{day:03d} 복습 메모"


def add_synthetic_notes(project: Path, n: int) -> list[int]:
    """Add ``n`` synthetic notes to a project copy (for scale tests and bench/scale.py):
    copies of ``docs/day12/day12.md`` as ``docs/dayN/dayN.md`` embedding the same snippet
    files, each with its own title, description and one heading of its own (``synthetic_heading``).
    Day numbers follow the real notes and run across 99 -> 100 (natural nav order).
    Returns the day numbers."""
    docs = project / "docs"
    source = (docs / SYNTHETIC_SOURCE).read_text(encoding="utf-8")
    # links relative to day12/ that must still resolve from another folder
    for name in ("practice_1.ipynb", "practice_2.ipynb"):
        if f"]({name})" not in source:
            raise ValueError(f"{SYNTHETIC_SOURCE} no longer links {name}: update add_synthetic_notes")
        source = source.replace(f"]({name})", f"](../day12/{name})")
    title = re.search(r"^title: (.+)$", source, re.M)
    description = re.search(r"^description: (.+)$", source, re.M)
    h1 = re.search(r"^# .+$", source, re.M)
    if not (title and description and h1):
        raise ValueError(f"{SYNTHETIC_SOURCE} has no front matter title/description or h1: update add_synthetic_notes")
    real = [int(m.group(1)) for d in docs.iterdir() if (m := DAY_DIR.fullmatch(d.name))]
    start = max(max(real, default=0) + 1, 100 - n // 2)
    days = list(range(start, start + n))
    for day in days:
        text = source.replace(title.group(0), f"title: day{day} 합성 노트", 1)
        text = text.replace(description.group(0), f"description: 규모 측정용 합성 노트 day{day}. day12 노트의 사본이다.", 1)
        text = text.replace(h1.group(0), f"# day{day} 합성 노트", 1)
        text += (
            f"\n## {synthetic_heading(day)}\n\n이 절은 규모 측정용 합성 노트 day{day}에만 있다. 나머지는 day12 노트의 사본이다.\n"
        )
        (docs / f"day{day}").mkdir()
        (docs / f"day{day}" / f"day{day}.md").write_text(text, encoding="utf-8")
    return days


def note_text(title: str, description: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}"


AUTOGRAD_BODY = """\
[week3-2 필수 과제](../day12/day12.md#1-과제-내용-정리)에서 본 `nn.Module` 다음 내용이다.

## requires_grad와 detach

tensor의 `requires_grad`를 켜면 연산 기록이 남는다. `detach()`는 기록에서 떼어 낸 tensor를 돌려준다.

```python title="autograd_01.py"
--8<-- "day{n}/autograd_01.py"
```

## 기울기 누적

`backward()`를 두 번 부르면 `.grad`에 값이 더해진다. 그래서 매 step마다 `optimizer.zero_grad()`를 부른다.

```python title="autograd_02.py"
--8<-- "day{n}/autograd_02.py"
```

### no_grad로 추론하기

`torch.no_grad()` 안에서는 그래프를 만들지 않아 메모리를 아낀다.

```python title="autograd_03.py"
--8<-- "day{n}/autograd_03.py"
```

## `__call__`과 forward

같은 제목을 두 번 쓰면 GitHub처럼 두 번째 id 끝에 `-1`이 붙는다.

## 정리

## 정리
"""

NEWCOMER_SNIPPETS = {
    "autograd_01.py": "import torch\n\nx = torch.ones(3, requires_grad=True)\ny = (x * 2).sum()\n"
    "print(y.requires_grad, y.detach().requires_grad)\n",
    "autograd_02.py": "import torch\n\nw = torch.tensor(1.0, requires_grad=True)\nfor _ in range(2):\n"
    "    (w * 3).backward()\nprint(w.grad)\n",
    "autograd_03.py": "import torch\n\nx = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n"
    "    y = x * 2\nprint(y.requires_grad)\n",
}
NEWCOMER_OUTPUTS = {"autograd_01.py": "#> True False", "autograd_02.py": "#> tensor(6.)", "autograd_03.py": "#> False"}


def add_newcomer_note(project: Path, n: int) -> list[Path]:
    """The learner's edits, as the README tells them (tests/test_new_note.py checks the loop,
    bench/newcomer.py times it): docs/day{n}/day{n}.md, its snippets, and a link to it from
    day12. Returns the snippets."""
    (project / "snippets" / f"day{n}").mkdir()
    snippets = []
    for name, code in NEWCOMER_SNIPPETS.items():
        path = project / "snippets" / f"day{n}" / name
        path.write_text(code, encoding="utf-8")
        snippets.append(path)
    (project / "docs" / f"day{n}").mkdir()
    (project / "docs" / f"day{n}" / f"day{n}.md").write_text(
        note_text(
            "week4-1 autograd", "requires_grad, detach, 기울기 누적, no_grad를 정리한 노트.", AUTOGRAD_BODY.replace("{n}", str(n))
        ),
        encoding="utf-8",
    )
    day12 = project / "docs" / "day12" / "day12.md"
    day12.write_text(
        day12.read_text(encoding="utf-8") + f"\n다음 노트: [기울기 누적](../day{n}/day{n}.md#기울기-누적)\n", encoding="utf-8"
    )
    return snippets

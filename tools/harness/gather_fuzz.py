"""Differential fuzzing of the gather explorer against torch (tests/test_gather_explorer.py and
``bench/explorer_fuzz.py`` import it).

A case is three texts as a reader types them: ``(input, index, dim)``. The reference is what
Python and torch make of the same texts::

    torch.gather(torch.tensor(INPUT), DIM, torch.tensor(INDEX))

(Python's own parser reads the texts; ``inf``/``nan`` and the ``tensor(...)`` printout wrapper
are names in the evaluation namespace.) ``reference()`` gives the value (``tolist()``, dtype,
shape, and each element as ``str(tensor)`` prints it) or the exception's type and message;
``mismatch()`` compares that with what the explorer returned: values exactly (int64 as Python
ints, float32 bit for bit, bools as bools), errors by type and exact message.

Generators are seeded (``random.Random(seed)``): a failure reproduces from its category, seed
and number. Every category aims at one thing the explorer must get right: the categories are
``tools.harness.gather_cases``, the literal writers they use ``tools.harness.gather_writing``;
``cases()`` spreads a number of cases over them.
"""

from __future__ import annotations

import math
import random
import re
import struct
import types

import torch

from tools.harness.gather_cases import CATEGORIES

# ------------------------------------------------------------------------- the reference

_NAMES = {
    "__builtins__": {},
    "inf": math.inf,
    "nan": math.nan,
    "tensor": lambda x: x,
    "torch": types.SimpleNamespace(tensor=lambda x: x),
}


def _eval(text: str):
    return eval(text, dict(_NAMES))  # our own generated literals, no builtins


def torch_cells(t: torch.Tensor) -> list[str]:
    """The element texts of ``str(t)`` in row-major order (no padding)."""
    s = str(t)
    assert s.startswith("tensor(") and s.endswith(")"), s
    body = s[len("tensor(") : -1]
    cut = re.search(r",\s*(?:dtype|size)=", body)
    if cut:
        body = body[: cut.start()]
    return re.findall(r"[^\s\[\],]+", body)


def reference(case) -> dict:
    """What torch does with the case's texts: {'value','dtype','shape','cells'} or {'error'}."""
    inp, idx, dim = case
    try:
        source = _eval(inp)
        d = _eval(dim)
        index = _eval(idx)
    except SyntaxError as e:  # generators only write valid Python
        raise AssertionError(f"generator wrote invalid Python: {case!r}: {e}") from e
    try:
        out = torch.gather(torch.tensor(source), d, torch.tensor(index))
    except Exception as e:  # every torch exception is an expected outcome
        return {"error": [type(e).__name__, str(e)]}
    return {
        "value": out.tolist(),
        "dtype": str(out.dtype).removeprefix("torch."),
        "shape": list(out.shape),
        "cells": torch_cells(out) if 0 < out.numel() <= 1000 else None,
    }


def _same(a, b) -> bool:
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(b, bool) or isinstance(a, bool):
        return type(a) is type(b) and a == b
    if isinstance(b, int):
        return type(a) is int and a == b
    if isinstance(b, float):
        if type(a) is not float:
            return False
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return struct.pack("<d", a) == struct.pack("<d", b)
    return False


def mismatch(got: dict, want: dict) -> str | None:
    """None when the explorer's result equals torch's, else what differs."""
    import json

    if "error" in want:
        e = got.get("error")
        if not e:
            return f"torch raised {want['error']}, explorer gave {got.get('value')!r}"
        if [e.get("type"), e.get("message")] != want["error"]:
            return f"error {[e.get('type'), e.get('message')]} != torch {want['error']}"
        return None
    if got.get("error"):
        return f"explorer raised {got['error']}, torch gave {want['value']!r}"
    value = json.loads(got["value"])
    if not _same(value, want["value"]):
        return f"value {got['value'][:200]} != torch {str(want['value'])[:200]}"
    if got["dtype"] != want["dtype"] or list(got["shape"]) != want["shape"]:
        return f"dtype/shape {got['dtype']} {got['shape']} != torch {want['dtype']} {want['shape']}"
    if want["cells"] is not None and got.get("cells") != want["cells"]:
        return f"printed {got.get('cells')} != torch {want['cells']}"
    return None


def cases(total: int, seed: int = 11) -> list[tuple[str, tuple[str, str, str]]]:
    """`total` cases spread evenly over the categories: [(category, (input, index, dim))]."""
    out = []
    for k, (name, gen) in enumerate(CATEGORIES.items()):
        rng = random.Random(f"{seed}-{name}")
        n = total // len(CATEGORIES) + (1 if k < total % len(CATEGORIES) else 0)
        out += [(name, gen(rng)) for _ in range(n)]
    return out

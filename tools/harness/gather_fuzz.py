"""Differential fuzzing of the gather explorer against torch (tests/test_gather_explorer.py and
``bench/explorer_fuzz.py`` import it).

A case is three texts as a reader types them: ``(input, index, dim)``. The reference is what
Python and torch make of the same texts::

    torch.gather(torch.tensor(INPUT), DIM, torch.tensor(INDEX))

(Python's own parser reads the texts; ``inf``/``nan``, torch (``tensor(...)``, ``torch.tensor``),
NumPy (``array(...)``, ``np.array``, ``numpy.array`` and the bare dtype names NumPy prints) are
names in the evaluation namespace, so a pasted printout is read as Python reads it.)
``reference()`` gives the value (``tolist()``, dtype, shape, and each element as ``str(tensor)``
prints it), the exception's type and message, or ``refused`` when NumPy could not build the
array (the explorer must refuse those too, in one line); ``mismatch()`` compares that with what
the explorer returned: values exactly (ints as Python ints, floats bit for bit, bools as
bools), errors by type and exact message.

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
import warnings

import numpy
import torch

from tools.harness.gather_cases import CATEGORIES

# ------------------------------------------------------------------------- the reference

# NumPy dtype names a pasted `array(..., dtype=int32)` printout uses bare
NUMPY_DTYPES = ("int64", "int32", "int16", "int8", "uint8", "float64", "float32", "bool_")


class Refused(Exception):
    """NumPy could not make the array (np.array raised): the explorer refuses such a text too."""


def _array(*args, **kwargs):
    try:
        return numpy.array(*args, **kwargs)
    except Exception as e:  # whatever NumPy raises: the explorer's answer is a refusal
        raise Refused(f"{type(e).__name__}: {e}") from None


_NUMPY = types.SimpleNamespace(array=_array, bool=numpy.bool_, **{n: getattr(numpy, n) for n in NUMPY_DTYPES})
_NAMES = {
    "__builtins__": {"__import__": __import__},  # torch.tensor imports from the caller's frame
    "inf": math.inf,
    "nan": math.nan,
    # torch's and NumPy's printouts, as a reader pastes them
    "tensor": torch.tensor,
    "torch": torch,
    "array": _array,
    "np": _NUMPY,
    "numpy": _NUMPY,
    "int": int,
    "float": float,
    "bool": bool,
    **{n: getattr(numpy, n) for n in NUMPY_DTYPES},
}


def _eval(text: str):
    return eval(text, dict(_NAMES))  # our own generated literals and calls, no builtins


def torch_cells(t: torch.Tensor) -> list[str]:
    """The element texts of ``str(t)`` in row-major order (no padding)."""
    s = str(t)
    assert s.startswith("tensor(") and s.endswith(")"), s
    body = s[len("tensor(") : -1]
    cut = re.search(r",\s*(?:dtype|size|requires_grad|grad_fn)=", body)
    if cut:
        body = body[: cut.start()]
    return re.findall(r"[^\s\[\],]+", body)


def reference(case) -> dict:
    """What torch does with the case's texts: {'value','dtype','shape','cells'} or {'error'}."""
    inp, idx, dim = case
    for text in case:
        try:
            compile(text, "<case>", "eval")
        except SyntaxError as e:  # generators only write valid Python
            raise AssertionError(f"generator wrote invalid Python: {case!r}: {e}") from e
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.tensor(a tensor): "To copy construct ..."
            source = torch.tensor(_eval(inp))
            index = torch.tensor(_eval(idx))
            out = torch.gather(source, _eval(dim), index)
    except Refused as e:
        return {"refused": str(e)}
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

    if "refused" in want:
        e = got.get("error")
        if not e or e.get("kind") != "numpy":
            return f"NumPy refused ({want['refused']}), explorer gave {e or got.get('value')!r}"
        return None
    if got.get("error", {}).get("kind") == "numpy":
        return f"explorer refused {got['error']['message']!r}, torch gave {want.get('error') or want['value']!r}"
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

"""Nested values written as the Python literals a reader types into the gather explorer (varied
spacing, newlines, trailing commas, comments; other spellings of the same number), and random
shapes for the fuzz cases (``tools.harness.gather_cases``).
"""

from __future__ import annotations

import math
import random


def write(value, rng: random.Random, leaf=None) -> str:
    """A nested value as a Python literal, with varied spacing, newlines and trailing commas
    (and comments, with the fancy leaf writer)."""
    leaf = leaf or literal
    if isinstance(value, list):
        seps = [", ", ",", ", ", ",\n ", " , "] + ([",  # 주석, [1]\n "] if leaf is fancy_literal else [])
        sep = rng.choice(seps)
        body = sep.join(write(v, rng, leaf) for v in value)
        if value and rng.random() < 0.05:
            body += ","
        return "[" + body + "]"
    return leaf(value, rng)


def literal(v, rng: random.Random) -> str:
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, float):
        return repr(v)  # shortest repr; 'inf', 'nan', '-0.0', '1e+39'
    return str(v)


def fancy_literal(v, rng: random.Random) -> str:
    """Other spellings Python accepts for the same number."""
    if rng.random() < 0.1:  # unary signs as Python reads them: - 5, --5, +-5, -True
        return rng.choice(["- ", "--", "+-", "-+", "+ "]) + literal(v, rng)
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, int):
        r = rng.random()
        sign = "-" if v < 0 else rng.choice(["", "", "+"])
        a = abs(v)
        if r < 0.2:
            return sign + hex(a)
        if r < 0.3:
            return sign + oct(a)
        if r < 0.4:
            return sign + bin(a)
        if r < 0.6 and a >= 1000:
            return sign + f"{a:_}"
        return sign + str(a)
    if math.isfinite(v) and rng.random() < 0.5:
        return rng.choice([f"{v:.17e}", f"{v:.3e}", f"{v:E}", f"{v:.6f}"]).replace("E+", "E")
    if math.isfinite(v) and v == int(v):
        return f"{int(v)}."
    return repr(v)


def nested(shape, make):
    if not shape:
        return make()
    return [nested(shape[1:], make) for _ in range(shape[0])]


def random_shape(rng, ndim, lo=1, hi=4):
    return [rng.randint(lo, hi) for _ in range(ndim)]


def index_shape(rng, shape, d, grow=0.0):
    """index shape: <= input size on every dim but d (bigger with probability `grow`)."""
    out = []
    for a, s in enumerate(shape):
        if a == d:
            out.append(rng.randint(1, s + 2))
        elif rng.random() < grow:
            out.append(s + rng.randint(1, 2))
        else:
            out.append(rng.randint(1, s))
    return out


def gather_case(rng, make_value, make_index, ndims=(1, 2, 3, 4), grow=0.0, writer=literal):
    ndim = rng.choice(ndims)
    shape = random_shape(rng, ndim)
    dim = rng.randint(-ndim, ndim - 1)
    d = dim % ndim
    ishape = index_shape(rng, shape, d, grow)
    source = nested(shape, make_value)
    index = nested(ishape, lambda: make_index(shape[d]))
    return write(source, rng, writer), write(index, rng, writer), str(dim)

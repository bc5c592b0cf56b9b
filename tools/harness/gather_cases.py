"""The categories of the gather explorer's differential fuzz (``tools.harness.gather_fuzz``): one
generator per thing the explorer must get right, each a function of a seeded ``random.Random``
returning a case ``(input, index, dim)`` as texts.
"""

from __future__ import annotations

import math
import re

import torch

from tools.harness.gather_writing import fancy_literal, gather_case, index_shape, literal, nested, random_shape, write

BIG_INTS = [
    0,
    1,
    -1,
    2**31,
    -(2**31) - 1,
    2**53 - 1,
    2**53,
    2**53 + 1,
    -(2**53) - 1,
    2**62,
    2**63 - 1,
    -(2**63),
    2**63,
    -(2**63) - 1,
    2**64,
    -(2**64),
    10**19,
    10**30,
    -(10**40),
    12345678901234567890,
]


def cat_int_small(rng):
    """Small ints, ranks 1-4, every dim incl. negative; some indices out of range."""
    bad = rng.random() < 0.3
    return gather_case(
        rng,
        lambda: rng.randint(-50, 99),
        lambda n: rng.randint(-2, n + 1) if bad and rng.random() < 0.2 else rng.randint(0, n - 1),
    )


def cat_int_big(rng):
    """int64 exactly: values beyond 2^53, at and over the int64 limits (in input and index)."""
    over = rng.random() < 0.3
    pool = BIG_INTS if over else [v for v in BIG_INTS if -(2**63) <= v < 2**63]

    def value():
        return rng.choice(pool) if rng.random() < 0.5 else rng.randint(-(2**63), 2**63 - 1)

    def index(n):
        return rng.choice(pool) if rng.random() < 0.08 else rng.randint(0, n - 1)

    return gather_case(rng, value, index)


FLOAT_SPECIALS = [
    0.1,
    16777217.0,
    16777216.0,
    1e39,
    -1e39,
    3.4028234663852886e38,
    3.4028235677973366e38,
    1e-45,
    1e-46,
    1.401298464324817e-45,
    7e-46,
    -0.0,
    0.0,
    math.inf,
    -math.inf,
    math.nan,
    1.03125,
    2.5,
    0.5,
    1e8,
    1e8 + 8,
    123456.789,
    1e-4,
    9.99e-5,
    1000.0,
    0.001,
]


def cat_float(rng):
    """float32: rounding of decimal text, ints (even huge ones) and bools mixed in, printing."""
    mode = rng.random()

    def value():
        r = rng.random()
        if r < 0.25:
            return rng.choice(FLOAT_SPECIALS)
        if r < 0.35 and mode < 0.5:
            return rng.choice(
                [rng.randint(-1000, 1000), 2**24 + 1, 2**63, 10**30, True, False]
                + ([2**1024, -(2**1030)] if rng.random() < 0.1 else [])
            )
        if mode < 0.3:
            return float(rng.randint(-20, 20))  # integer mode printing
        if mode < 0.6:
            return round(rng.uniform(-100, 100), rng.randint(0, 6))  # fixed printing
        return rng.choice([-1, 1]) * 10 ** rng.uniform(-50, 45)  # scientific printing

    def index(n):
        return rng.randint(0, n - 1)

    inp, idx, dim = gather_case(rng, value, index, writer=fancy_literal if rng.random() < 0.3 else literal)
    if rng.random() < 0.05:  # a float index is a dtype error (when it is not empty)
        idx = re.sub(r"(?<![\w.])(\d+)(?![\w.])", r"\1.0", idx, count=1)
    return inp, idx, dim


def cat_bool(rng):
    """bool tensors, bools mixed with ints, a bool index."""
    mix = rng.random()

    def value():
        if mix < 0.5:
            return rng.random() < 0.5
        return rng.choice([True, False, rng.randint(-5, 5)])

    def index(n):
        if mix > 0.85:
            return rng.random() < 0.5
        return rng.randint(0, n - 1)

    return gather_case(rng, value, index)


def cat_index_range(rng):
    """Negative and out-of-range index values, several per case: torch reports the first one
    its CPU kernel meets, which depends on shapes and dim."""
    p = rng.choice([0.05, 0.15, 0.4])
    return gather_case(
        rng,
        lambda: rng.randint(0, 9),
        lambda n: rng.choice([-1, -n - 1, n, n + 3, 10**6, -(2**63)]) if rng.random() < p else rng.randint(0, n - 1),
    )


def cat_index_order(rng):
    """2-5 out-of-range values, each a different number, where torch's CPU loop order differs
    from row-major order (3-4 dims, dim not among the last two, index narrower than input in
    its last dim so the TensorIterator cannot coalesce it): only that order names the same
    value as torch."""
    ndim = rng.choice([3, 4])
    shape = random_shape(rng, ndim, 2, 4)
    d = rng.randint(0, ndim - 3) if rng.random() < 0.85 else rng.randint(0, ndim - 1)
    dim = d - ndim if rng.random() < 0.5 else d
    ishape = [rng.randint(2, shape[a] + 1) if a == d else rng.randint(2, shape[a]) for a in range(ndim)]
    if d != ndim - 1 and rng.random() < 0.8:
        ishape[-1] = rng.randint(1, shape[-1] - 1)
    n = shape[d]
    numel = math.prod(ishape)
    where = set(rng.sample(range(numel), min(numel, rng.randint(2, 5))))
    flat = [n + k if k in where else rng.randint(0, n - 1) for k in range(numel)]
    it = iter(flat)
    index = nested(ishape, lambda: next(it))
    return write(nested(shape, lambda: rng.randint(0, 9)), rng), write(index, rng), str(dim)


EMPTY_TEXTS = ["[]", "[[]]", "[[], []]", "[[], [1]]", "[[], 1]", "[[[]]]", "[[[]], [1]]", "[[], [], []]", "[[[], []], [[], []]]"]


def cat_empty(rng):
    """Empty tensors: torch allows an index with a zero-size dim (empty result, index's shape)
    and never stores (so never checks) the elements of an empty shape."""
    r = rng.random()
    if r < 0.4:
        inp = rng.choice(EMPTY_TEXTS + ["[1, 2, 3]", "[[1, 2], [3, 4]]", "[[[1]], [[2]]]", "5"])
        idx = rng.choice(EMPTY_TEXTS)
    elif r < 0.7:
        inp = rng.choice(EMPTY_TEXTS)
        idx = rng.choice(["[0]", "[[0]]", "[[0], [0]]", "[[[0]]]", "0", "[1]", "[[0, 0]]"])
    else:
        ndim = rng.randint(1, 3)
        shape = random_shape(rng, ndim, 0, 3)
        ishape = random_shape(rng, ndim, 0, 3)
        if rng.random() < 0.7:
            ishape[rng.randrange(ndim)] = 0
        inp = write(nested(shape, lambda: rng.randint(0, 9)), rng)
        idx = write(nested(ishape, lambda: rng.randint(0, 2)), rng)
    return inp, idx, str(rng.randint(-3, 3))


def cat_shape_rule(rng):
    """Shape rules: dim range, number of dims (0-d counts as 1-d), index.size(d) <= input.size(d)
    off dim, 0-d tensors, 5-6 dims."""
    r = rng.random()
    if r < 0.35:
        ndim = rng.randint(1, 4)
        shape = random_shape(rng, ndim)
        idx_ndim = ndim if rng.random() < 0.5 else rng.randint(0, 5)
        ishape = random_shape(rng, idx_ndim, 1, 3)
        inp = write(nested(shape, lambda: rng.randint(0, 9)), rng)
        idx = write(nested(ishape, lambda: rng.randint(0, 1)), rng)
        return inp, idx, str(rng.randint(-ndim - 1, ndim))
    if r < 0.6:
        return gather_case(rng, lambda: rng.randint(0, 9), lambda n: rng.randint(0, n - 1), grow=0.4)
    if r < 0.8:  # 0-d input or index
        inp = rng.choice(["5", "-7", "[3]", "[[4]]", "[1, 2]", "2.5", "True"])
        idx = rng.choice(["0", "1", "[0]", "[0, 0]", "[[0]]", "-1", "[1]"])
        return inp, idx, str(rng.randint(-2, 1))
    return gather_case(rng, lambda: rng.randint(0, 9), lambda n: rng.randint(0, n - 1), ndims=(5, 6))


def cat_ragged(rng):
    """Ragged and mixed-depth lists: the first problem in torch's depth-first store wins."""
    ndim = rng.randint(2, 3)
    shape = random_shape(rng, ndim, 1, 3)
    source = nested(shape, lambda: rng.choice([rng.randint(0, 9), rng.randint(0, 9), 2**63, 1.5]))
    for _ in range(rng.randint(1, 2)):
        node = source
        while isinstance(node, list) and node and isinstance(node[0], list) and rng.random() < 0.6:
            node = rng.choice(node)
        if not isinstance(node, list) or not node:
            continue
        k = rng.randrange(len(node))
        r = rng.random()
        if r < 0.3:
            node.pop(k)
        elif r < 0.5:
            node.append(node[k] if not isinstance(node[k], list) else list(node[k]))
        elif r < 0.7:
            node[k] = [node[k]] if not isinstance(node[k], list) else 7
        elif r < 0.85:
            node[k] = []
        else:
            node[k] = rng.choice([True, 2.5, [[1]]])
    inp = write(source, rng)
    if rng.random() < 0.1:
        inp = "[" * 129 + "1" + "]" * 129  # more dims than torch allows
    idx = write(nested([1] * ndim, lambda: 0), rng)
    return (inp, idx, "0") if rng.random() < 0.7 else ("[[1, 2], [3, 4]]", inp.replace("1.5", "1"), "0")


def cat_dim_arg(rng):
    """The dim argument as Python reads it: ints (any spelling), bools, floats, int64 overflow."""
    dim = rng.choice(
        [
            "0",
            "-1",
            "1",
            "+1",
            "-0",
            "0x1",
            "1_0",
            "True",
            "False",
            "1.0",
            "-1.5",
            "1e0",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "4611686018427387904",
            "2",
            "-3",
        ]
    )
    inp, idx, _ = gather_case(rng, lambda: rng.randint(0, 9), lambda n: rng.randint(0, n - 1), ndims=(1, 2))
    if rng.random() < 0.2:
        inp = "[[1, 2], [3]]"  # torch.tensor(input) fails before the dim is looked at
    return inp, idx, dim


def cat_literals(rng):
    """Other spellings: hex/octal/binary, underscores, signs, 1., .5, -True, and pasted printouts
    `tensor([...])` of int64, float32 and bool tensors."""
    if rng.random() < 0.4:
        ndim = rng.randint(1, 3)
        shape = random_shape(rng, ndim)
        kind = rng.choice(["int", "float", "bool", "sci"])
        make = {
            "int": lambda: rng.randint(-999, 999),
            "float": lambda: rng.uniform(-10, 10),
            "bool": lambda: rng.random() < 0.5,
            "sci": lambda: 10 ** rng.uniform(-8, 12),
        }[kind]
        src = torch.tensor(nested(shape, make))
        dim = rng.randint(-ndim, ndim - 1)
        ishape = index_shape(rng, shape, dim % ndim)
        index = torch.randint(0, shape[dim % ndim], ishape, generator=torch.Generator().manual_seed(rng.randrange(2**31)))
        wrap = rng.choice(["", "torch."])
        return wrap + str(src), str(index), str(dim)
    return gather_case(
        rng,
        lambda: rng.choice([rng.randint(-(10**6), 10**6), True, False, -1]),
        lambda n: rng.randint(0, n - 1),
        writer=fancy_literal,
    )


CATEGORIES = {
    "int-small": cat_int_small,
    "int-big": cat_int_big,
    "float": cat_float,
    "bool": cat_bool,
    "index-range": cat_index_range,
    "index-order": cat_index_order,
    "empty": cat_empty,
    "shape-rule": cat_shape_rule,
    "ragged": cat_ragged,
    "dim-arg": cat_dim_arg,
    "literals": cat_literals,
}

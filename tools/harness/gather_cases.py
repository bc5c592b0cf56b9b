"""The categories of the gather explorer's differential fuzz (``tools.harness.gather_fuzz``): one
generator per thing the explorer must get right, each a function of a seeded ``random.Random``
returning a case ``(input, index, dim)`` as texts: Python literals, and what readers paste from
torch and NumPy (printouts with ``dtype=``, ``np.array(...)``, tuples).
"""

from __future__ import annotations

import math
import re

import numpy
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


def ragged_source(rng):
    """A nested value with 1-2 defects (a list too short or long, a number for a list or a list
    for a number, an empty list) and its intended number of dims."""
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
    return source, ndim


def cat_ragged(rng):
    """Ragged and mixed-depth lists: the first problem in torch's depth-first store wins."""
    source, ndim = ragged_source(rng)
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


# --------------------------------------------------- what readers paste from torch and NumPy

TORCH_DTYPES = ["int64", "int32", "int16", "int8", "uint8", "float32", "float64", "bool"]
INT_RANGES = {"int64": (-(2**63), 2**63 - 1), "int32": (-(2**31), 2**31 - 1), "int16": (-(2**15), 2**15 - 1)}
INT_RANGES |= {"int8": (-128, 127), "uint8": (0, 255)}


def typed_value(rng, dtype: str):
    """A random value that fits ``dtype`` (the NumPy or torch dtype name)."""
    if dtype == "bool":
        return rng.random() < 0.5
    if dtype.startswith("float"):
        r = rng.random()
        if r < 0.3:
            return float(rng.randint(-20, 20))
        if r < 0.7:
            return round(rng.uniform(-100, 100), rng.randint(0, 5))
        return rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 12)
    lo, hi = INT_RANGES[dtype]
    return rng.randint(lo, hi) if rng.random() < 0.2 else rng.randint(max(lo, -99), min(hi, 99))


def cat_printout(rng):
    """torch's own printouts pasted back: `tensor([...], dtype=torch.int32)` of every dtype the
    explorer reads (multi-line, padded), `torch.` in front, `requires_grad=` / `device='cpu'`
    added; an int32 index (torch takes it), an int16/uint8/float index (torch refuses it)."""
    ndim = rng.randint(1, 3)
    shape = random_shape(rng, ndim)
    dtype = rng.choice(TORCH_DTYPES)
    src = torch.tensor(nested(shape, lambda: typed_value(rng, dtype)), dtype=getattr(torch, dtype))
    dim = rng.randint(-ndim, ndim - 1)
    n = shape[dim % ndim]
    bad = rng.random() < 0.1
    values = nested(index_shape(rng, shape, dim % ndim), lambda: rng.randint(0, n) if bad else rng.randint(0, n - 1))
    idtype = rng.choice(["int64"] * 5 + ["int32"] * 3 + ["int16", "uint8", "float32"])
    inp, idx = str(src), str(torch.tensor(values, dtype=getattr(torch, idtype)))
    if rng.random() < 0.25:
        extra = rng.choice([", requires_grad=True", ", requires_grad=False", ", device='cpu'", ', device=torch.device("cpu")'])
        inp = inp[:-1] + extra + ")"
    if rng.random() < 0.3:
        inp = "torch." + inp
    return inp, idx, str(dim)


CONVERT_POOL = [
    *(0, 1, -1, 127, 128, -128, -129, 255, 256, -255, -256, 32767, 32768, -32769),
    *(2**31 - 1, 2**31, -(2**31) - 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 2**1024),
    *(0.5, -0.5, -0.99, 255.5, 255.99, 256.0, 127.9, -128.9, 1e10, 9.2e18, 9.3e18, -9.3e18, 2.0**63, -(2.0**63)),
    *(math.nan, math.inf, -math.inf, -0.0, True, False, 1.5, 1e39, 16777217),
]


def cat_dtype_convert(rng):
    """`tensor(LIST, dtype=torch.X)`: torch's conversion of every value to X (truncating
    floats, wrapping negative ints into uint8, overflow errors, int64 overflow, bool of any
    number, float32 rounding), the first bad value in storage order wins."""
    dtype = rng.choice(TORCH_DTYPES)
    p = rng.choice([0.05, 0.2, 0.5])

    def value():
        return rng.choice(CONVERT_POOL) if rng.random() < p else typed_value(rng, dtype)

    inp, idx, dim = gather_case(rng, value, lambda n: rng.randint(0, n - 1), ndims=(1, 2, 3))
    name = rng.choice([dtype] + {"int64": ["long"], "int32": ["int"], "float32": ["float"], "float64": ["double"]}.get(dtype, []))
    inp = f"{rng.choice(['', 'torch.'])}tensor({inp}, dtype=torch.{name})"
    if rng.random() < 0.3:
        idx = f"tensor({idx}, dtype=torch.{rng.choice(['int32', 'int64', 'int16', 'bool', 'float64'])})"
    return inp, idx, dim


NUMPY_SPELLINGS = {
    "int64": ["np.int64", "numpy.int64", "'int64'", "int"],
    "int32": ["np.int32", "'int32'", '"int32"', "int32"],
    "int16": ["np.int16", "int16"],
    "int8": ["np.int8", "'int8'"],
    "uint8": ["np.uint8", "uint8"],
    "float64": ["np.float64", "float", "'float64'", "float64"],
    "float32": ["np.float32", "float32", "'float32'"],
    "bool": ["bool", "np.bool_", "'bool'"],
}


def cat_numpy(rng):
    """NumPy: `np.array(...)` / `array(...)` / `numpy.array(...)` with and without dtype (NumPy's
    inference: float64 for any float, int64, bool), NumPy's printouts (`array([1, 2],
    dtype=int32)`); what NumPy refuses to build (ragged lists, NaN or out-of-range values for an
    integer dtype) the explorer refuses too; torch.tensor keeps NumPy's dtype."""
    r = rng.random()
    dtype = rng.choice([None, None, *NUMPY_SPELLINGS])
    kind = dtype or rng.choice(["int64", "float64", "bool"])
    ndim = rng.randint(0, 3) if r < 0.3 else rng.randint(1, 3)
    shape = random_shape(rng, ndim)

    def value():
        if rng.random() < 0.05:  # NumPy refuses these for an integer dtype
            return rng.choice([math.nan, math.inf, 300, -1, 2**40, -0.5, 255.9, 1e30])
        v = typed_value(rng, kind if kind != "float32" else "float64")
        if kind == "float32" and isinstance(v, int):
            v = max(-(2**24), min(2**24, v))  # ints NumPy and torch round alike
        if dtype is None and kind != "bool" and rng.random() < 0.1:
            v = rng.choice([True, False, rng.randint(-5, 5)])  # mixed: NumPy promotes
        return v

    source = nested(shape, value)
    if r < 0.1:
        source, ndim = ragged_source(rng)
        source = _small_ints(source)  # 2**63 would be a uint64 array, which torch refuses to read
        shape = [1] * ndim
    dim = rng.randint(-max(ndim, 1), max(ndim, 1) - 1)
    if (
        r < 0.3
        and r >= 0.1
        and dtype is not None
        and all(not isinstance(v, float) or math.isfinite(v) for v in numpy.ravel(numpy.array(source, dtype=object)).tolist())
    ):
        try:  # NumPy's own printout of the array
            inp = repr(numpy.array(source, dtype=numpy.dtype(dtype.strip("'\"").removeprefix("np.").removeprefix("numpy."))))
        except (OverflowError, ValueError, TypeError):
            inp = f"np.array({write(source, rng)}, dtype={rng.choice(NUMPY_SPELLINGS[kind])})"
    else:
        call = rng.choice(["np.array", "array", "numpy.array"])
        arg = f", dtype={rng.choice(NUMPY_SPELLINGS[dtype])}" if dtype else ""
        inp = f"{call}({write(source, rng)}{arg})"
    n = shape[dim % ndim] if ndim else 1
    ix = nested(index_shape(rng, shape, dim % ndim) if ndim else [], lambda: rng.randint(0, n - 1))
    idx = rng.choice([write(ix, rng), f"np.array({write(ix, rng)})", f"np.array({write(ix, rng)}, dtype=np.int32)"])
    if rng.random() < 0.05:
        idx = f"np.array({write(ix, rng)}, dtype=np.uint8)"  # torch: not an index dtype
    return inp, idx, str(dim)


def _small_ints(value):
    if isinstance(value, list):
        return [_small_ints(v) for v in value]
    return 7 if type(value) is int and abs(value) >= 2**63 else value


def write_tuples(value, rng) -> str:
    """A nested value with tuples for some of its lists: `(1, 2)`, `(1,)`, `()`, and parentheses
    that only group (`(3)` is 3, `((1, 2))` is `(1, 2)`)."""
    if isinstance(value, list):
        items = [write_tuples(v, rng) for v in value]
        if rng.random() < 0.6:
            trailing = ", " if items and rng.random() < 0.1 else ""
            text = "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + trailing + ")"
        else:
            text = "[" + ", ".join(items) + "]"
        return f"({text})" if rng.random() < 0.05 else text
    text = literal(value, rng)
    return f"({text})" if rng.random() < 0.1 else text


def cat_tuples(rng):
    """Tuples where torch.tensor takes lists: nested, 1-tuples, empty, grouping parentheses, and
    ragged ones (torch names the type: 'tuple' object cannot be interpreted as an integer)."""
    if rng.random() < 0.3:
        source, ndim = ragged_source(rng)
        return write_tuples(source, rng), write_tuples([0] * ndim if rng.random() < 0.5 else [[0]] * 1, rng), "0"
    ndim = rng.randint(0, 3)
    shape = random_shape(rng, ndim, 0 if rng.random() < 0.1 else 1, 3)
    make = rng.choice([lambda: rng.randint(-9, 9), lambda: rng.uniform(-5, 5), lambda: rng.random() < 0.5])
    source = nested(shape, make)
    d = rng.randint(0, max(ndim, 1) - 1)
    n = shape[d] if ndim else 1
    ishape = index_shape(rng, shape, d) if ndim and 0 not in shape else [rng.randint(0, 1) for _ in range(max(ndim, 1))]
    index = nested(ishape, lambda: rng.randint(0, max(n - 1, 0)))
    return write_tuples(source, rng), write_tuples(index, rng), str(d - ndim if ndim and rng.random() < 0.3 else d)


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
    "printout": cat_printout,
    "dtype-convert": cat_dtype_convert,
    "numpy": cat_numpy,
    "tuples": cat_tuples,
}

/* torch.gather explorer (day12 note). Plain JS, no framework, no network, CSP-clean (no
 * inline handlers, no eval / new Function, styles only through `el.style`).
 *
 * Markup: an element with [data-gather-explorer] (empty; any content is replaced). Loaded
 * only on pages that contain one (overrides/main.html). Material's instant navigation swaps
 * the page without reloading scripts, so initialisation runs on every `document$` emission
 * and is idempotent. An explorer is built when it comes within a screen of the viewport or
 * when the browser is idle after load (schedule()), in two short tasks (controls, then the
 * first example), so it adds no long task to the page's start.
 *
 * WHAT THE EXPLORER COMPUTES. For the three text boxes input, index and dim it shows what
 *     torch.gather(torch.tensor(INPUT), DIM, torch.tensor(INDEX))
 * does in torch 2.x on the CPU: the same value, or the same exception with torch's exact
 * message (`Type: message`, followed by a Korean explanation).
 *
 * The input language (a subset of Python, what a reader copies from Python, torch or NumPy):
 *   - nested lists `[...]` and tuples `(1, 2)`, `(1,)`, `()` (parentheses without a comma
 *     only group: `(3)` is 3), trailing commas and `# comments` allowed, up to 200 levels as
 *     in Python; or a bare number (a 0-d tensor);
 *   - torch's printout: the value in `tensor(...)` / `torch.tensor(...)` with the keyword
 *     arguments `dtype=torch.X` (X: int64/long, int32/int, int16/short, int8, uint8,
 *     float32/float, float64/double, bool), `device='cpu'` and `requires_grad=True|False`;
 *   - NumPy's: `array(...)` / `np.array(...)` / `numpy.array(...)` with `dtype=` as np.X,
 *     'X', a bare X as NumPy prints it (`dtype=int32`) or int/float/bool; NumPy builds the
 *     array first (its dtype: float64 if any float, else int64, bool if all bool; float64
 *     when empty; ints truncated from floats), and what NumPy refuses to build (a ragged
 *     list, NaN or a value outside an integer dtype, ints outside int64) is refused (kind
 *     "numpy", no Python type), then torch.tensor keeps NumPy's dtype;
 *   - numbers: Python int literals (decimal, `0x`/`0o`/`0b`, `_` separators), float literals
 *     (`1.`, `.5`, `1e-3`), `True`/`False`, and `inf`/`nan` as torch prints them; unary
 *     signs as Python reads them (`-1`, `- 1`, `--1`; `-True` is the int -1).
 *   Other dtypes (float16, bfloat16, complex), `device='cuda'`, `grad_fn=<...>`, `size=`,
 *   complex numbers and other expressions are refused with a one-line reason.
 * Text outside the language, and the size limits below, are the explorer's own errors
 * (kind "syntax" / "too-big", no Python type); like Python's SyntaxError they come before
 * anything torch does. Then, in the order Python and torch meet them:
 * torch.tensor's rules (input first, then index):
 *   1. shape from the first element at each depth; more than 128 dims ->
 *      ValueError: too many dimensions 'list'
 *   2. dtype given by `dtype=`, or from every element: all bool -> bool, ints (and bools)
 *      -> int64, any float or any empty list -> float32 (torch.get_default_dtype());
 *   3. an empty shape stores nothing (so `[[], [1]]` is an empty (2, 0) float32 tensor);
 *      otherwise elements are stored depth-first and the first problem met raises:
 *      TypeError: not a sequence / ValueError: expected sequence of length N at dim D (got M)
 *      / TypeError: 'list' object cannot be interpreted as an integer (int64, bool) /
 *      TypeError: must be real number, not list (float32) / ValueError: Overflow when
 *      unpacking long long (int64 outside [-2^63, 2^63-1], exact with BigInt) /
 *      OverflowError: int too large to convert to float; floats are rounded to float32
 *      (text -> double -> float32, as Python and torch do). With an explicit integer dtype:
 *      floats are truncated and must lie in [min, max + 1), ints in [min, max] (uint8 also
 *      takes -255..-1, wrapped), else RuntimeError: value cannot be converted to type X
 *      without overflow; bool takes any number (NaN is True). The type in a message is the
 *      Python type met ('tuple' object cannot be interpreted as an integer);
 *   4. requires_grad=True on a non-float tensor: RuntimeError: Only Tensors of floating point
 *      and complex dtype can require gradients.
 * torch.gather's rules, in torch's order:
 *   dim: int literal only (TypeError ... must be int, not float|bool; ValueError on int64
 *   overflow); IndexError: Dimension out of range (expected to be in range of [-n, n-1], but
 *   got D) with n = max(input.dim(), 1); an empty index (of any dtype) returns an empty
 *   result of index's shape and input's dtype without further checks; index must be int64 or int32 (RuntimeError: gather(): Expected
 *   dtype int32/int64 for index); same number of dims (0-d counts as 1-d); index.size(d) <=
 *   input.size(d) for d != dim; then the CPU kernel checks every index value and reports the
 *   FIRST bad one in its iteration order: the TensorIterator order (dims sorted by strides and
 *   coalesced, see `kernelPlan`) with the gathered dim innermost when it is the last dim, else
 *   just outside the fastest TensorIterator dim. (For an index of >= 32768 elements torch
 *   splits the loop over threads, and with several bad values its message then depends on
 *   thread timing; the explorer reports the serial order.)
 *
 * OUTPUT. [data-role=output] holds the result as JSON in data-value ("" on error): int64 as
 * exact integers, bool as true/false, float32 as the float32 value widened to double (what
 * `tensor.tolist()` gives, e.g. 0.10000000149011612) printed with a '.' or exponent so it
 * reads back as a float, and NaN / Infinity / -Infinity / -0.0 as Python's json reads them.
 * Cells show each element as torch prints it: int64 as the integer, bool as True/False,
 * float32 with torch's default print options (precision 4; per tensor: integer mode `3.`,
 * fixed `0.1000`, or scientific `1.0000e+08` when max/min > 1000, max > 1e8 or min < 1e-4),
 * without the padding torch adds for alignment.
 *
 * SIZE. Each text may hold up to 4 MiB of characters and 2^20 elements; both are checked
 * before parsing (the length, then the commas: more than 1.25 x 2^20 is refused) and the
 * elements again while parsing. Work above 20,000 characters runs in slices of ~10 ms (no
 * long task); at most 1000 cells (torch's print threshold) are drawn per tensor, larger
 * tensors get a one-line summary. Typing is debounced (150 ms; `change`,
 * i.e. leaving the box, and Enter in dim update at once). A paste of more than 100,000
 * characters is taken over by the explorer and the text box is folded (the browser would
 * spend about a second laying out megabytes of text in a visible text box).
 *
 * Test hooks: [data-role=input|index|dim|preset] controls, [data-role=output] with data-value
 * and data-state=ok|error, [data-role=error] (data-kind), [data-role=formula]; every cell has
 * data-pos="i,j,..." and highlighted cells get .is-src / .is-idx / .is-out. The root has
 * [data-pending] while an update is scheduled or running. window.GatherExplorer.compute(
 * inputText, indexText, dimText) runs the same engine without the page and returns
 * {value, shape, dtype, cells} or {error: {kind, type, message}}.
 */
(function () {
  "use strict";

  if (window.GatherExplorer) {
    // Script re-run by instant navigation: just initialise the new page.
    window.GatherExplorer.initAll();
    return;
  }

  var LIMITS = {
    chars: 4 * 1024 * 1024, // characters per text box, checked before parsing
    elements: 1 << 20,      // elements per tensor: commas counted before parsing, leaves while parsing
    drawn: 1000,            // cells drawn per tensor (torch prints up to 1000 elements in full)
    nesting: 200,           // Python refuses deeper brackets ("too many nested parentheses")
    dims: 128               // torch.tensor: "too many dimensions 'list'" above 128
  };
  var DEBOUNCE_MS = 150;
  var SYNC_CHARS = 20000;   // up to this many characters in all three boxes an update runs at once
  var BIG_TEXT = 100000;    // a text box holding more characters is folded (browser layout cost)
  var SLICE_MS = 10;        // work per task when an update runs in slices
  var INT64_MIN = -(BigInt(2) ** BigInt(63));
  var INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);

  var PRESETS = [
    {
      id: "seed-dim1",
      label: "노트의 예: dim=1 (3×5, index 3×4)",
      input: "[[1, 2, 3, 4, 5],\n [6, 7, 8, 9, 10],\n [11, 12, 13, 14, 15]]",
      index: "[[0, 1, 2, 3],\n [4, 0, 3, 3],\n [2, 2, 1, 0]]",
      dim: 1,
      focus: [1, 2]
    },
    {
      id: "dim0",
      label: "dim=0 예 (index 2×4)",
      input: "[[1, 2, 3, 4, 5],\n [6, 7, 8, 9, 10],\n [11, 12, 13, 14, 15]]",
      index: "[[2, 0, 1, 2],\n [0, 1, 2, 0]]",
      dim: 0,
      focus: [1, 2]
    },
    {
      id: "diag-tall",
      label: "3-D 대각선: 세로로 긴 행렬 2×4×3, dim=1",
      input: "[[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]],\n [[12, 13, 14], [15, 16, 17], [18, 19, 20], [21, 22, 23]]]",
      index: "[[[0, 1, 2]],\n [[0, 1, 2]]]",
      dim: 1,
      focus: [1, 0, 2]
    },
    {
      id: "diag-wide",
      label: "3-D 대각선: 가로로 긴 행렬 2×3×4, dim=-1",
      input: "[[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]],\n [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]",
      index: "[[[0], [1], [2]],\n [[0], [1], [2]]]",
      dim: -1,
      focus: [1, 2, 0]
    }
  ];

  /* ---------------------------------------------------------------- errors */

  // type: the Python exception torch raises (null for the explorer's own refusals: text it
  // cannot read, size limits); message: torch's str(exception), exactly; hint: Korean.
  function GatherError(kind, type, message, hint, field) {
    this.kind = kind;
    this.type = type;
    this.message = message;
    this.hint = hint;
    this.field = field;
  }
  GatherError.prototype.text = function () {
    return this.type ? this.type + ": " + this.message : this.message;
  };

  var LIST_HINT = "중첩 리스트로 적는다. 예: [[1, 2], [3, 4]]";

  function syntaxError(name, msg, hint) {
    return new GatherError("syntax", null, name + ": " + msg, hint || LIST_HINT, name);
  }

  // 1,000,000 (without Intl: its first use costs tens of milliseconds)
  function fmtCount(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /* ---------------------------------------------------------------- parsing */

  var RE_DEC = /^(?:0(?:_?0)*|[1-9](?:_?\d)*)$/;
  var RE_RADIX = /^0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)$/;
  var RE_FLOAT = /^(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.)(?:[eE][+-]?\d(?:_?\d)*)?$|^\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*$/;

  // One Python literal -> int: canonical decimal string ("-12"), float: number, bool: boolean.
  // null when the token is not in the language.
  function literal(tok, sign) {
    var neg = sign === "-";
    var s;
    if (RE_DEC.test(tok)) {
      s = tok.indexOf("_") >= 0 ? tok.replace(/_/g, "") : tok;
      if (s.charCodeAt(0) === 48) s = "0"; // 0, 00, 0_0
      return neg && s !== "0" ? "-" + s : s;
    }
    if (RE_FLOAT.test(tok)) {
      var x = Number(tok.indexOf("_") >= 0 ? tok.replace(/_/g, "") : tok);
      return neg ? -x : x;
    }
    if (RE_RADIX.test(tok)) {
      s = BigInt(tok.replace(/_/g, "")).toString();
      return neg && s !== "0" ? "-" + s : s;
    }
    if (tok === "True" || tok === "False") {
      if (!sign) return tok === "True";
      return tok === "True" ? (neg ? "-1" : "1") : "0"; // -True is the int -1 in Python
    }
    if (tok === "inf") return neg ? -Infinity : Infinity;
    if (tok === "nan") return NaN;
    return null;
  }

  function badToken(name, tok, at) {
    var where = at + "번째 글자 '" + tok + "'";
    if (/^[+-]?0\d+$/.test(tok)) {
      return syntaxError(name, where + ": Python은 0으로 시작하는 정수(예: 012)를 허용하지 않는다", "12처럼 앞의 0을 뺀다");
    }
    if (/^[\d.]+[jJ]$/.test(tok)) {
      return syntaxError(name, where + "는 복소수다", "이 탐색기는 정수, 실수, True/False만 다룬다");
    }
    return syntaxError(name, where + "는 숫자가 아니다", "정수(3), 실수(0.5, 1e-3), True/False, inf, nan만 적는다. " + LIST_HINT);
  }

  function isSpace(c) {
    return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11;
  }

  function isTokenChar(c) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
  }

  // Leaves of a parsed text, stored without one object per number: kinds[i] is 0 bool,
  // 1 int (exact in vals[i]), 2 float (vals[i] is the double), 3 int too long for a double
  // (decimal string in bigs[i]).
  function Leaves() {
    this.n = 0;
    this.kinds = new Uint8Array(1024);
    this.vals = new Float64Array(1024);
    this.bigs = {};
  }
  Leaves.prototype.add = function (kind, val) {
    if (this.n === this.kinds.length) {
      var k = new Uint8Array(this.n * 2);
      k.set(this.kinds);
      this.kinds = k;
      var v = new Float64Array(this.n * 2);
      v.set(this.vals);
      this.vals = v;
    }
    this.kinds[this.n] = kind;
    this.vals[this.n] = val;
    return this.n++;
  };
  Leaves.prototype.addLiteral = function (v) {
    if (typeof v === "boolean") return this.add(0, v ? 1 : 0);
    if (typeof v === "number") return this.add(2, v);
    if (v.length <= 15) return this.add(1, +v);
    var id = this.add(3, 0);
    this.bigs[id] = v;
    return id;
  };

  // Text -> {tree, leaves, hasEmpty, call}: nested JS arrays (a tuple has .t) whose leaves are
  // ids into `leaves`; call: what the value was wrapped in (parseCall). A linear scanner with
  // an explicit stack (no recursion), yielding every 8192 characters; plain decimal ints are
  // read from the character codes without making a string.
  function* parseGen(text, name) {
    var src = String(text);
    var start = 0;
    var end = src.length;
    while (start < end && isSpace(src.charCodeAt(start))) start++;
    while (end > start && isSpace(src.charCodeAt(end - 1))) end--;
    if (start === end) throw syntaxError(name, "비어 있다");
    var wrapped = RE_CALL.exec(src.slice(start, start + 40));
    var args = null; // the text after the value's top-level ',' inside tensor(...) / array(...)
    if (wrapped) {
      if (src.charCodeAt(end - 1) !== 41) throw syntaxError(name, "'" + wrapped[0] + "'를 닫는 ')'가 없다");
      start += wrapped[0].length;
      end -= 1;
    }
    var leaves = new Leaves();
    var hasEmpty = false;
    var stack = [];
    var paren = []; // per open bracket: 0 '[', 1 '(' without a comma yet, 2 '(' with one
    var root;
    var state = 0; // 0: a value must come (start, after '[' / '('), 1: after a value, 2: after ','
    var pos = start;
    var work = 0;
    function fail(msg, hint) {
      throw syntaxError(name, msg, hint);
    }
    function afterValue(at) {
      if (!stack.length) {
        fail((at + 1) + "번째 글자부터는 읽을 수 없다: 값 하나(리스트 하나)만 적는다");
      }
      fail((at + 1) + "번째 글자 '" + src[at] + "' 자리에 ',' 또는 '" + (paren[paren.length - 1] ? ")" : "]") + "'가 와야 한다");
    }
    while (pos < end) {
      if (++work === 8192) {
        work = 0;
        yield;
      }
      var c = src.charCodeAt(pos);
      if (isSpace(c)) {
        pos++;
        continue;
      }
      if (c === 35) { // # a Python comment, up to the end of the line
        pos = src.indexOf("\n", pos);
        if (pos < 0 || pos > end) pos = end;
        continue;
      }
      if (c === 91 || c === 40) { // [ (
        if (state === 1) afterValue(pos);
        if (stack.length >= LIMITS.nesting) {
          fail("괄호가 " + LIMITS.nesting + "겹보다 깊다 (Python: SyntaxError: too many nested parentheses)");
        }
        var list = [];
        if (c === 40) list.t = 1;
        if (stack.length) stack[stack.length - 1].push(list);
        else root = list;
        stack.push(list);
        paren.push(c === 40 ? 1 : 0);
        state = 0;
        pos++;
        continue;
      }
      if (c === 93 || c === 41) { // ] )
        if (!stack.length) fail((pos + 1) + "번째 글자 '" + src[pos] + "'와 짝이 맞는 '" + (c === 93 ? "[" : "(") + "'가 없다");
        var kind = paren.pop();
        if ((kind === 0) !== (c === 93)) fail((pos + 1) + "번째 글자 '" + src[pos] + "': 여는 괄호 '" + (kind ? "(" : "[") + "'와 짝이 맞지 않는다");
        var done = stack.pop();
        if (kind === 1 && done.length === 1) { // (x) is x: parentheses group, only a comma makes a tuple
          if (stack.length) stack[stack.length - 1][stack[stack.length - 1].length - 1] = done[0];
          else root = done[0];
        } else if (!done.length) {
          hasEmpty = true;
        }
        state = 1;
        pos++;
        continue;
      }
      if (c === 44) { // ,
        if (state === 1 && !stack.length) {
          if (!wrapped) afterValue(pos);
          args = src.slice(pos + 1, end);
          break;
        }
        if (state !== 1) fail((pos + 1) + "번째 글자 ',' 앞에 값이 없다");
        if (paren[paren.length - 1]) paren[paren.length - 1] = 2;
        state = 2;
        pos++;
        continue;
      }
      if (state === 1) afterValue(pos);
      var t0 = pos;
      var sign = ""; // Python's unary signs: "-", "- 1", "--1", "+-1"
      while (c === 43 || c === 45) {
        sign = (c === 45) === (sign === "-") ? "+" : "-";
        pos++;
        while (pos < end && isSpace(src.charCodeAt(pos))) pos++;
        c = src.charCodeAt(pos);
      }
      if (c === 40 || c === 91) fail((pos + 1) + "번째 글자 '" + src[pos] + "': 괄호 앞의 부호는 읽지 않는다. 부호는 숫자 앞에 쓴다");
      var b = pos;
      var first = src.charCodeAt(b);
      var second = src.charCodeAt(b + 1) | 32;
      var radix = first === 48 && (second === 120 || second === 111 || second === 98); // 0x 0o 0b
      var digitsOnly = true;
      var num = 0;
      while (pos < end) {
        var ch = src.charCodeAt(pos);
        if (ch >= 48 && ch <= 57) {
          num = num * 10 + (ch - 48);
          pos++;
        } else if (isTokenChar(ch)) {
          digitsOnly = false;
          pos++;
        } else if ((ch === 43 || ch === 45) && !radix && pos > b && (src.charCodeAt(pos - 1) | 32) === 101) {
          digitsOnly = false;
          pos++; // exponent sign: 1e-3
        } else {
          break;
        }
      }
      var len = pos - b;
      var id;
      if (digitsOnly && len > 0 && len <= 15 && (first !== 48 || len === 1)) {
        id = leaves.add(1, sign === "-" && num ? -num : num); // the common case: a plain int
      } else {
        var tok = src.slice(b, pos);
        if (!tok) fail(pos >= end ? "입력이 중간에 끝났다" : (pos + 1) + "번째 글자 '" + src[pos] + "'는 숫자가 아니다");
        var v = literal(tok, sign);
        if (v === null) throw badToken(name, sign + tok, t0 + 1);
        id = leaves.addLiteral(v);
      }
      if (leaves.n > LIMITS.elements) throw tooManyElements(name, "원소가 " + fmtCount(LIMITS.elements) + "개보다 많다");
      if (stack.length) stack[stack.length - 1].push(id);
      else root = id;
      state = 1;
    }
    if (stack.length) fail("닫는 '" + (paren[paren.length - 1] ? ")" : "]") + "'가 " + stack.length + "개 모자란다");
    if (state !== 1) fail("비어 있다");
    return { tree: root, leaves: leaves, hasEmpty: hasEmpty, call: parseCall(wrapped, args, name) };
  }

  // tensor(...) / torch.tensor(...) (torch's printout) and array(...) / np.array(...) /
  // numpy.array(...) (NumPy's) with their keyword arguments -> {numpy, dtype, grad}; a bare
  // value -> {numpy: false, dtype: null}. dtype null: inferred from the elements.
  var RE_CALL = /^(?:(?:torch\.)?tensor|(?:(?:np|numpy)\.)?array)\s*\(/;
  var TORCH_DTYPES = {
    int64: "int64", long: "int64", int32: "int32", int: "int32", int16: "int16", short: "int16", int8: "int8",
    uint8: "uint8", float32: "float32", float: "float32", float64: "float64", double: "float64", bool: "bool"
  };
  var NUMPY_DTYPES = {
    int64: "int64", int32: "int32", int16: "int16", int8: "int8", uint8: "uint8", float64: "float64",
    float32: "float32", bool: "bool", bool_: "bool", int: "int64", float: "float64", double: "float64"
  };
  var DTYPE_HINT = "dtype는 int64, int32, int16, int8, uint8, float64, float32, bool만 읽는다";
  function parseCall(wrapped, args, name) {
    var numpy = !!wrapped && wrapped[0].indexOf("array") >= 0;
    var call = { numpy: numpy, dtype: null, grad: false };
    if (!args) return call;
    var seen = {};
    var items = args.replace(/#[^\n]*/g, "").split(",");
    for (var i = 0; i < items.length; i++) {
      var item = items[i].trim();
      if (!item && i === items.length - 1) break; // a trailing comma
      var m = /^([A-Za-z_]\w*)\s*=\s*([\s\S]*)$/.exec(item);
      var fn = wrapped[0].replace(/\s*\($/, "");
      if (!m) {
        throw syntaxError(name, fn + "(...)의 '" + item + "'는 읽지 않는다: 값 하나와 dtype= 같은 인자만 적는다");
      }
      var key = m[1];
      var raw = m[2].trim();
      var val = raw.replace(/^(["'])(.*)\1$/, "$2");
      if (seen[key]) throw syntaxError(name, key + "=가 두 번 있다 (Python: SyntaxError: keyword argument repeated)");
      seen[key] = true;
      if (key === "dtype") {
        var dm = numpy ? /^(?:(?:np|numpy)\.)?(\w+)$/.exec(val) : /^torch\.(\w+)$/.exec(val);
        var dtype = dm && (numpy ? NUMPY_DTYPES : TORCH_DTYPES)[dm[1]];
        if (!dtype || !Object.prototype.hasOwnProperty.call(numpy ? NUMPY_DTYPES : TORCH_DTYPES, dm[1])) {
          throw new GatherError("syntax", null, name + ": dtype=" + raw + "는 읽지 않는다",
            DTYPE_HINT + (numpy ? " (NumPy: dtype=np.int32 또는 'int32')" : " (torch: dtype=torch.int32)"), name);
        }
        call.dtype = dtype;
      } else if (key === "requires_grad" && !numpy && (val === "True" || val === "False")) {
        call.grad = val === "True";
      } else if (key === "device" && !numpy) {
        if (!/^(?:(?:torch\.)?device\(\s*(?:type\s*=\s*)?(["'])cpu\1\s*\)|cpu)$/.test(val)) {
          throw syntaxError(name, "device=" + raw + "는 읽지 않는다: 이 탐색기는 CPU의 torch처럼 계산한다", "device= 인자를 지우거나 device='cpu'로 적는다");
        }
      } else {
        throw syntaxError(name, fn + "(...)의 " + key + "= 인자는 읽지 않는다" +
          (key === "grad_fn" ? " (torch가 출력만 하는 표시다)" : key === "size" ? " (빈 텐서의 출력이다)" : ""),
          numpy ? "array(...)에는 값과 dtype=만 적는다" : "tensor(...)에는 값과 dtype=, device='cpu', requires_grad=만 적는다");
      }
    }
    return call;
  }

  function tooManyElements(name, what) {
    return new GatherError("too-big", null, name + ": " + what,
      "이 탐색기는 텐서 하나에 원소 " + fmtCount(LIMITS.elements) + "개, 글자 " +
      fmtCount(LIMITS.chars) + "자(4 MiB)까지 계산한다 (torch는 더 큰 텐서도 된다)", name);
  }

  // Limits checked before any parsing: the raw length, then a count of commas (an element
  // needs a comma or is the last of its list, so commas + 1 >= elements).
  function* precheckGen(text, name) {
    if (text.length > LIMITS.chars) throw tooManyElements(name, "글자가 " + fmtCount(text.length) + "자다");
    var commas = 0;
    var i = -1;
    while ((i = text.indexOf(",", i + 1)) >= 0) {
      if ((++commas & 65535) === 0) yield;
      if (commas >= LIMITS.elements + LIMITS.elements / 4) {
        throw tooManyElements(name, "쉼표가 " + fmtCount(commas) + "개를 넘는다 (원소가 " + fmtCount(LIMITS.elements) + "개보다 많다)");
      }
    }
  }

  // dim text -> {dim: BigInt} or {argError} (raised by torch only after both tensors exist).
  function parseDim(text) {
    var s = String(text).trim();
    var m = /^([+-]?)([0-9A-Za-z_.+-]+)$/.exec(s);
    var v = m ? literal(m[2], m[1]) : null;
    var hint = "dim은 정수다 (음수는 뒤에서부터 센다: -1은 마지막 축)";
    if (v === null || (typeof v === "number" && !RE_FLOAT.test(m[2]))) {
      throw syntaxError("dim", s ? "'" + s + "'는 정수가 아니다" : "비어 있다", hint);
    }
    if (typeof v === "string") {
      var big = BigInt(v);
      if (big < INT64_MIN || big > INT64_MAX) {
        return { argError: new GatherError("dim-type", "ValueError", "Overflow when unpacking long long", hint + ". int64 범위를 넘는다", "dim") };
      }
      return { dim: big };
    }
    var type = typeof v === "boolean" ? "bool" : "float";
    return { argError: new GatherError("dim-type", "TypeError", "gather(): argument 'dim' (position 2) must be int, not " + type, hint, "dim") };
  }

  /* ---------------------------------------------------------------- torch.tensor */

  // integer dtypes other than int64: [min, max]
  var INT_RANGE = { int32: [-2147483648, 2147483647], int16: [-32768, 32767], int8: [-128, 127], uint8: [0, 255] };
  var TWO63 = 9223372036854775808;

  function isFloat(dtype) {
    return dtype === "float32" || dtype === "float64";
  }

  function seqType(x) {
    return x.t ? "tuple" : "list";
  }

  function path(name, idx, depth) {
    var s = name;
    for (var k = 0; k <= depth; k++) s += "[" + idx[k] + "]";
    return s;
  }

  // NumPy builds the array (np.array) before torch sees it: its refusals are the explorer's
  // own (kind "numpy", no Python type), one line each.
  function numpyError(name, what) {
    return new GatherError("numpy", null, name + ": NumPy가 배열을 만들지 못한다: " + what,
      "np.array(...)는 네모 반듯한 리스트와 dtype 범위 안의 값만 읽는다", name);
  }

  // np.array's shape rule: every list at a depth has the same length, numbers only at the
  // deepest level (torch only looks at what it stores), at most 64 dims
  function* numpyShapeGen(tree, sizes, name) {
    if (sizes.length > 64) throw numpyError(name, "64차원보다 깊다");
    var ndim = sizes.length;
    var todo = [[tree, 0]];
    var work = 0;
    while (todo.length) {
      var top = todo.pop();
      var node = top[0];
      var d = top[1];
      if (Array.isArray(node) !== (d < ndim) || (d < ndim && node.length !== sizes[d])) {
        throw numpyError(name, "리스트의 길이나 깊이가 고르지 않다 (ValueError: setting an array element with a sequence)");
      }
      if (d < ndim) for (var i = 0; i < node.length; i++) todo.push([node[i], d + 1]);
      if (++work === 16384) {
        work = 0;
        yield;
      }
    }
  }

  // One leaf -> its value in a tensor of `dtype` (int64: number or decimal string, other ints
  // and bool: number, floats: double, float32 rounded), by torch.tensor's rules or, with
  // `numpy`, np.array's. Throws torch's error (or the NumPy refusal) for a value it refuses.
  function convert(L, id, dtype, numpy, where, name) {
    var kind = L.kinds[id];
    var v = L.vals[id];
    var text = kind === 3 ? L.bigs[id] : null;
    var big = kind === 3 ? BigInt(text) : null;
    var outside = kind === 3 && (big < INT64_MIN || big > INT64_MAX);
    if (numpy && outside) throw numpyError(name, where() + " = " + text + ": int64 밖의 정수는 uint64나 object 배열이 된다");
    if (kind === 0) return v;
    if (dtype === "bool") return v !== 0 || kind === 3 ? 1 : 0; // NaN is True
    if (isFloat(dtype)) {
      if (kind === 3) {
        v = Number(big); // correctly rounded, as Python's int -> float
        if (!isFinite(v)) {
          throw new GatherError("overflow", "OverflowError", "int too large to convert to float",
            where() + "의 정수가 너무 커서 float로 바꿀 수 없다", name);
        }
      }
      return dtype === "float32" ? Math.fround(v) : v;
    }
    // an integer dtype
    var range = INT_RANGE[dtype];
    var bad = function () {
      if (numpy) return numpyError(name, where() + " = " + (text || formatFixed(v, 0)) + "는 " + dtype + " 범위를 넘는다 (OverflowError)");
      return new GatherError("overflow", "RuntimeError", "value cannot be converted to type " + dtype + " without overflow",
        where() + "의 값이 " + dtype + " 범위" + (range ? "(" + range[0] + " ~ " + range[1] + ")" : "") + "를 넘는다", name);
    };
    if (kind === 2) { // a float is truncated: torch allows [min, max + 1), NumPy (min - 1, max + 1)
      if (v !== v || !isFinite(v)) throw bad();
      var t = Math.trunc(v) || 0;
      if ((numpy ? t : v) < (range ? range[0] : -TWO63) || v >= (range ? range[1] + 1 : TWO63)) throw bad();
      return Math.abs(t) < 1e15 ? t : BigInt(t).toString();
    }
    if (outside) {
      throw new GatherError("overflow", "ValueError", "Overflow when unpacking long long",
        where() + " = " + text + "는 int64 범위(-9223372036854775808 ~ 9223372036854775807)를 넘는다", name);
    }
    if (!range) return kind === 3 ? text : v; // int64
    if (kind === 3) throw bad();
    if (v <= range[1] && v >= range[0]) return v;
    if (dtype === "uint8" && !numpy && v < 0 && v >= -255) return v + 256; // torch wraps -255..-1
    throw bad();
  }

  // Parsed text -> {shape, dtype, data}: data is flat row-major; integers in an Array as
  // numbers (int64: exact below 10^15, else canonical decimal strings), floats in a
  // Float64Array (float32 already rounded with Math.fround), bool in a Uint8Array.
  function* tensorGen(parsed, name) {
    var tree = parsed.tree;
    var L = parsed.leaves;
    var call = parsed.call;
    var numpy = call.numpy;
    var sizes = [];
    var node = tree;
    while (Array.isArray(node)) {
      sizes.push(node.length);
      if (sizes.length > LIMITS.dims && !numpy) {
        throw new GatherError("dims", "ValueError", "too many dimensions '" + seqType(node) + "'",
          name + "의 괄호가 " + LIMITS.dims + "겹보다 깊다. torch 텐서는 " + LIMITS.dims + "차원까지다", name);
      }
      if (!node.length) break;
      node = node[0];
    }
    var ndim = sizes.length;
    if (numpy) yield* numpyShapeGen(tree, sizes, name);

    // dtype: the call's, or promoted over every element (at any depth); torch: an empty list
    // counts as float32, NumPy: any float -> float64, no elements -> float64
    var kinds = L.kinds;
    var dtype = call.dtype;
    if (!dtype) {
      var rank = parsed.hasEmpty && !numpy ? 2 : 0;
      for (var i = 0; i < L.n && rank < 2; i++) {
        var k = kinds[i];
        if (k === 2) rank = 2;
        else if (k !== 0) rank = 1;
      }
      if (numpy && !L.n) rank = 2;
      dtype = [["bool", "int64", "float32"], ["bool", "int64", "float64"]][numpy ? 1 : 0][rank];
    }
    var numel = 1;
    for (var a = 0; a < ndim; a++) numel *= sizes[a];
    // a ragged text can promise more elements than it has: it fails before they are stored
    var room = Math.min(numel, L.n);
    var data = isFloat(dtype) ? new Float64Array(room) : dtype === "bool" ? new Uint8Array(room) : new Array(room);
    var done = { shape: sizes, dtype: dtype, data: data };
    if (call.grad && !isFloat(dtype)) {
      done.grad = new GatherError("grad", "RuntimeError", "Only Tensors of floating point and complex dtype can require gradients",
        "requires_grad=True는 실수 텐서만 된다. " + name + "은 " + dtype + " 텐서다", name);
    }
    if (numel === 0) return checked(done);
    var count = 0;
    var vals = L.vals;
    // the common leaves stored without convert(): ints into int64 or a float dtype, floats into a float dtype
    var fast = isFloat(dtype) ? 2 : dtype === "int64" ? 1 : 0;

    var store = function (id, where) {
      if (Array.isArray(id)) {
        throw new GatherError("ragged", "TypeError",
          isFloat(dtype) ? "must be real number, not " + seqType(id) : "'" + seqType(id) + "' object cannot be interpreted as an integer",
          where() + "가 숫자여야 할 자리(" + ndim + "번째 깊이)에 리스트가 있다. 같은 깊이에는 숫자만, 또는 리스트만 온다", name);
      }
      var kind = kinds[id];
      if (kind === 1 && fast) data[count++] = dtype === "float32" ? Math.fround(vals[id]) : vals[id];
      else if (kind === 2 && fast === 2) data[count++] = dtype === "float32" ? Math.fround(vals[id]) : vals[id];
      else data[count++] = convert(L, id, dtype, numpy, where, name);
    };

    var work = 0;
    if (ndim === 0) {
      store(tree, function () { return name; });
      return checked(done);
    }
    var nodes = [tree];
    var idx = [0];
    var depth = 0;
    var at = function () { return path(name, idx, depth); };
    while (depth >= 0) {
      var arr = nodes[depth];
      if (idx[depth] === arr.length) {
        depth--;
        if (depth >= 0) idx[depth]++;
        continue;
      }
      if (depth + 1 === ndim) {
        for (; idx[depth] < arr.length; idx[depth]++) {
          store(arr[idx[depth]], at);
          if (++work === 16384) {
            work = 0;
            yield;
          }
        }
        continue;
      }
      var child = arr[idx[depth]];
      if (!Array.isArray(child)) {
        throw new GatherError("ragged", "TypeError", "not a sequence",
          path(name, idx, depth) + "가 리스트여야 할 자리(" + (depth + 1) + "번째 깊이)에 숫자가 있다. 같은 깊이에는 숫자만, 또는 리스트만 온다", name);
      }
      if (child.length !== sizes[depth + 1]) {
        throw new GatherError("ragged", "ValueError",
          "expected sequence of length " + sizes[depth + 1] + " at dim " + (depth + 1) + " (got " + child.length + ")",
          path(name, idx, depth) + "의 길이가 " + child.length + "이다. " + (depth + 1) + "번 축의 길이는 첫 리스트를 따라 " +
          sizes[depth + 1] + "이어야 한다 (torch 텐서는 네모 반듯해야 한다)", name);
      }
      depth++;
      nodes[depth] = child;
      idx[depth] = 0;
    }
    return checked(done);
  }

  // torch.tensor(..., requires_grad=True) refuses a non-float dtype once the tensor is built
  function checked(t) {
    if (t.grad) throw t.grad;
    return t;
  }

  /* ---------------------------------------------------------------- gather */

  function contiguousStrides(shape) {
    var st = new Array(shape.length);
    var acc = 1;
    for (var d = shape.length - 1; d >= 0; d--) {
      st[d] = acc;
      acc *= Math.max(shape[d], 1);
    }
    return st;
  }

  function unravel(flat, shape) {
    var pos = new Array(shape.length);
    for (var d = shape.length - 1; d >= 0; d--) {
      pos[d] = flat % shape[d];
      flat = Math.floor(flat / shape[d]);
    }
    return pos;
  }

  function fmtShape(shape) {
    return "[" + shape.join(", ") + "]";
  }

  function brackets(pos) {
    return pos.map(function (p) { return "[" + p + "]"; }).join("");
  }

  // The loop torch's CPU gather kernel runs (ATen ScatterGatherKernel.cpp over a
  // TensorIterator with declare_static_shape(index.sizes(), squash_dim=dim) and the operands
  // out, input, index): dims sorted by strides (TensorIteratorBase::reorder_dimensions),
  // then coalesced (coalesce_dimensions). Returns sizes S (S[0] fastest) and per-operand
  // strides, in elements.
  function kernelPlan(inShape, ixShape, d) {
    var m = ixShape.length;
    if (m === 0) return { S: [1], st: [[0], [0], [0]] };
    var T = ixShape.slice();
    T[d] = 1;
    var ops = [contiguousStrides(ixShape), inShape.length ? contiguousStrides(inShape) : [1], contiguousStrides(ixShape)];
    var perm = [];
    for (var i = 0; i < m; i++) perm.push(m - 1 - i);
    var shouldSwap = function (d0, d1) {
      for (var a = 0; a < 3; a++) {
        var s0 = ops[a][d0];
        var s1 = ops[a][d1];
        if (s0 === 0 || s1 === 0) continue;
        if (s0 < s1) return -1;
        if (s0 > s1) return 1;
        if (T[d0] > T[d1]) return 1;
      }
      return 0;
    };
    for (i = 1; i < m; i++) {
      var d1 = i;
      for (var d0 = i - 1; d0 >= 0; d0--) {
        var cmp = shouldSwap(perm[d0], perm[d1]);
        if (cmp > 0) {
          var tmp = perm[d0];
          perm[d0] = perm[d1];
          perm[d1] = tmp;
          d1 = d0;
        } else if (cmp < 0) {
          break;
        }
      }
    }
    var S = perm.map(function (p) { return T[p]; });
    var st = ops.map(function (o) { return perm.map(function (p) { return o[p]; }); });
    if (m > 1) {
      var canCoalesce = function (a0, a1) {
        if (S[a0] === 1 || S[a1] === 1) return true;
        for (var a = 0; a < 3; a++) if (S[a0] * st[a][a0] !== st[a][a1]) return false;
        return true;
      };
      var replace = function (a0, a1) {
        for (var a = 0; a < 3; a++) st[a][a0] = st[a][a1];
      };
      var prev = 0;
      for (var dim = 1; dim < m; dim++) {
        if (canCoalesce(prev, dim)) {
          if (S[prev] === 1) replace(prev, dim);
          S[prev] *= S[dim];
        } else {
          prev++;
          if (prev !== dim) {
            replace(prev, dim);
            S[prev] = S[dim];
          }
        }
      }
      S.length = prev + 1;
      st.forEach(function (o) { o.length = prev + 1; });
    }
    return { S: S, st: st };
  }

  function parseDimValue(dimBig, n) {
    var nn = Math.max(n, 1);
    if (dimBig < BigInt(-nn) || dimBig > BigInt(nn - 1)) {
      throw new GatherError("dim-range", "IndexError",
        "Dimension out of range (expected to be in range of [" + (-nn) + ", " + (nn - 1) + "], but got " + dimBig + ")",
        "input이 " + n + "차원이므로 dim은 " + (-nn) + "부터 " + (nn - 1) + "까지다" +
        (n === 0 ? " (0차원 텐서는 1차원처럼 센다)" : ""), "dim");
    }
    var dim = Number(dimBig);
    return dim < 0 ? dim + nn : dim;
  }

  // torch.gather(input, dim, index) on built tensors; throws GatherError with torch's rule.
  // Returns {shape, dtype, data, src (input offset of each element), dim}.
  function* gatherGen(input, dimBig, index) {
    var n = input.shape.length;
    var d = parseDimValue(dimBig, n);
    var numel = index.data.length;
    var ixShape = index.shape;
    var m = ixShape.length;
    if (numel === 0) {
      return { shape: ixShape.slice(), dtype: input.dtype, data: new input.data.constructor(0), src: [], dim: d };
    }
    if (index.dtype !== "int64" && index.dtype !== "int32") {
      throw new GatherError("dtype", "RuntimeError", "gather(): Expected dtype int32/int64 for index",
        "index가 " + index.dtype + " 텐서다. index에는 정수만 적는다" +
        (isFloat(index.dtype) ? " (1.0, 2.5처럼 소수점이 있으면 실수 텐서가 된다)" : index.dtype === "bool" ?
          " (True/False만 있으면 bool 텐서가 된다)" : " (dtype은 int64나 int32여야 한다)"), "index");
    }
    if (Math.max(n, 1) !== Math.max(m, 1)) {
      throw new GatherError("ndim-mismatch", "RuntimeError", "Index tensor must have the same number of dimensions as input tensor",
        "input은 " + n + "차원, index는 " + m + "차원이다. 두 텐서의 차원 수가 같아야 한다", "index");
    }
    for (var k = 0; k < Math.max(n, 1); k++) {
      var isz = m ? ixShape[k] : 1;
      var ssz = n ? input.shape[k] : 1;
      if (k !== d && isz > ssz) {
        throw new GatherError("size", "RuntimeError",
          "Size does not match at dimension " + k + " expected index " + fmtShape(ixShape) +
          " to be no larger than self " + fmtShape(input.shape) + " apart from dimension " + d,
          "dim(" + d + ")이 아닌 " + k + "번 축에서 index.size(" + k + ") = " + isz +
          " > input.size(" + k + ") = " + ssz + ". dim이 아닌 축은 index가 input보다 크면 안 된다 (같거나 작으면 된다)", "index");
      }
    }
    var bound = n ? input.shape[d] : 1;
    var K = m ? ixShape[d] : 1;
    var ixSt = contiguousStrides(ixShape);
    var od = m ? ixSt[d] : 0;
    var sd = n ? contiguousStrides(input.shape)[d] : 1;
    var plan = kernelPlan(input.shape, ixShape, d);
    var S = plan.S;
    var os = plan.st[0];
    var ss = plan.st[1];
    var xs = plan.st[2];
    var dimLast = d === m - 1;
    var ix = index.data;
    var inData = input.data;
    var out = new inData.constructor(numel);
    var src = new Array(numel);
    var kdims = S.length;
    var counter = new Array(kdims).fill(0);
    var outer = 1;
    for (var a = 1; a < kdims; a++) outer *= S[a];
    var S0 = S[0];
    var work = 0;
    var visit = function (oo, so, xo) {
      var raw = ix[xo];
      var v = +raw;
      if (!(v >= 0 && v < bound)) {
        throw new GatherError("bounds", "RuntimeError",
          "index " + raw + " is out of bounds for dimension " + d + " with size " + bound,
          "index" + brackets(unravel(xo, ixShape)) + " = " + raw + ". index 값은 0 이상 input.size(" + d + ") = " + bound +
          " 미만이어야 한다" + (v < 0 ? " (gather는 음수 index를 뒤에서부터 세지 않는다)" : ""), "index");
      }
      var at = so + v * sd;
      out[oo] = inData[at];
      src[oo] = at;
    };
    for (var o = 0; o < outer; o++) {
      var ob = 0;
      var sb = 0;
      var xb = 0;
      for (a = 1; a < kdims; a++) {
        ob += counter[a] * os[a];
        sb += counter[a] * ss[a];
        xb += counter[a] * xs[a];
      }
      var e, i;
      if (dimLast) {
        for (e = 0; e < S0; e++) {
          for (i = 0; i < K; i++) {
            visit(ob + e * os[0] + i * od, sb + e * ss[0], xb + e * xs[0] + i * od);
            if (++work === 16384) {
              work = 0;
              yield;
            }
          }
        }
      } else {
        for (i = 0; i < K; i++) {
          for (e = 0; e < S0; e++) {
            visit(ob + e * os[0] + i * od, sb + e * ss[0], xb + e * xs[0] + i * od);
            if (++work === 16384) {
              work = 0;
              yield;
            }
          }
        }
      }
      for (a = 1; a < kdims; a++) {
        if (++counter[a] < S[a]) break;
        counter[a] = 0;
      }
    }
    return { shape: ixShape.slice(), dtype: input.dtype, data: out, src: src, dim: d };
  }

  /* ---------------------------------------------------------------- printing */

  var F64 = new DataView(new ArrayBuffer(8));
  var BIG = { 0: BigInt(0), 1: BigInt(1), 2: BigInt(2), 10: BigInt(10) };

  // finite x > 0 -> {m, e} with x = m * 2^e exactly (m a BigInt)
  function decompose(x) {
    F64.setFloat64(0, x);
    var hi = F64.getUint32(0);
    var lo = F64.getUint32(4);
    var exp = (hi >>> 20) & 0x7ff;
    var mant = (BigInt(hi & 0xfffff) << BigInt(32)) | BigInt(lo);
    if (exp === 0) return { m: mant, e: -1074 };
    return { m: mant | (BigInt(1) << BigInt(52)), e: exp - 1075 };
  }

  function pow10(k) {
    return BIG[10] ** BigInt(k);
  }

  // round(num / den) half to even (BigInt)
  function roundDiv(num, den) {
    var q = num / den;
    var r2 = (num % den) * BIG[2];
    if (r2 > den || (r2 === den && (q & BIG[1]) === BIG[1])) q += BIG[1];
    return q;
  }

  // Python's format(x, '.{p}f'): exact decimal value, rounded half to even.
  function formatFixed(x, p) {
    if (x !== x) return "nan";
    if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
    var neg = x < 0 || (x === 0 && 1 / x < 0);
    var a = Math.abs(x);
    var N = BIG[0];
    if (a !== 0) {
      var f = decompose(a);
      if (f.e >= 0) N = (f.m << BigInt(f.e)) * pow10(p);
      else N = roundDiv(f.m * pow10(p), BIG[1] << BigInt(-f.e));
    }
    var s = N.toString();
    if (p > 0) {
      while (s.length < p + 1) s = "0" + s;
      s = s.slice(0, s.length - p) + "." + s.slice(s.length - p);
    }
    return (neg ? "-" : "") + s;
  }

  // Python's format(x, '.{p}e'): d.dddde+XX (at least two exponent digits).
  function formatExp(x, p) {
    if (x !== x) return "nan";
    if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
    var neg = x < 0 || (x === 0 && 1 / x < 0);
    var a = Math.abs(x);
    var E = 0;
    var N = BIG[0];
    if (a !== 0) {
      var f = decompose(a);
      var two = function (k) { return BIG[1] << BigInt(k); };
      // a >= 10^k ?
      var atLeast = function (k) {
        var lhs = f.m * (f.e > 0 ? two(f.e) : BIG[1]) * (k < 0 ? pow10(-k) : BIG[1]);
        var rhs = (k > 0 ? pow10(k) : BIG[1]) * (f.e < 0 ? two(-f.e) : BIG[1]);
        return lhs >= rhs;
      };
      E = Math.floor(Math.log10(a));
      while (!atLeast(E)) E--;
      while (atLeast(E + 1)) E++;
      var k = p - E; // N = round(a * 10^k)
      var num = f.m * (f.e > 0 ? two(f.e) : BIG[1]) * (k > 0 ? pow10(k) : BIG[1]);
      var den = (f.e < 0 ? two(-f.e) : BIG[1]) * (k < 0 ? pow10(-k) : BIG[1]);
      N = roundDiv(num, den);
      if (N === pow10(p + 1)) {
        N = pow10(p);
        E++;
      }
    }
    var s = N.toString();
    while (s.length < p + 1) s = "0" + s;
    var mant = s[0] + (p > 0 ? "." + s.slice(1) : "");
    var ae = Math.abs(E);
    return (neg ? "-" : "") + mant + "e" + (E < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
  }

  // torch._tensor_str._Formatter with the default print options, for one whole tensor:
  // returns value -> element text (without the alignment padding).
  function torchFormatter(t) {
    if (t.dtype === "bool") return function (v) { return v ? "True" : "False"; };
    if (!isFloat(t.dtype)) return String;
    var intMode = true;
    var sci = false;
    var min = Infinity;
    var max = 0;
    var any = false;
    for (var i = 0; i < t.data.length; i++) {
      var v = t.data[i];
      if (v === 0 || !isFinite(v)) continue;
      any = true;
      var a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (intMode && v !== Math.ceil(v)) intMode = false;
    }
    if (any) sci = max / min > 1000 || max > 1e8 || min < 1e-4;
    return function (x) {
      if (sci) return formatExp(x, 4);
      if (intMode) return formatFixed(x, 0) + (isFinite(x) ? "." : "");
      return formatFixed(x, 4);
    };
  }

  // float32 value (a double) as Python's json reads it back: same double, still a float
  function pyFloat(x) {
    if (x !== x) return "NaN";
    if (x === Infinity) return "Infinity";
    if (x === -Infinity) return "-Infinity";
    if (x === 0 && 1 / x < 0) return "-0.0";
    var s = String(x);
    return /[.e]/.test(s) ? s : s + ".0";
  }

  // Result as JSON text (what tensor.tolist() gives), built in slices.
  function* jsonGen(t) {
    var fmt = isFloat(t.dtype) ? pyFloat : t.dtype === "bool" ? function (v) { return v ? "true" : "false"; } : String;
    var shape = t.shape;
    var nd = shape.length;
    if (!nd) return fmt(t.data[0]);
    if (!t.data.length) {
      var empty = function (d) {
        if (d === nd || shape[d] === 0) return "[]";
        var inner = empty(d + 1);
        var parts = [];
        for (var k = 0; k < shape[d]; k++) parts.push(inner);
        return "[" + parts.join(", ") + "]";
      };
      return empty(0);
    }
    var out = [];
    var pos = new Array(nd).fill(0);
    var last = shape[nd - 1];
    var work = 0;
    for (var p = 0; p < t.data.length; p += last) {
      var open = "";
      for (var a = nd - 2; a >= 0 && pos[a] === 0; a--) open += "[";
      var row = new Array(last);
      for (var c = 0; c < last; c++) {
        row[c] = fmt(t.data[p + c]);
        if (++work === 8192) {
          work = 0;
          yield;
        }
      }
      var close = "]";
      for (a = nd - 2; a >= 0; a--) {
        if (++pos[a] < shape[a]) break;
        pos[a] = 0;
        close += "]";
      }
      out.push(open + "[" + row.join(", ") + close);
    }
    if (nd === 1) return out[0];
    return out.join(", ");
  }

  /* ---------------------------------------------------------------- pipeline */

  // Everything an update needs, in torch's order. Returns {input, index, dim, out, value} or
  // {error, input?, index?} (tensors built before the error are kept for drawing).
  function* computeGen(inputText, indexText, dimText) {
    var res = { input: null, index: null, out: null, value: null, error: null, dim: null };
    try {
      yield* precheckGen(inputText, "input");
      yield* precheckGen(indexText, "index");
      var pin = yield* parseGen(inputText, "input");
      var pix = yield* parseGen(indexText, "index");
      var pdim = parseDim(dimText);
      res.input = yield* tensorGen(pin, "input");
      res.index = yield* tensorGen(pix, "index");
      if (pdim.argError) throw pdim.argError;
      res.dim = Number(pdim.dim);
      res.out = yield* gatherGen(res.input, pdim.dim, res.index);
      res.value = yield* jsonGen(res.out);
    } catch (e) {
      if (!(e instanceof GatherError)) {
        e = new GatherError("internal", null, String((e && e.message) || e), "탐색기 내부 오류다. 이 입력을 알려 주면 고친다", null);
      }
      res.error = e;
      res.out = null;
    }
    return res;
  }

  function runSync(gen) {
    var r;
    do {
      r = gen.next();
    } while (!r.done);
    return r.value;
  }

  // The engine without the page (tests compare it with torch).
  function compute(inputText, indexText, dimText) {
    var r = runSync(computeGen(inputText, indexText, String(dimText)));
    if (r.error) return { error: { kind: r.error.kind, type: r.error.type, message: r.error.message } };
    var cells = null;
    if (r.out.data.length <= LIMITS.drawn) cells = Array.from(r.out.data, torchFormatter(r.out));
    return { value: r.value, shape: r.out.shape, dtype: r.out.dtype, cells: cells };
  }

  /* ---------------------------------------------------------------- formulas */

  var LETTERS = "ijklmnpqrstuvwxyz".split("");

  // out[1][2] = input[1][index[1][2]] = input[1][3] = 9
  function formula(pos, inNdim, d, k, value) {
    if (inNdim === 0) return "out" + brackets(pos) + " = input = " + value;
    var gen = "";
    var src = [];
    for (var a = 0; a < inNdim; a++) {
      gen += a === d ? "[index" + brackets(pos) + "]" : "[" + pos[a] + "]";
      src.push(a === d ? k : pos[a]);
    }
    return "out" + brackets(pos) + " = input" + gen + " = input" + brackets(src) + " = " + value;
  }

  function generalFormula(outNdim, inNdim, d) {
    var letters = [];
    for (var a = 0; a < outNdim; a++) letters.push(a < LETTERS.length ? LETTERS[a] : "i" + a);
    var all = letters.map(function (c) { return "[" + c + "]"; }).join("");
    if (inNdim === 0) return "out" + all + " = input";
    var gen = "";
    for (a = 0; a < inNdim; a++) gen += a === d ? "[index" + all + "]" : "[" + letters[a] + "]";
    return "out" + all + " = input" + gen;
  }

  /* ---------------------------------------------------------------- DOM */

  var counter = 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function describe(t) {
    return "모양 (" + t.shape.join(", ") + (t.shape.length === 1 ? "," : "") + "), " + t.dtype;
  }

  // Draw a tensor into a fresh fragment as 2-D slices (leading dims become slice captions).
  // Returns {node, cells}; cells is empty when the tensor is too large to draw.
  function* drawGen(name, t, interactive) {
    var frag = document.createDocumentFragment();
    var shape = t.shape;
    var numel = t.data.length;
    var cells = [];
    if (numel === 0) {
      frag.appendChild(el("p", { "class": "gx-empty" }, "빈 텐서 (모양 " + fmtShape(shape) + ")"));
      return { node: frag, cells: cells, fmt: null };
    }
    if (numel > LIMITS.drawn) {
      frag.appendChild(el("p", { "class": "gx-empty gx-too-big" },
        "원소가 " + fmtCount(numel) + "개라 그리지 않는다 (" + fmtCount(LIMITS.drawn) + "개까지 그린다). 모양 " + fmtShape(shape)));
      return { node: frag, cells: cells, fmt: null };
    }
    var fmt = torchFormatter(t);
    var nd = shape.length;
    var rows = nd >= 2 ? shape[nd - 2] : 1;
    var cols = nd >= 1 ? shape[nd - 1] : 1;
    var lead = shape.slice(0, Math.max(0, nd - 2));
    var nslices = lead.reduce(function (a, b) { return a * b; }, 1);
    var per = rows * cols;
    var drawn = 0;
    for (var s = 0; s < nslices; s++) {
      var lpos = lead.length ? unravel(s, lead) : [];
      var slice = el("div", { "class": "gx-slice" });
      if (lead.length) slice.appendChild(el("div", { "class": "gx-slice-label" }, name + brackets(lpos)));
      var grid = el("div", { "class": "gx-grid", role: interactive ? "group" : null,
        "aria-label": interactive ? name + brackets(lpos) : null });
      grid.style.gridTemplateColumns = "auto repeat(" + cols + ", minmax(2.4em, max-content))";
      grid.appendChild(el("span", { "class": "gx-axis", "aria-hidden": "true" }, ""));
      for (var c = 0; c < cols; c++) grid.appendChild(el("span", { "class": "gx-axis", "aria-hidden": "true" }, nd ? String(c) : ""));
      for (var r = 0; r < rows; r++) {
        grid.appendChild(el("span", { "class": "gx-axis", "aria-hidden": "true" }, nd >= 2 ? String(r) : ""));
        for (c = 0; c < cols; c++) {
          var flat = s * per + r * cols + c;
          var pos = unravel(flat, shape);
          var text = fmt(t.data[flat]);
          var cell = el(interactive ? "button" : "span", {
            "class": "gx-cell",
            "data-pos": pos.join(","),
            "data-flat": String(flat),
            type: interactive ? "button" : null,
            tabindex: interactive ? (flat === 0 ? "0" : "-1") : null,
            "aria-label": name + brackets(pos) + " = " + text
          }, text);
          cells[flat] = cell;
          grid.appendChild(cell);
          if (++drawn % 200 === 0) yield;
        }
      }
      slice.appendChild(grid);
      frag.appendChild(slice);
    }
    return { node: frag, cells: cells, fmt: fmt };
  }

  // Tasks without the 4 ms clamp of nested setTimeout.
  var taskQueue = [];
  var channel = new MessageChannel();
  channel.port1.onmessage = function () {
    var f = taskQueue.shift();
    if (f) f();
  };
  function nextTask(f) {
    taskQueue.push(f);
    channel.port2.postMessage(0);
  }

  function Explorer(root) {
    this.root = root;
    this.uid = "gx" + (++counter);
    this.state = null;
    this.cells = { input: [], index: [], out: [] };
    this.timer = null;
    this.job = 0;
    this.runs = 0;
    this.edits = 0;
    this.running = null; // texts of the update running in slices
    this.build();
    // the first example is computed and drawn in a task of its own: two short tasks at
    // start-up instead of one long one (Lighthouse counts every task over 50 ms as blocking)
    var self = this;
    nextTask(function () {
      if (!self.state) self.loadPreset(PRESETS[0]);
    });
  }

  Explorer.prototype.build = function () {
    var root = this.root;
    var id = this.uid;
    var self = this;
    root.textContent = "";
    root.classList.add("gx");

    var form = el("div", { "class": "gx-controls" });
    var presetWrap = el("div", { "class": "gx-field gx-field--preset" });
    presetWrap.appendChild(el("label", { "for": id + "-preset" }, "예제"));
    var preset = el("select", { id: id + "-preset", "data-role": "preset" });
    PRESETS.forEach(function (p) { preset.appendChild(el("option", { value: p.id }, p.label)); });
    preset.appendChild(el("option", { value: "custom" }, "직접 입력"));
    presetWrap.appendChild(preset);

    var dimWrap = el("div", { "class": "gx-field gx-field--dim" });
    dimWrap.appendChild(el("label", { "for": id + "-dim" }, "dim"));
    var dim = el("input", { id: id + "-dim", "data-role": "dim", type: "text", inputmode: "numeric",
      autocomplete: "off", spellcheck: "false", "aria-describedby": id + "-dimhelp" });
    dimWrap.appendChild(dim);
    dimWrap.appendChild(el("small", { id: id + "-dimhelp", "class": "gx-help" }, "음수도 된다: -1은 마지막 축"));

    var boxes = {};
    var field = function (role, labelText) {
      var wrap = el("div", { "class": "gx-field" });
      wrap.appendChild(el("label", { "for": id + "-" + role }, labelText));
      var ta = el("textarea", { id: id + "-" + role, "data-role": role, rows: "4", spellcheck: "false",
        autocomplete: "off", autocapitalize: "off" });
      wrap.appendChild(ta);
      // shown instead of the text box while it holds a large paste
      var big = el("div", { "class": "gx-big", "data-role": role + "-big", tabindex: "-1", hidden: "" });
      var note = el("p", null, "");
      var clear = el("button", { type: "button", "class": "gx-button" }, "지우고 다시 입력");
      var expand = el("button", { type: "button", "class": "gx-button" }, "편집 창에 펼치기 (느리다)");
      big.appendChild(note);
      big.appendChild(clear);
      big.appendChild(expand);
      wrap.appendChild(big);
      clear.addEventListener("click", function () {
        ta.value = "";
        self.unfold(ta);
        ta.focus();
        self.changed(0);
      });
      expand.addEventListener("click", function () {
        if (ta.gxOver) ta.value = ta.gxOver;
        self.unfold(ta);
        ta.focus();
      });
      boxes[role] = { ta: ta, big: big, note: note };
      return wrap;
    };

    form.appendChild(presetWrap);
    form.appendChild(dimWrap);
    form.appendChild(field("input", "input (source) 텐서"));
    form.appendChild(field("index", "index 텐서 (정수)"));
    root.appendChild(form);

    var call = el("p", { "class": "gx-call", "data-role": "call" });
    root.appendChild(call);
    var status = el("p", { "class": "gx-status", "data-role": "status", role: "status" });
    root.appendChild(status);
    var error = el("div", { "class": "gx-error", "data-role": "error", role: "alert", hidden: "" });
    root.appendChild(error);

    var tensors = el("div", { "class": "gx-tensors" });
    var panels = {};
    [["input", "input"], ["index", "index"], ["out", "결과 out"]].forEach(function (pair) {
      var panel = el("section", { "class": "gx-panel gx-panel--" + pair[0], "aria-label": pair[1] });
      var head = el("div", { "class": "gx-panel-head" });
      head.appendChild(el("span", { "class": "gx-panel-name" }, pair[1]));
      var shp = el("span", { "class": "gx-shape", "data-role": pair[0] + "-shape" });
      head.appendChild(shp);
      panel.appendChild(head);
      var body = el("div", { "class": "gx-panel-body", "data-role": pair[0] === "out" ? "output" : pair[0] + "-view" });
      panel.appendChild(body);
      tensors.appendChild(panel);
      panels[pair[0]] = { body: body, shape: shp };
    });
    root.appendChild(tensors);

    var formulaBox = el("div", { "class": "gx-formula-box" });
    formulaBox.appendChild(el("code", { "class": "gx-general", "data-role": "general" }));
    formulaBox.appendChild(el("code", { "class": "gx-formula", "data-role": "formula", "aria-live": "polite" }));
    root.appendChild(formulaBox);
    root.appendChild(el("p", { "class": "gx-help" },
      "결과 칸에 마우스를 올리거나 Tab으로 들어가 방향키로 옮기면, 그 값을 가져온 index 칸과 input 칸이 표시된다."));

    this.el = { preset: preset, dim: dim, input: boxes.input.ta, index: boxes.index.ta, big: boxes,
      error: error, call: call, status: status, panels: panels,
      formula: formulaBox.lastChild, general: formulaBox.firstChild };

    preset.addEventListener("change", function () {
      var p = PRESETS.filter(function (x) { return x.id === preset.value; })[0];
      if (p) self.loadPreset(p);
    });
    [boxes.input.ta, boxes.index.ta, dim].forEach(function (c) {
      c.gxLength = 0; // length at the last input event or explorer edit
      c.addEventListener("input", function () {
        preset.value = "custom";
        // a bulk insertion the paste handler did not see: fold before the browser lays it out
        var n = c.value.length;
        if (c.tagName === "TEXTAREA" && n > BIG_TEXT && n - c.gxLength > BIG_TEXT / 2) self.fold(c, n);
        c.gxLength = n;
        self.changed(DEBOUNCE_MS);
      });
      c.addEventListener("change", function () { self.flush(); }); // leaving the box
    });
    [boxes.input.ta, boxes.index.ta].forEach(function (ta) {
      ta.addEventListener("paste", function (e) { self.onPaste(e, e.clipboardData); });
      ta.addEventListener("drop", function (e) { self.onPaste(e, e.dataTransfer); });
    });
    dim.addEventListener("keydown", function (e) {
      if (e.key === "Enter") self.flush();
    });
    var out = panels.out.body;
    out.addEventListener("mouseover", function (e) {
      var cell = e.target.closest && e.target.closest(".gx-cell");
      if (cell) self.select(+cell.getAttribute("data-flat"));
    });
    out.addEventListener("focusin", function (e) {
      var cell = e.target.closest && e.target.closest(".gx-cell");
      if (cell) self.select(+cell.getAttribute("data-flat"));
    });
    out.addEventListener("keydown", function (e) { self.onKey(e); });
  };

  // A large paste or drop is inserted by the explorer into the folded (hidden) text box: a
  // hidden text box is not laid out, a visible one with megabytes of text takes the browser
  // about a second.
  Explorer.prototype.onPaste = function (e, data) {
    var ta = e.currentTarget;
    var text = data ? data.getData("text/plain") : "";
    var s = ta.selectionStart;
    var t = ta.selectionEnd;
    if (e.type === "drop") {
      s = 0;
      t = ta.value.length;
    }
    if (ta.value.length - (t - s) + text.length <= BIG_TEXT) return; // the browser inserts it as usual
    e.preventDefault();
    var old = ta.value;
    var value = s === 0 && t === old.length ? text : old.slice(0, s) + text + old.slice(t);
    this.fold(ta, value.length);
    this.el.preset.value = "custom";
    this.root.setAttribute("data-pending", "");
    // the clipboard read already made this task long: the text box gets the text in the next
    var self = this;
    var token = ++this.edits;
    nextTask(function () {
      if (token !== self.edits) return; // a preset or "clear" came first
      // over the size limit the text can only be refused: it is kept aside, not in the text
      // box, where megabytes take a long task even hidden (8 MiB: ~100 ms at 5x CPU throttling)
      var over = value.length > LIMITS.chars;
      ta.value = over ? "" : value;
      ta.gxOver = over ? value : "";
      ta.gxLength = ta.value.length;
      self.changed(0);
    });
  };

  Explorer.prototype.fold = function (ta, length) {
    var box = this.el.big[ta.getAttribute("data-role")];
    box.note.textContent = "큰 입력: " + fmtCount(length) + "자. " + (length > LIMITS.chars ?
      "4 MiB를 넘어 계산하지 않는다." : "브라우저가 멈추지 않도록 편집 창에 펼치지 않고 바로 계산한다.");
    if (ta.hidden) return;
    var focused = document.activeElement === ta;
    ta.hidden = true;
    box.big.hidden = false;
    // keep keyboard users in place; focusing lays the page out, so not in the paste's task
    if (focused) nextTask(function () { box.big.focus(); });
  };

  Explorer.prototype.unfold = function (ta) {
    this.edits++; // a paste still waiting for its task is dropped
    ta.gxOver = "";
    ta.gxLength = ta.value.length;
    ta.hidden = false;
    this.el.big[ta.getAttribute("data-role")].big.hidden = true;
  };

  Explorer.prototype.loadPreset = function (p) {
    this.el.preset.value = p.id;
    this.el.input.value = p.input;
    this.el.index.value = p.index;
    this.unfold(this.el.input);
    this.unfold(this.el.index);
    this.el.dim.value = String(p.dim);
    this.flush();
    if (this.state && this.state.out && this.cells.out.length) {
      var sh = this.state.out.shape;
      var flat = 0;
      for (var a = 0; a < sh.length; a++) flat = flat * sh[a] + p.focus[a];
      this.select(flat);
    }
  };

  // Something changed: update after `delay` ms of quiet (typing), at once for 0.
  Explorer.prototype.changed = function (delay) {
    var self = this;
    this.job++; // a running update is stale now
    this.running = null;
    this.root.setAttribute("data-pending", "");
    this.el.panels.out.body.setAttribute("aria-busy", "true");
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.timer = null;
      self.start();
    }, delay);
  };

  Explorer.prototype.flush = function () {
    var E = this.el;
    var now = [E.input.value, E.index.value, E.dim.value];
    var running = this.running;
    if (this.timer === null && running && running.every(function (t, i) { return t === now[i]; })) {
      return; // leaving the box while its text is being computed: let that run finish
    }
    clearTimeout(this.timer);
    this.timer = null;
    this.start();
  };

  // Run an update: at once for small texts (a test can set values, fire `change` and read the
  // result), else in slices of SLICE_MS between which the page stays responsive.
  Explorer.prototype.start = function () {
    var self = this;
    var job = ++this.job;
    this.running = null;
    var E = this.el;
    var texts = [E.input.value, E.index.value, E.dim.value];
    this.root.setAttribute("data-pending", "");
    E.panels.out.body.setAttribute("aria-busy", "true");
    var over = E.input.gxOver ? E.input : E.index.gxOver ? E.index : null;
    if (over) { // a paste over the size limit, kept aside: the error precheckGen would give
      this.runs++;
      this.apply({ error: tooManyElements(over.getAttribute("data-role"), "글자가 " + fmtCount(over.gxOver.length) + "자다"),
        views: { input: null, index: null, out: null } });
      return;
    }
    var gen = this.updateGen(texts[0], texts[1], texts[2]);
    if (texts[0].length + texts[1].length + texts[2].length <= SYNC_CHARS) {
      this.apply(runSync(gen));
      return;
    }
    E.status.textContent = "계산하는 중…";
    this.root.setAttribute("data-busy", "");
    this.running = texts;
    var step = function () {
      if (job !== self.job) return; // superseded
      var t0 = performance.now();
      var r;
      do {
        r = gen.next();
      } while (!r.done && performance.now() - t0 < SLICE_MS);
      if (r.done) {
        self.running = null;
        self.apply(r.value);
      } else {
        nextTask(step);
      }
    };
    nextTask(step);
  };

  // compute + draw into detached fragments; apply() swaps them in at once.
  Explorer.prototype.updateGen = function* (inputText, indexText, dimText) {
    this.runs++;
    var r = yield* computeGen(inputText, indexText, dimText);
    r.views = {
      input: r.input ? yield* drawGen("input", r.input, false) : null,
      index: r.index ? yield* drawGen("index", r.index, false) : null,
      out: r.out ? yield* drawGen("out", r.out, true) : null
    };
    r.outFmt = r.views.out ? r.views.out.fmt : null;
    return r;
  };

  Explorer.prototype.apply = function (r) {
    var E = this.el;
    var P = E.panels;
    var err = r.error;
    this.state = { input: r.input, index: r.index, out: r.out, dim: r.dim, outFmt: r.outFmt, selected: -1 };
    var put = function (panel, view) {
      panel.body.textContent = "";
      if (view) panel.body.appendChild(view.node);
      return view ? view.cells : [];
    };
    this.cells = { input: put(P.input, r.views.input), index: put(P.index, r.views.index), out: put(P.out, r.views.out) };
    P.input.shape.textContent = r.input ? describe(r.input) : "";
    P.index.shape.textContent = r.index ? describe(r.index) : "";
    P.out.shape.textContent = r.out ? describe(r.out) + " (모양은 index를 따른다)" : "";

    var field = err ? err.field : null;
    var idxKinds = ["dtype", "ndim-mismatch", "size", "bounds"];
    E.input.setAttribute("aria-invalid", field === "input" ? "true" : "false");
    E.index.setAttribute("aria-invalid", field === "index" || (err && idxKinds.indexOf(err.kind) >= 0) ? "true" : "false");
    E.dim.setAttribute("aria-invalid", field === "dim" ? "true" : "false");

    var outBox = P.out.body;
    E.error.textContent = "";
    E.status.textContent = "";
    if (err) {
      outBox.setAttribute("data-value", "");
      outBox.setAttribute("data-state", "error");
      outBox.appendChild(el("p", { "class": "gx-empty" }, "오류가 있어 결과가 없다"));
      E.error.setAttribute("data-kind", err.kind);
      E.error.appendChild(el("strong", null, err.type ? "torch라면: " : "읽을 수 없다: "));
      E.error.appendChild(el("code", null, err.text()));
      E.error.appendChild(el("p", null, err.hint));
      E.error.hidden = false;
      E.call.textContent = "";
      E.general.textContent = "";
      E.formula.textContent = "";
    } else {
      var out = r.out;
      outBox.setAttribute("data-value", r.value);
      outBox.setAttribute("data-state", "ok");
      E.error.hidden = true;
      E.error.removeAttribute("data-kind");
      E.call.textContent = "out = torch.gather(input, dim=" + r.dim + ", index=index)" +
        (r.dim < 0 ? "   # dim " + r.dim + " = " + out.dim + "번 축" : "");
      E.general.textContent = generalFormula(out.shape.length, r.input.shape.length, out.dim);
      E.formula.textContent = "";
      if (this.cells.out.length) this.select(0, true);
      else if (out.data.length) E.status.textContent = "결과는 원소 " + fmtCount(out.data.length) + "개, 모양 " + fmtShape(out.shape) + "이다.";
    }
    outBox.removeAttribute("aria-busy");
    this.root.removeAttribute("data-busy");
    this.root.removeAttribute("data-pending");
  };

  Explorer.prototype.select = function (flat, quiet) {
    var st = this.state;
    var C = this.cells;
    if (!st || !st.out || !C.out.length || !(flat >= 0 && flat < st.out.data.length)) return;
    this.root.querySelectorAll(".is-src, .is-idx, .is-out, .is-line").forEach(function (c) {
      c.classList.remove("is-src", "is-idx", "is-out", "is-line");
    });
    var out = st.out;
    var pos = unravel(flat, out.shape);
    var k = st.index.data[flat];
    var srcFlat = out.src[flat];
    var inShape = st.input.shape;
    if (C.input.length && inShape.length) {
      // the line of input along dim that this output cell chooses from
      var step = contiguousStrides(inShape)[out.dim];
      var base = srcFlat - Number(k) * step;
      for (var t = 0; t < inShape[out.dim]; t++) {
        var lc = C.input[base + t * step];
        if (lc) lc.classList.add("is-line");
      }
    }
    if (C.input[srcFlat]) C.input[srcFlat].classList.add("is-src");
    C.index[flat].classList.add("is-idx");
    C.out[flat].classList.add("is-out");
    C.out.forEach(function (c, i) { c.setAttribute("tabindex", i === flat ? "0" : "-1"); });
    st.selected = flat;
    var text = formula(pos, inShape.length, out.dim, k, st.outFmt(out.data[flat]));
    if (quiet) {
      this.el.formula.removeAttribute("aria-live");
      this.el.formula.textContent = text;
      this.el.formula.setAttribute("aria-live", "polite");
    } else {
      this.el.formula.textContent = text;
    }
  };

  Explorer.prototype.onKey = function (e) {
    var st = this.state;
    if (!st || !st.out || st.selected < 0 || !this.cells.out.length) return;
    var n = st.out.data.length;
    var sh = st.out.shape;
    var cols = sh.length ? sh[sh.length - 1] : 1;
    var step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[e.key];
    var next;
    if (step !== undefined) next = st.selected + step;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    else return;
    e.preventDefault();
    if (next < 0 || next >= n) return;
    this.cells.out[next].focus();
  };

  // Start-up: an explorer is built when it comes within a screen of the viewport, or when the
  // browser is idle after the page has loaded, whichever comes first. The page's first paint
  // does not wait for it, and a reader who scrolls to it finds it drawn.
  function startOne(root) {
    if (!root.gatherExplorer && root.isConnected) root.gatherExplorer = new Explorer(root);
  }

  function schedule(root) {
    if (root.gatherExplorer || root.gxScheduled) return;
    root.gxScheduled = true;
    var observer = null;
    var go = function () {
      if (observer) observer.disconnect();
      root.gxScheduled = false;
      startOne(root);
    };
    if (typeof IntersectionObserver === "function") {
      observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) if (entries[i].isIntersecting) return go();
      }, { rootMargin: "100% 0px" });
      observer.observe(root);
    }
    var idle = function () {
      if (typeof requestIdleCallback === "function") requestIdleCallback(go, { timeout: 2000 });
      else setTimeout(go, 200);
    };
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }

  function initAll() {
    var roots = document.querySelectorAll("[data-gather-explorer]");
    for (var i = 0; i < roots.length; i++) schedule(roots[i]);
  }

  window.GatherExplorer = {
    initAll: initAll,
    compute: compute,
    limits: LIMITS,
    formatFixed: formatFixed,
    formatExp: formatExp
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();

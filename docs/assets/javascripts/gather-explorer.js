/* torch.gather explorer (day12 note). Plain JS, no framework, no network.
 *
 * Markup: an element with [data-gather-explorer] (its content is a fallback text for
 * readers without JavaScript and is replaced). Loaded only on pages that contain one
 * (overrides/main.html). Material's instant navigation swaps the page without reloading
 * scripts, so initialisation runs on every `document$` emission and is idempotent.
 *
 * The rules are torch 2.x's (checked in this order, messages mirror torch's wording):
 *   dim in [-n, n-1]            IndexError: Dimension out of range (...)
 *   integer index               RuntimeError: gather(): Expected dtype int32/int64 for index
 *   empty index -> empty result (torch skips the remaining checks)
 *   same number of dims         RuntimeError: Index tensor must have the same number of ...
 *   index.size(d) <= input.size(d) for d != dim   RuntimeError: Size does not match at ...
 *   0 <= index < input.size(dim)                  RuntimeError: index 5 is out of bounds ...
 *   out[p] = input[p with p[dim] replaced by index[p]], out.shape == index.shape
 *
 * Test hooks: [data-role=input|index|dim|preset] controls, [data-role=output] with the result
 * as JSON in data-value ("" on error), [data-role=error], [data-role=formula]; every cell has
 * data-pos="i,j,..." and highlighted cells get .is-src / .is-idx / .is-out.
 */
(function () {
  "use strict";

  if (window.GatherExplorer) {
    // Script re-run by instant navigation: just initialise the new page.
    window.GatherExplorer.initAll();
    return;
  }

  var MAX_DIMS = 4;
  var MAX_ELEMENTS = 1000;

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

  function GatherError(kind, message, hint) {
    this.kind = kind;
    this.message = message;
    this.hint = hint;
  }

  /* ---------------------------------------------------------------- parsing */

  // Nested-list text -> {shape, data (flat, row-major), isFloat}. Accepts an optional
  // `tensor(...)` / `torch.tensor(...)` wrapper so torch's own printout can be pasted.
  function parseTensor(text, name) {
    var src = String(text).trim();
    var wrapped = /^(?:torch\.)?tensor\s*\(([\s\S]*)\)$/.exec(src);
    if (wrapped) src = wrapped[1].trim();
    var pos = 0;
    var isFloat = false;

    function fail(msg) {
      throw new GatherError("parse", name + ": " + msg,
        "중첩 리스트로 적는다. 예: [[1, 2], [3, 4]]");
    }
    function skip() {
      while (pos < src.length && /\s/.test(src[pos])) pos++;
    }
    function value() {
      skip();
      if (pos >= src.length) fail("입력이 중간에 끝났다");
      if (src[pos] === "[") {
        pos++;
        var items = [];
        skip();
        if (src[pos] === "]") {
          pos++;
          return items;
        }
        for (;;) {
          items.push(value());
          skip();
          if (src[pos] === ",") {
            pos++;
            skip();
            if (src[pos] === "]") { pos++; return items; } // trailing comma, as in Python
            continue;
          }
          if (src[pos] === "]") {
            pos++;
            return items;
          }
          fail(pos >= src.length ? "닫는 ']'가 없다" : (pos + 1) + "번째 글자 '" + src[pos] + "' 자리에 ',' 또는 ']'가 와야 한다");
        }
      }
      var m = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(pos));
      if (!m) fail((pos + 1) + "번째 글자 '" + src[pos] + "'는 숫자가 아니다");
      pos += m[0].length;
      if (/[.eE]/.test(m[0])) isFloat = true;
      var v = Number(m[0]);
      if (!isFinite(v)) fail("'" + m[0] + "'는 너무 큰 수다");
      return v;
    }

    if (!src) fail("비어 있다");
    var tree = value();
    skip();
    if (pos < src.length) fail((pos + 1) + "번째 글자 '" + src[pos] + "'부터는 읽을 수 없다 (리스트 하나만 적는다)");
    if (!Array.isArray(tree)) {
      throw new GatherError("ndim-limit", name + ": 0차원(스칼라)이다",
        "이 탐색기는 1~4차원 텐서를 다룬다. 리스트로 감싸서 적는다. 예: [5]");
    }

    // Shape from the first element at each depth, then torch's ragged check.
    var shape = [];
    var node = tree;
    while (Array.isArray(node)) {
      shape.push(node.length);
      if (node.length === 0) break;
      node = node[0];
    }
    var data = [];
    (function walk(n, d) {
      if (d === shape.length) {
        if (Array.isArray(n)) {
          throw new GatherError("ragged", "TypeError: 'list' object cannot be interpreted as an integer",
            name + "의 같은 깊이에 숫자와 리스트가 섞여 있다 (" + d + "번 축)");
        }
        data.push(n);
        return;
      }
      if (!Array.isArray(n)) {
        throw new GatherError("ragged", "TypeError: not a sequence",
          name + "의 같은 깊이에 리스트와 숫자가 섞여 있다 (" + d + "번 축)");
      }
      if (n.length !== shape[d]) {
        throw new GatherError("ragged",
          "ValueError: expected sequence of length " + shape[d] + " at dim " + d + " (got " + n.length + ")",
          name + "의 " + d + "번 축 길이가 서로 다르다 (torch 텐서는 네모 반듯해야 한다)");
      }
      for (var i = 0; i < n.length; i++) walk(n[i], d + 1);
    })(tree, 0);

    if (shape.length > MAX_DIMS) {
      throw new GatherError("ndim-limit", name + ": " + shape.length + "차원이다",
        "이 탐색기는 1~" + MAX_DIMS + "차원 텐서까지 다룬다 (torch는 더 높은 차원도 된다)");
    }
    if (data.length > MAX_ELEMENTS) {
      throw new GatherError("too-big", name + ": 원소가 " + data.length + "개다",
        "이 탐색기는 원소 " + MAX_ELEMENTS + "개까지만 그린다");
    }
    return { shape: shape, data: data, isFloat: isFloat };
  }

  function parseDim(text) {
    var s = String(text).trim();
    if (!/^[+-]?\d+$/.test(s)) {
      throw new GatherError("dim-parse", "TypeError: gather(): argument 'dim' must be int, not '" + s + "'",
        "dim은 정수다 (음수는 뒤에서부터 센다: -1은 마지막 축)");
    }
    return parseInt(s, 10);
  }

  /* ---------------------------------------------------------------- gather */

  function strides(shape) {
    var st = new Array(shape.length);
    var acc = 1;
    for (var d = shape.length - 1; d >= 0; d--) {
      st[d] = acc;
      acc *= shape[d];
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

  // torch.gather(input, dim, index) on parsed tensors; throws GatherError with torch's rule.
  function gather(input, dim, index) {
    var n = input.shape.length;
    if (dim < -n || dim > n - 1) {
      throw new GatherError("dim-range",
        "IndexError: Dimension out of range (expected to be in range of [" + (-n) + ", " + (n - 1) + "], but got " + dim + ")",
        "input이 " + n + "차원이므로 dim은 " + (-n) + "부터 " + (n - 1) + "까지다");
    }
    var d = dim < 0 ? dim + n : dim;
    if (index.isFloat) {
      throw new GatherError("dtype", "RuntimeError: gather(): Expected dtype int32/int64 for index",
        "index에는 정수만 적는다 (1.0, 2.5처럼 소수점이 있으면 실수 텐서가 된다)");
    }
    var numel = index.data.length;
    if (numel === 0) {
      return { shape: index.shape.slice(), data: [], srcFlat: [], dim: d };
    }
    if (index.shape.length !== n) {
      throw new GatherError("ndim-mismatch", "RuntimeError: Index tensor must have the same number of dimensions as input tensor",
        "input은 " + n + "차원, index는 " + index.shape.length + "차원이다. 두 텐서의 차원 수가 같아야 한다");
    }
    for (var k = 0; k < n; k++) {
      if (k !== d && index.shape[k] > input.shape[k]) {
        throw new GatherError("size",
          "RuntimeError: Size does not match at dimension " + k + " expected index " + fmtShape(index.shape) +
          " to be no larger than self " + fmtShape(input.shape) + " apart from dimension " + d,
          "dim(" + d + ")이 아닌 " + k + "번 축에서 index.size(" + k + ") = " + index.shape[k] +
          " > input.size(" + k + ") = " + input.shape[k] + ". dim이 아닌 축은 index가 input보다 크면 안 된다 (같거나 작으면 된다)");
      }
    }
    var size = input.shape[d];
    var st = strides(input.shape);
    var data = new Array(numel);
    var srcFlat = new Array(numel);
    for (var p = 0; p < numel; p++) {
      var v = index.data[p];
      if (v < 0 || v >= size) {
        throw new GatherError("bounds",
          "RuntimeError: index " + v + " is out of bounds for dimension " + d + " with size " + size,
          "index" + brackets(unravel(p, index.shape)) + " = " + v + ". index 값은 0 이상 input.size(" + d + ") = " + size +
          " 미만이어야 한다" + (v < 0 ? " (gather는 음수 index를 뒤에서부터 세지 않는다)" : ""));
      }
      var pos = unravel(p, index.shape);
      var off = 0;
      for (var a = 0; a < n; a++) off += (a === d ? v : pos[a]) * st[a];
      data[p] = input.data[off];
      srcFlat[p] = off;
    }
    return { shape: index.shape.slice(), data: data, srcFlat: srcFlat, dim: d };
  }

  function nest(shape, data) {
    if (shape.length === 0) return data[0];
    var i = 0;
    function build(d) {
      var out = [];
      for (var k = 0; k < shape[d]; k++) out.push(d === shape.length - 1 ? data[i++] : build(d + 1));
      return out;
    }
    return build(0);
  }

  function brackets(pos) {
    return pos.map(function (p) { return "[" + p + "]"; }).join("");
  }

  function fmtValue(v, isFloat) {
    if (!isFloat) return String(v);
    var s = String(v);
    return /[.eE]/.test(s) ? s : s + ".";
  }

  // out[1][2] = input[1][index[1][2]] = input[1][3] = 9
  function formula(pos, d, k, value) {
    var gen = pos.map(function (p, a) { return a === d ? "[index" + brackets(pos) + "]" : "[" + p + "]"; }).join("");
    var src = pos.map(function (p, a) { return a === d ? k : p; });
    return "out" + brackets(pos) + " = input" + gen + " = input" + brackets(src) + " = " + value;
  }

  function generalFormula(ndim, d) {
    var letters = "ijkl".slice(0, ndim).split("");
    var all = letters.map(function (c) { return "[" + c + "]"; }).join("");
    var gen = letters.map(function (c, a) { return a === d ? "[index" + all + "]" : "[" + c + "]"; }).join("");
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

  // Draw a tensor as 2-D slices (leading dims become slice captions). Returns {cells: []}.
  function drawTensor(box, name, t, interactive) {
    box.textContent = "";
    var shape = t.shape;
    var cells = new Array(t.data.length);
    if (t.data.length === 0) {
      box.appendChild(el("p", { "class": "gx-empty" }, "빈 텐서 (모양 " + fmtShape(shape) + ")"));
      return cells;
    }
    var nd = shape.length;
    var rows = nd >= 2 ? shape[nd - 2] : 1;
    var cols = shape[nd - 1];
    var lead = shape.slice(0, Math.max(0, nd - 2));
    var nslices = lead.reduce(function (a, b) { return a * b; }, 1);
    var per = rows * cols;
    for (var s = 0; s < nslices; s++) {
      var lpos = lead.length ? unravel(s, lead) : [];
      var slice = el("div", { "class": "gx-slice" });
      if (lead.length) slice.appendChild(el("div", { "class": "gx-slice-label" }, name + brackets(lpos)));
      var grid = el("div", { "class": "gx-grid", role: interactive ? "group" : null,
        "aria-label": interactive ? name + brackets(lpos) : null });
      grid.style.gridTemplateColumns = "auto repeat(" + cols + ", minmax(2.4em, max-content))";
      grid.appendChild(el("span", { "class": "gx-axis", "aria-hidden": "true" }, ""));
      for (var c = 0; c < cols; c++) grid.appendChild(el("span", { "class": "gx-axis", "aria-hidden": "true" }, String(c)));
      for (var r = 0; r < rows; r++) {
        grid.appendChild(el("span", { "class": "gx-axis", "aria-hidden": "true" }, nd >= 2 ? String(r) : ""));
        for (c = 0; c < cols; c++) {
          var flat = s * per + r * cols + c;
          var pos = unravel(flat, shape);
          var text = fmtValue(t.data[flat], t.isFloat);
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
        }
      }
      slice.appendChild(grid);
      box.appendChild(slice);
    }
    return cells;
  }

  function Explorer(root) {
    this.root = root;
    this.uid = "gx" + (++counter);
    this.state = null;
    this.build();
    this.loadPreset(PRESETS[0]);
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

    var inWrap = el("div", { "class": "gx-field" });
    inWrap.appendChild(el("label", { "for": id + "-input" }, "input (source) 텐서"));
    var input = el("textarea", { id: id + "-input", "data-role": "input", rows: "4", spellcheck: "false",
      autocomplete: "off", autocapitalize: "off" });
    inWrap.appendChild(input);

    var ixWrap = el("div", { "class": "gx-field" });
    ixWrap.appendChild(el("label", { "for": id + "-index" }, "index 텐서 (정수)"));
    var index = el("textarea", { id: id + "-index", "data-role": "index", rows: "4", spellcheck: "false",
      autocomplete: "off", autocapitalize: "off" });
    ixWrap.appendChild(index);

    form.appendChild(presetWrap);
    form.appendChild(dimWrap);
    form.appendChild(inWrap);
    form.appendChild(ixWrap);
    root.appendChild(form);

    var call = el("p", { "class": "gx-call", "data-role": "call" });
    root.appendChild(call);
    var error = el("div", { "class": "gx-error", "data-role": "error", role: "alert", hidden: "" });
    root.appendChild(error);

    var tensors = el("div", { "class": "gx-tensors" });
    var boxes = {};
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
      boxes[pair[0]] = { body: body, shape: shp };
    });
    root.appendChild(tensors);

    var formulaBox = el("div", { "class": "gx-formula-box" });
    formulaBox.appendChild(el("code", { "class": "gx-general", "data-role": "general" }));
    formulaBox.appendChild(el("code", { "class": "gx-formula", "data-role": "formula", "aria-live": "polite" }));
    root.appendChild(formulaBox);
    root.appendChild(el("p", { "class": "gx-help" },
      "결과 칸에 마우스를 올리거나 Tab으로 들어가 방향키로 옮기면, 그 값을 가져온 index 칸과 input 칸이 표시된다."));

    this.el = { preset: preset, dim: dim, input: input, index: index, error: error, call: call,
      boxes: boxes, formula: formulaBox.lastChild, general: formulaBox.firstChild };

    preset.addEventListener("change", function () {
      var p = PRESETS.filter(function (x) { return x.id === preset.value; })[0];
      if (p) self.loadPreset(p);
    });
    [input, index, dim].forEach(function (c) {
      c.addEventListener("input", function () {
        preset.value = "custom";
        self.update();
      });
    });
    var out = boxes.out.body;
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

  Explorer.prototype.loadPreset = function (p) {
    this.el.preset.value = p.id;
    this.el.input.value = p.input;
    this.el.index.value = p.index;
    this.el.dim.value = String(p.dim);
    this.update();
    if (this.state && this.state.out) {
      var sh = this.state.out.shape;
      var flat = 0;
      for (var a = 0; a < sh.length; a++) flat = flat * sh[a] + p.focus[a];
      this.select(flat);
    }
  };

  // Parse the controls, run gather, redraw. Synchronous, so a test can set a value,
  // dispatch `input` and read data-value right away.
  Explorer.prototype.update = function () {
    var E = this.el;
    var input = null, index = null, out = null, err = null, dim = null;
    try {
      input = parseTensor(E.input.value, "input");
    } catch (e) { err = err || e; }
    try {
      index = parseTensor(E.index.value, "index");
    } catch (e) { err = err || e; }
    try {
      dim = parseDim(E.dim.value);
    } catch (e) { err = err || e; }
    if (!err) {
      try {
        out = gather(input, dim, index);
      } catch (e) { err = e; }
    }
    if (err && !(err instanceof GatherError)) {
      err = new GatherError("internal", String(err && err.message || err), "탐색기 내부 오류");
    }
    this.state = { input: input, index: index, out: out, dim: dim, selected: -1 };

    E.input.setAttribute("aria-invalid", err && input === null ? "true" : "false");
    E.index.setAttribute("aria-invalid", err && (index === null || ["dtype", "ndim-mismatch", "size", "bounds"].indexOf(err.kind) >= 0) ? "true" : "false");
    E.dim.setAttribute("aria-invalid", err && (err.kind === "dim-parse" || err.kind === "dim-range") ? "true" : "false");

    var B = E.boxes;
    this.cells = {
      input: input ? drawTensor(B.input.body, "input", input, false) : clear(B.input.body),
      index: index ? drawTensor(B.index.body, "index", index, false) : clear(B.index.body),
      out: out ? drawTensor(B.out.body, "out", { shape: out.shape, data: out.data, isFloat: input.isFloat }, true) : clear(B.out.body)
    };
    B.input.shape.textContent = input ? "모양 (" + input.shape.join(", ") + ")" : "";
    B.index.shape.textContent = index ? "모양 (" + index.shape.join(", ") + ")" : "";
    B.out.shape.textContent = out ? "모양 (" + out.shape.join(", ") + ") = index의 모양" : "";

    var outBox = B.out.body;
    E.error.textContent = "";
    if (err) {
      outBox.setAttribute("data-value", "");
      outBox.setAttribute("data-state", "error");
      outBox.appendChild(el("p", { "class": "gx-empty" }, "오류가 있어 결과가 없다"));
      E.error.setAttribute("data-kind", err.kind);
      E.error.appendChild(el("strong", null, "torch라면: "));
      E.error.appendChild(el("code", null, err.message));
      E.error.appendChild(el("p", null, err.hint));
      E.error.hidden = false;
      E.call.textContent = "";
      E.general.textContent = "";
      E.formula.textContent = "";
    } else {
      outBox.setAttribute("data-value", JSON.stringify(nest(out.shape, out.data)));
      outBox.setAttribute("data-state", "ok");
      E.error.hidden = true;
      E.error.removeAttribute("data-kind");
      E.call.textContent = "out = torch.gather(input, dim=" + dim + ", index=index)" +
        (dim < 0 ? "   # dim " + dim + " = " + out.dim + "번 축" : "");
      E.general.textContent = generalFormula(input.shape.length, out.dim);
      E.formula.textContent = "";
      if (out.data.length) this.select(0, true);
    }
  };

  function clear(box) {
    box.textContent = "";
    return [];
  }

  Explorer.prototype.select = function (flat, quiet) {
    var st = this.state;
    if (!st || !st.out || !(flat >= 0 && flat < st.out.data.length)) return;
    var C = this.cells;
    this.root.querySelectorAll(".is-src, .is-idx, .is-out, .is-line").forEach(function (c) {
      c.classList.remove("is-src", "is-idx", "is-out", "is-line");
    });
    var out = st.out;
    var pos = unravel(flat, out.shape);
    var k = st.index.data[flat];
    var srcFlat = out.srcFlat[flat];
    // the line of input along dim that this output cell chooses from
    var ist = strides(st.input.shape);
    var base = srcFlat - k * ist[out.dim];
    for (var t = 0; t < st.input.shape[out.dim]; t++) {
      var lc = C.input[base + t * ist[out.dim]];
      if (lc) lc.classList.add("is-line");
    }
    C.input[srcFlat].classList.add("is-src");
    C.index[flat].classList.add("is-idx");
    C.out[flat].classList.add("is-out");
    C.out.forEach(function (c, i) { c.setAttribute("tabindex", i === flat ? "0" : "-1"); });
    st.selected = flat;
    var text = formula(pos, out.dim, k, fmtValue(out.data[flat], st.input.isFloat));
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
    if (!st || !st.out || st.selected < 0) return;
    var n = st.out.data.length;
    var cols = st.out.shape[st.out.shape.length - 1];
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

  function initAll() {
    var roots = document.querySelectorAll("[data-gather-explorer]");
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].gatherExplorer) roots[i].gatherExplorer = new Explorer(roots[i]);
    }
  }

  window.GatherExplorer = { initAll: initAll, parseTensor: parseTensor, gather: gather, formula: formula };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();

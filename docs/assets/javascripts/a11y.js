// Accessibility fixes for markup that Material's JavaScript creates at run time (found by
// axe-core in tests/test_quality.py).
//
// Material wraps each code block's copy button in an unlabelled <nav class="md-code__nav">
// as code blocks scroll into view. A page with many code blocks then has many navigation
// landmarks with the same (empty) name (axe: landmark-unique), and a copy button is not
// navigation: take the landmark role off these wrappers. The button itself is unchanged.
(() => {
  const fix = (root) => {
    for (const nav of root.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  };
  fix(document);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType === 1) fix(node.parentNode || node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

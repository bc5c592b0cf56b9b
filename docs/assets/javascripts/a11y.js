// Accessibility fixes for markup that Material's JavaScript creates at run time (found by
// axe-core in tests/test_quality.py).
//
// Material wraps each code block's copy button in an unlabelled <nav class="md-code__nav">
// as code blocks scroll into view. A page with many code blocks then has many navigation
// landmarks with the same (empty) name (axe: landmark-unique), and a copy button is not
// navigation: take the landmark role off these wrappers. The button itself is unchanged.
(() => {
  const SELECTOR = "nav.md-code__nav:not([role])";
  const fix = (nav) => nav.setAttribute("role", "none");
  document.querySelectorAll(SELECTOR).forEach(fix);
  // Only look inside added elements (the gather explorer adds hundreds per redraw).
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(SELECTOR)) fix(node);
        else if (node.firstElementChild) node.querySelectorAll(SELECTOR).forEach(fix);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

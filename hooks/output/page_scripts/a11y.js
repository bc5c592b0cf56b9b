// Accessibility fixes for markup that Material's JavaScript creates at run time (found by
// axe-core in tests/test_quality.py).
//
// Material wraps each code block's copy button in an unlabelled <nav class="md-code__nav">
// as code blocks scroll into view. A page with many code blocks then has many navigation
// landmarks with the same (empty) name (axe: landmark-unique), and a copy button is not
// navigation: take the landmark role off these wrappers. The button itself is unchanged.
//
// The instant preview of a link to another note (hooks/links, mkdocs.yml) is a
// role="dialog" tooltip without a name (axe: aria-dialog-name): name it after the link.
(() => {
  const FIXES = [
    ["nav.md-code__nav:not([role])", (nav) => nav.setAttribute("role", "none")],
    ['.md-tooltip2[role="dialog"]:not([aria-label])', (tip) => tip.setAttribute("aria-label", "링크 미리 보기")],
  ];
  const fixAll = (root) => {
    for (const [selector, fix] of FIXES) {
      if (root.matches && root.matches(selector)) fix(root);
      else if (root.firstElementChild) root.querySelectorAll(selector).forEach(fix);
    }
  };
  fixAll(document);
  // Only look inside added elements (the gather explorer adds hundreds per redraw).
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) if (node.nodeType === 1) fixAll(node);
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

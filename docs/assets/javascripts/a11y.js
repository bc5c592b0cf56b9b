// Fixes for what Material's JavaScript does at run time: accessibility (found by
// axe-core in tests/test_quality.py), and link targets on long notes (the second block).
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

// A link to a section lands on it. Long notes skip laying out off-screen blocks (extra.css:
// content-visibility); when a link opens a section deep in such a page, Material's start-up
// lays out blocks near the target after the browser's jump and pushes the target away
// (day12#tqdm ended 2,700 px below the top). Bring the target back to the top while the page
// settles (1 s), unless the reader scrolls first.
(() => {
  const settle = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    let stop = false;
    const quit = () => { stop = true; };
    for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
      window.addEventListener(type, quit, { once: true, passive: true });
    }
    const until = performance.now() + 1000;
    const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    const fix = () => {
      if (stop) return;
      if (Math.abs(target.getBoundingClientRect().top - margin) > 2) target.scrollIntoView();
      if (performance.now() < until) requestAnimationFrame(fix);
    };
    requestAnimationFrame(fix);
  };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(settle);
  else window.addEventListener("load", settle);
  window.addEventListener("hashchange", settle);
})();

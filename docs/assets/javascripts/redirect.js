// The page a moved note leaves at its old URL (hooks/links/published.py writes it): go to the
// new URL and keep the #fragment, so an old link to a heading lands on that heading. A file of
// the site, not an inline script: the page's Content-Security-Policy allows no inline script.
(function () {
  var to = document.currentScript.getAttribute("data-to");
  location.replace(new URL(to, location.href).href.split("#")[0] + location.hash);
})();

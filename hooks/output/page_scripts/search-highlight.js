// Search highlight guard: only real words of ?h= reach Material's highlighter.
//
// With `search.highlight`, Material marks the words of a page URL's `?h=` (its search results
// link there with the query's words). Its highlighter (Material 9.8.2,
// integrations/search/highlighter) escapes the value, replaces every separator match with `|`
// and marks `(^|separator|)(value)` in every text node. A value that is only separators
// (`?h=<`, `?h==`, `?h=%20`, `?h=.`), or a word that ends in one (`gather(`, `nn.Module`,
// `텐서의`: the particle is a separator), leaves an empty alternative, which matches between
// any two characters: day12 got ~98,000 empty <mark> elements and 2-5 s of blocked main
// thread. A single Latin letter or digit marks every occurrence inside every word (`?h=e`:
// 4,700 marks). Upstream fixed the same in Material's successor (zensical/ui#236).
//
// This runs before Material reads the URL (it mounts the highlighter on DOMContentLoaded; this
// script is inline after its bundle: hooks/output/page_scripts.py) and on every instant
// navigation (`location$`, before the highlighter's own subscription), and rewrites `h` to the
// words the search worker would make of it that Material's highlighter takes as they are: at
// most MAX_TERMS words of 2 to MAX_LENGTH characters (a single Hangul syllable counts: 훅, 뷰),
// no word the highlighter would split. Nothing left: `h` goes. `?h=텐서`, `?h=gather` stay as they are.
(() => {
  // hooks/search/engine.py SEPARATOR, the search's tokenizer (tests/test_search_highlight.py checks that
  // this copy is the same).
  const SEPARATOR = "&(?:lt|gt|amp|quot|#39);|[\\s\\u00a0\\u2000-\\u200b\\u3000\\ufeff\\-‐–—,:;!?=\\[\\](){}<>\"'`/\\\\~*+#@%^&$…·“”‘’「」『』\\x7c]+|[\\u3131-\\u318e]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|\\.(?!\\d)|(?<=[가-힣]{2})(?:(?:으로|에서|에게|까지|부터|처럼|보다|와|과|로|에)(?:는|은|의|도|만|를|을)?|의|를|을|은|는|이|가|도|만)(?![가-힣A-Za-z0-9])|(?<=[가-힣])(?:(?:으로|에서|에게|까지|부터|처럼|와|에)(?:는|은|의|도|만|를|을)?|를|을|은|는)(?![가-힣A-Za-z0-9])|(?<![가-힣])(?:(?:으로|에서|에게|까지|부터|처럼|보다|와|과|로|에)(?:는|은|의|도|만|를|을)?|의|를|을|은|는|이|가|도|만)(?![가-힣A-Za-z0-9])|(?<=[a-z]{3})(?=[A-Z][a-z])|(?<=[A-Za-z0-9])(?=[가-힣])|(?<=[가-힣])(?=[A-Za-z0-9])"
  const MAX_TERMS = 8
  const MAX_LENGTH = 64
  const words = new RegExp(SEPARATOR, "g")

  // Material's highlighter, step by step: its separator (purely zero-width alternatives
  // replaced) and the alternatives it ORs together for a value.
  const cut = new RegExp(SEPARATOR.split("|")
    .map(part => part.replace(/(\(\?[!=<][^)]+\))/g, "").length === 0 ? "\uFFFD" : part)
    .join("|"), "img")
  const alternatives = value => value
    .replace(/[\s*+\-:~^]+/g, " ").replace(/&/g, "&amp;").trim()
    .replace(/[|\\{}()[\]^$+*?.-]/g, "\\$&")
    .replace(cut, "|")
    .split("|")
  const word = term => term.length <= MAX_LENGTH && (term.length > 1 || /^[가-힣]$/.test(term))
  const kept = term => word(term) && alternatives(term).join("|") === term

  // `h` as the highlighter should get it, or "" for none
  const guard = h => {
    const terms = [...new Set(h.split(words).filter(kept))].slice(0, MAX_TERMS)
    const value = terms.join(" ")
    return alternatives(value).every(word) ? value : ""
  }

  // Rewrites `url` (a URL) in place; true if it changed
  const clean = url => {
    const h = url.searchParams.get("h")
    if (h === null) return false
    const value = guard(h)
    if (value === h && url.searchParams.getAll("h").length === 1) return false
    if (value) url.searchParams.set("h", value)
    else url.searchParams.delete("h")
    return true
  }

  const here = new URL(location.href)
  if (clean(here)) history.replaceState(history.state, "", here)
  // Instant navigation: Material has pushed the new URL and emits it on `location$`; the
  // highlighter reads that URL object and, once the page is in, location.href.
  if (window.location$)
    window.location$.subscribe(url => {
      if (clean(url) && new URL(location.href).pathname === url.pathname)
        history.replaceState(history.state, "", url)
    })
})()

/*
 * Korean search worker: Material's own search worker, run in two stages.
 *
 * hooks/search_ko.py points Material's `__config.search` here (with `?worker=` naming
 * Material's worker file). Material's search UI stays as it is: it posts SETUP (the
 * contents of search/search_index.json) and QUERY messages to this worker and renders
 * the READY and RESULT messages it gets back.
 *
 * This file runs in two roles:
 *
 * - router (the worker Material creates): starts engine 1 on search_index.json, which
 *   holds every section with its title and hidden title fields but an empty text, so the
 *   first result comes fast. On the first non-empty query it fetches the rest
 *   (`config.text_url`: the text, aliases and API names of every section), merges it by
 *   location and starts engine 2 on the whole index, on another core. Until engine 2 is
 *   ready engine 1 answers; then engine 2 answers, engine 1 is stopped and the query on
 *   screen is answered again, now with full text. Only the active engine's results reach
 *   the page.
 * - engine (`self.name === "engine"`): Material's worker itself (importScripts), with
 *   one change: lunr's result list is cut to the sections that can still reach the first
 *   KEEP places after Material's re-ranking (see below). Material then highlights and
 *   sends fewer documents, which is most of its time per keystroke on a big site.
 *
 * Once the full index answers, the router posts {type: TEXT_READY} (after the query on
 * screen was answered again): Material ignores message types it does not know; tests
 * and benches wait for it.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3   /* Material's SearchMessageType */
const TEXT_READY = "search-ko:text-ready"
const MATERIAL = new URL(self.location.href).searchParams.get("worker")
if (!MATERIAL || !/^search\.[0-9a-f]+\.min\.js$/.test(MATERIAL))
  throw new Error(`search-ko.js: expected ?worker=search.<hash>.min.js, got ${self.location.search}`)

/* Material multiplies each lunr score by 1 + boost², boost = (1 for a page, 0 for a
   section) + (share of query terms found) <= 2, so by at most 5: a result whose score is
   below a fifth of the KEEP-th best can never be re-ranked into the first KEEP. */
const KEEP = 100
const MAX_BOOST = 5

if (self.name === "engine") {
  importScripts(MATERIAL)
  const search = self.lunr.Index.prototype.search
  self.lunr.Index.prototype.search = function (query) {
    const results = search.call(this, query)          /* sorted by score, best first */
    if (results.length <= KEEP)
      return results
    const floor = results[KEEP - 1].score / MAX_BOOST
    let n = KEEP
    while (n < results.length && results[n].score >= floor)
      n++
    return results.slice(0, n)
  }
} else {
  const base = new URL("../../../", self.location.href)  /* assets/javascripts/workers/ */
  let setup = null        /* the SETUP data: config, docs of the first index, options */
  let active = null       /* the engine that answers queries */
  let query = ""          /* the last query, answered again when the full index is ready */
  let requested = false
  let announce = false    /* post TEXT_READY after the first full-text result */

  const start = (data, ready) => {
    const engine = new Worker(self.location.href, { name: "engine" })
    engine.onmessage = ({ data: message }) => {
      if (message.type === READY)
        ready(engine)
      else if (message.type === RESULT && engine === active) {
        postMessage(message)
        if (announce) {
          announce = false
          postMessage({ type: TEXT_READY })
        }
      }
    }
    engine.onerror = event => console.warn(`search-ko.js: search engine failed: ${event.message}`)
    engine.postMessage({ type: SETUP, data })
  }

  const loadText = async () => {
    const url = setup.config.text_url
    if (typeof url !== "string")
      throw new Error("search-ko.js: search_index.json has no config.text_url (hooks/search_ko.py writes it)")
    const response = await fetch(new URL(url, base))
    if (!response.ok)
      throw new Error(`search-ko.js: ${url}: HTTP ${response.status}`)
    const rest = new Map((await response.json()).map(entry => [entry.location, entry]))
    const docs = setup.docs.map(doc => rest.has(doc.location) ? { ...doc, ...rest.get(doc.location) } : doc)
    start({ ...setup, docs }, engine => {
      const first = active
      active = engine
      first.terminate()
      if (query) {
        announce = true
        engine.postMessage({ type: QUERY, data: query })
      } else {
        postMessage({ type: TEXT_READY })
      }
    })
  }

  addEventListener("message", ({ data: message }) => {
    switch (message.type) {
      case SETUP:
        setup = message.data
        start(setup, engine => {
          active = engine
          postMessage({ type: READY })
        })
        break
      case QUERY:
        query = message.data
        if (query && !requested) {
          requested = true
          loadText().catch(err => console.warn(`${err.message}; searching titles only`))
        }
        active.postMessage(message)          /* Material queries only after READY */
        break
      default:
        throw new TypeError(`search-ko.js: unexpected message type ${message.type}`)
    }
  })
}

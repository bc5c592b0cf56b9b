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
 *   holds every section with only its title and keywords (`config.first_fields`, the
 *   only fields engine 1 indexes) and an empty text, so the first result comes fast.
 *   On the first non-empty query it starts engine 2, on another core: engine 2 fetches
 *   the rest (`config.text_url`: the text and the other hidden fields of every section),
 *   merges it with the first index by location and indexes everything, while the router
 *   stays free to pass engine 1's answers on. Until engine 2 is ready engine 1 answers; then
 *   engine 2 answers, engine 1 is stopped and the query on screen is answered again,
 *   now with full text. Only the active engine's results reach the page, one query at a
 *   time: keystrokes typed while a query runs collapse into the latest.
 * - engine (`self.name === "engine"`): Material's worker itself (importScripts), with
 *   two changes: lunr's result list is cut to the sections that can still reach the first
 *   KEEP places after Material's re-ranking (see below), so Material highlights and sends
 *   fewer documents, and the results it sends leave out the hidden fields and `parent`.
 *   Both were most of its time per keystroke on a big site.
 *
 * Once the full index answers, the router posts {type: TEXT_READY} (after the query on
 * screen was answered again): Material ignores message types it does not know; tests
 * and benches wait for it. Measured by bench/scale.py; the README's search section says
 * why the search is built this way.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3   /* Material's SearchMessageType */
const TEXT_READY = "search-ko:text-ready"           /* router -> page */
const LOAD_TEXT = "search-ko:load-text"             /* router -> engine 2 */
const FAILED = "search-ko:failed"                   /* engine -> router */
const SHOWN = ["title", "text", "tags"]      /* the fields Material's result list renders */
const MATERIAL = new URL(self.location.href).searchParams.get("worker")
if (!MATERIAL || !/^search\.[0-9a-f]+\.min\.js$/.test(MATERIAL))
  throw new Error(`search-ko.js: expected ?worker=search.<hash>.min.js, got ${self.location.search}`)
const BASE = new URL("../../../", self.location.href)  /* the site; this is assets/javascripts/workers/ */

/* Material multiplies each lunr score by 1 + boost², boost = (1 for a page, 0 for a
   section) + (share of query terms found) <= 2, so by at most 5: a result whose score is
   below a fifth of the KEEP-th best can never be re-ranked into the first KEEP. By the
   same bound, a section below a fifth of its page's best can never be shown ahead of
   that page's "more on this page" fold; those are kept too. So every page Material would
   list is listed, in the same order, with the same sections shown; only a page's folded
   "more on this page" can count fewer sections. */
const KEEP = 100
const MAX_BOOST = 5

const fetchJSON = async url => {
  const response = await fetch(new URL(url, BASE))
  if (!response.ok)
    throw new Error(`search-ko.js: ${url}: HTTP ${response.status}`)
  return response.json()
}

if (self.name === "engine") {
  let hidden = []

  /* Before Material's listener: LOAD_TEXT is ours (Material would throw on it). It fetches
     both halves of the index, merges them and hands Material an ordinary SETUP. */
  addEventListener("message", event => {
    const message = event.data
    if (message.type === SETUP) {
      hidden = Object.keys(message.data.config.fields).filter(name => !SHOWN.includes(name))
    } else if (message.type === LOAD_TEXT) {
      event.stopImmediatePropagation()
      const { config, options } = message.data
      Promise.all([fetchJSON("search/search_index.json"), fetchJSON(config.text_url)])
        .then(([first, text]) => {
          const rest = new Map(text.map(entry => [entry.location, entry]))
          const docs = first.docs.map(doc => rest.has(doc.location) ? { ...doc, ...rest.get(doc.location) } : doc)
          dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: { config, docs, options } } }))
        })
        .catch(err => postMessage({ type: FAILED, data: err.message }))
    }
  })
  importScripts(MATERIAL)

  /* Results go out without what the search UI never reads: the hidden fields and each
     section's `parent` (its page's whole entry, text and hidden fields included), which
     made up most of every RESULT message the page has to copy. */
  const post = self.postMessage
  self.postMessage = message => {
    if (message.type === RESULT)
      for (const group of message.data.items)
        for (const item of group) {
          delete item.parent
          for (const name of hidden)
            delete item[name]
        }
    post(message)
  }

  const search = self.lunr.Index.prototype.search
  self.lunr.Index.prototype.search = function (query) {
    const results = search.call(this, query)          /* sorted by score, best first */
    if (results.length <= KEEP)
      return results
    const floor = results[KEEP - 1].score / MAX_BOOST
    const best = new Map()                            /* page -> its best lunr score */
    return results.filter(({ ref, score }, i) => {
      const page = ref.split("#")[0]
      if (!best.has(page))
        best.set(page, score)
      return i < KEEP || score >= floor || score >= best.get(page) / MAX_BOOST
    })
  }
} else {
  let setup = null        /* the SETUP data: config, docs of the first index, options */
  let active = null       /* the engine that answers queries */
  let query = ""          /* the latest query */
  let busy = false        /* the active engine is working on a query */
  let waiting = false     /* a newer query arrived meanwhile: ask it when the engine is free */
  let requested = false   /* the full text was requested */
  let announce = false    /* post TEXT_READY after the first full-text result */

  /* One query at a time per engine; queries typed meanwhile collapse into the latest, so
     a slow query (one letter matching most sections) never queues keystrokes behind it. */
  const ask = engine => {
    busy = true
    waiting = false
    engine.postMessage({ type: QUERY, data: query })
  }

  const start = (message, ready) => {
    const engine = new Worker(self.location.href, { name: "engine" })
    engine.onmessage = ({ data: reply }) => {
      if (reply.type === READY) {
        ready(engine)
      } else if (reply.type === RESULT && engine === active) {
        postMessage(reply)
        busy = false
        if (announce) {
          announce = false
          postMessage({ type: TEXT_READY })
        }
        if (waiting)
          ask(engine)
      } else if (reply.type === FAILED) {
        console.warn(`${reply.data}; searching titles only`)
        engine.terminate()
      }
    }
    engine.onerror = event => console.warn(`search-ko.js: search engine failed: ${event.message}`)
    engine.postMessage(message)
  }

  const loadText = () => {
    const { config, options } = setup
    if (typeof config.text_url !== "string")
      throw new Error("search-ko.js: search_index.json has no config.text_url (hooks/search_ko.py writes it)")
    start({ type: LOAD_TEXT, data: { config, options } }, engine => {
      const first = active
      active = engine
      first.terminate()                    /* its answer in progress, if any, is dropped */
      if (query) {
        announce = true
        ask(engine)                        /* the query on screen, now with full text */
      } else {
        busy = false
        postMessage({ type: TEXT_READY })
      }
    })
  }

  addEventListener("message", ({ data: message }) => {
    switch (message.type) {
      case SETUP: {
        setup = message.data
        const { fields, first_fields: first } = setup.config
        if (!Array.isArray(first) || !first.every(name => name in fields))
          throw new Error("search-ko.js: search_index.json has no valid config.first_fields (hooks/search_ko.py writes it)")
        const config = { ...setup.config, fields: Object.fromEntries(first.map(name => [name, fields[name]])) }
        start({ type: SETUP, data: { ...setup, config } }, engine => {
          active = engine
          postMessage({ type: READY })
        })
        break
      }
      case QUERY:                            /* Material queries only after READY */
        query = message.data
        if (query && !requested) {
          requested = true
          loadText()
        }
        if (busy)
          waiting = true
        else
          ask(active)
        break
      default:
        throw new TypeError(`search-ko.js: unexpected message type ${message.type}`)
    }
  })
}

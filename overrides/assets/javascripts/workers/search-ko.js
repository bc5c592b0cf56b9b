/*
 * Korean search worker: Material's own search worker, run in two stages.
 *
 * hooks/search/extension.py points Material's `__config.search` here (with `?worker=` naming
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
 *   three changes: lunr's result list is cut to the sections that can still reach the first
 *   KEEP places after Material's re-ranking (see below), so Material highlights and sends
 *   fewer documents; lunr's query scores first and builds its match data only for the
 *   sections kept (`query` below: same results, same scores); and the hidden fields leave
 *   the entries once indexed (Material does not highlight them) and, with `parent`, the
 *   results it sends.
 *   These were most of its time per keystroke on a big site. And each query term also
 *   counts 1 + EXACT times as much where it is a whole word as where it only begins one (`exact`
 *   below). `engine:reference` is the same engine with lunr's own query and `engine:uncut`
 *   the same without the result cap either (Material's worker plus `exact`): tests check
 *   that they answer alike.
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

if (self.name === "engine" || self.name === "engine:reference" || self.name === "engine:uncut") {
  let hidden = []      /* the fields Material indexes but never shows */
  let indexed = []     /* the SETUP's entries, until Material has indexed them */
  let typed = ""       /* the query as typed (Material's search() gets it split at the separator) */
  let sizes = new Map() /* page -> how many entries it has (the page and its sections) */

  /* Before Material's listener: LOAD_TEXT is ours (Material would throw on it). It fetches
     both halves of the index, merges them and hands Material an ordinary SETUP. */
  addEventListener("message", event => {
    const message = event.data
    if (message.type === QUERY) {
      typed = String(message.data)
    } else if (message.type === SETUP) {
      hidden = Object.keys(message.data.config.fields).filter(name => !SHOWN.includes(name))
      indexed = message.data.docs
      sizes = new Map()
      for (const doc of indexed) {
        const page = doc.location.split("#")[0]
        sizes.set(page, (sizes.get(page) || 0) + 1)
      }
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

  /* Results go out without what the search UI never reads: the hidden fields (dropped
     from the entries once indexed, so Material does not highlight them for every result
     either) and each section's `parent` (its page's whole entry), which made up most of
     every RESULT message the page has to copy. */
  const post = self.postMessage
  self.postMessage = message => {
    if (message.type === READY) {           /* indexed: the hidden fields are no longer needed */
      for (const doc of indexed)
        for (const name of hidden)
          delete doc[name]
      indexed = []
    }
    if (message.type === RESULT)
      for (const group of message.data.items)
        for (const item of group)
          delete item.parent
    post(message)
  }

  const lunr = self.lunr
  const cut = results => {                            /* sorted by score, best first */
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

  /* The weight of term `index` in a lunr.Vector's elements [index, value, index, value...]. */
  const weight = (elements, index) => {
    let lo = 0, hi = elements.length / 2
    while (lo < hi) {
      const mid = (lo + hi) >> 1, at = elements[mid * 2]
      if (at === index)
        return elements[mid * 2 + 1]
      if (at < index) lo = mid + 1; else hi = mid
    }
    throw new Error(`search-ko.js: term ${index} matched a section whose vector lacks it`)
  }

  /* lunr 2.3.9's Index#query, clause for clause, with the same results in the same order
     and bit-identical scores, but cheaper on a big index: a matched (term, field, section)
     is noted as three array items under its (field, section), not merged into a
     lunr.MatchData (which copies the term's positions) for every section; a section's
     score is the sum, in term order as lunr's Vector#dot adds it, of query weight x
     section weight over the terms it matched (exactly the terms its vector shares with the
     query vector); the query vector is summed in a Map and sorted once (lunr inserts term
     by term). Only for the sections `cut` keeps is the match data built, with the
     metadata lunr's would have (term -> field -> {position}, keys in lunr's order; each
     leaf is the posting's own, which Material only reads), not a lunr.MatchData: Material
     reads nothing but `matchData.metadata`. */
  const query = function (parse) {
    const q = new lunr.Query(this.fields)
    parse(q)
    if (q.isNegated())                     /* only prohibited terms: every section, lunr's way */
      return cut(lunrQuery.call(this, fresh => { fresh.clauses = q.clauses }))
    const matched = []                     /* field, ref, [termIndex, term, metadata, ...], ... in lunr's order */
    const byField = Object.create(null)    /* field -> Map(ref -> that list) */
    const termFieldCache = Object.create(null), required = Object.create(null), prohibited = Object.create(null)
    const weights = Object.create(null)    /* field -> Map(termIndex -> query weight) */
    for (const field of this.fields) {
      weights[field] = new Map()
      byField[field] = new Map()
    }
    for (const clause of q.clauses) {
      let clauseMatches = lunr.Set.empty
      const terms = clause.usePipeline ? this.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
      for (const term of terms) {
        clause.term = term
        const expanded = this.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()
        if (expanded.length === 0 && clause.presence === lunr.Query.presence.REQUIRED) {
          for (const field of clause.fields)
            required[field] = lunr.Set.empty
          break
        }
        for (const expandedTerm of expanded) {
          const posting = this.invertedIndex[expandedTerm], termIndex = posting._index
          for (const field of clause.fields) {
            const fieldPosting = posting[field], refs = Object.keys(fieldPosting), termField = `${expandedTerm}/${field}`
            if (clause.presence === lunr.Query.presence.REQUIRED) {
              clauseMatches = clauseMatches.union(new lunr.Set(refs))
              if (required[field] === undefined)
                required[field] = lunr.Set.complete
            }
            if (clause.presence === lunr.Query.presence.PROHIBITED) {
              prohibited[field] = (prohibited[field] || lunr.Set.empty).union(new lunr.Set(refs))
              continue
            }
            const w = weights[field]
            w.set(termIndex, w.has(termIndex) ? w.get(termIndex) + clause.boost : clause.boost)
            if (termFieldCache[termField])
              continue
            const lists = byField[field]
            for (const ref of refs) {
              const list = lists.get(ref)
              if (list === undefined) {
                const fresh = [termIndex, expandedTerm, fieldPosting[ref]]
                lists.set(ref, fresh)
                matched.push(field, ref, fresh)
              } else {
                list.push(termIndex, expandedTerm, fieldPosting[ref])
              }
            }
            termFieldCache[termField] = true
          }
        }
      }
      if (clause.presence === lunr.Query.presence.REQUIRED)
        for (const field of clause.fields)
          required[field] = required[field].intersect(clauseMatches)
    }
    let allRequired = lunr.Set.complete, allProhibited = lunr.Set.empty
    const magnitude = Object.create(null)
    for (const field of this.fields) {
      if (required[field])
        allRequired = allRequired.intersect(required[field])
      if (prohibited[field])
        allProhibited = allProhibited.union(prohibited[field])
      const elements = []
      for (const index of [...weights[field].keys()].sort((a, b) => a - b))
        elements.push(index, weights[field].get(index))
      magnitude[field] = new lunr.Vector(elements).magnitude()
    }
    const results = [], byRef = new Map()
    for (let m = 0; m < matched.length; m += 3) {
      const field = matched[m], ref = matched[m + 1], list = matched[m + 2]
      if (!allRequired.contains(ref) || allProhibited.contains(ref))
        continue
      const elements = this.fieldVectors[`${field}/${ref}`].elements, w = weights[field]
      let dot = 0
      if (list.length === 3) {
        dot = w.get(list[0]) * weight(elements, list[0])
      } else {
        const order = []
        for (let i = 0; i < list.length; i += 3)
          order.push(i)
        order.sort((a, b) => list[a] - list[b])
        for (const i of order)
          dot += w.get(list[i]) * weight(elements, list[i])
      }
      const score = dot / magnitude[field] || 0
      const match = byRef.get(ref)
      if (match === undefined) {
        const first = { ref, score, fields: [field, list] }
        byRef.set(ref, first)
        results.push(first)
      } else {
        match.score += score
        match.fields.push(field, list)
      }
    }
    spread(results, ({ fields }) => {
      const terms = []
      for (let f = 1; f < fields.length; f += 2)
        for (let i = 1; i < fields[f].length; i += 3)
          terms.push(fields[f][i])
      return terms
    })
    results.sort((a, b) => b.score - a.score)
    return cut(results).map(({ ref, score, fields }) => {
      const metadata = Object.create(null)
      for (let f = 0; f < fields.length; f += 2) {
        const field = fields[f], list = fields[f + 1]
        for (let i = 0; i < list.length; i += 3) {
          const term = list[i + 1]
          if (!(term in metadata))
            metadata[term] = Object.create(null)
          metadata[term][field] = list[i + 2]
        }
      }
      return { ref, score, matchData: { metadata } }
    })
  }

  /* Material appends `*` to every query term, and lunr weighs a word the term only begins
     (자동* -> 자동차) like the term itself, with the rarer word's larger idf: a section titled
     자율 주행 자동차 outranked the page 자동 미분 for the query 자동 미분. So each optional
     trailing-wildcard clause gets a twin without the wildcard, boosted EXACT: the query vector
     then weighs the typed word 1 + EXACT and the longer words 1. A twin skips lunr's search
     pipeline as its wildcard clause does (the pipeline keeps lunr's English stemmer:
     module -> modul). Measured on bench/search_course.py's tune queries: EXACT 0 / 3 / 10 / 30
     put the page about the topic first for 28 / 33 / 35 / 35 of 49. */
  const EXACT = 10
  let words = []                       /* the plain words of the query being parsed (twinned) */
  /* a plain typed word: lunr's parser keeps Material's trailing `*` in the term, no `+`/`-` */
  const plainWord = clause => /^[^*]+\*$/.test(clause.term) && clause.presence === lunr.Query.presence.OPTIONAL
  const exact = q => {
    words = []
    for (const clause of [...q.clauses])
      if (plainWord(clause)) {
        q.clauses.push({ ...clause, term: clause.term.slice(0, -1), boost: EXACT * clause.boost })
        words.push(clause.term.slice(0, -1))
      }
  }

  /* A page about the topic names it in most of its sections; a page that merely mentions
     it, in a few. Each section result counts 1 + SPREAD x its page's share of the query: the
     mean, over the page's entries (page and sections, matched or not), of the share of the
     query's words each matched (a word matches the index words it begins). At most 10 %: it
     breaks near-ties, e.g. two sections titled 활성화 함수, one on the page about activation
     functions, one on a page about AlexNet (bench/search_course.py, tuning queries: first
     link 88 -> 90 of 99 at 0.1 and 0.15; at 0.2 and more our notes' query files lose
     first links: a short practice page's sections outrank the long lecture's section the
     reader wants). Page entries keep their score: lifting them folded the sections a
     reader wants under a page link. Only for plain words (twinned): lunr's query syntax
     keeps Material's ranking. */
  const SPREAD = 0.1
  const spread = (results, termsOf) => {  /* changes the scores; the caller sorts */
    if (words.length) {
      const share = new Map()              /* page -> sum over its entries of the words' share */
      for (const r of results) {
        const page = r.ref.split("#")[0]
        const found = new Set()
        for (const term of termsOf(r))
          for (const word of words)
            if (term.startsWith(word))
              found.add(word)
        share.set(page, (share.get(page) || 0) + found.size / words.length)
      }
      for (const r of results) {
        const [page, section] = r.ref.split("#")
        if (section !== undefined)
          r.score *= 1 + SPREAD * share.get(page) / (sizes.get(page) || 1)
      }
    }
    return results
  }
  /* lunr's own query, then spread: the reference the engine above is tested against */
  const lunrSpread = (index, queryString) => {
    const results = spread(lunrQuery.call(index, parser(queryString)), ({ matchData }) => Object.keys(matchData.metadata))
    return results.sort((x, y) => y.score - x.score)
  }

  /* A name typed as one camelCase word is one name: the separator splits `DenseNet` into
     dense, net (as in the index, so `RandomCrop` finds "random crop"), and the common part
     `net`, in the titles AlexNet, ResNet, ..., drowned the pages whose text names DenseNet.
     The index has every camelCase name of a title, text or code also joined (`densenet`:
     hooks/search/engine.py), so each such word of the typed query adds a clause for its
     joined form, and its parts count PART times as much: they only break ties (a page that
     spells the name with a space). Measured on bench/search_course.py's tuning queries. */
  const PART = 0.001
  const CAMEL = /[A-Za-z0-9]*[a-z]{3}[A-Z][A-Za-z0-9]*/g   /* the separator's camelCase split */
  const joined = q => {
    const names = typed.match(CAMEL) || []
    if (!names.length)
      return
    const parts = new Set()
    for (const name of names)
      for (const part of name.split(/(?<=[a-z]{3})(?=[A-Z][a-z])/))
        parts.add(part.toLowerCase())
    let plain = false                    /* only plain words (as exact's twins): +DenseNet stays lunr's */
    for (const clause of q.clauses)
      if (plainWord(clause) && parts.has(clause.term.slice(0, -1))) {
        clause.boost *= PART
        plain = true
      }
    if (!plain)
      return
    const fields = q.allFields
    for (const name of new Set(names.map(name => name.toLowerCase())))
      q.clauses.push({
        fields, term: `${name}*`, boost: 1, usePipeline: false,
        wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL,
      })
  }

  /* Material calls index.search(query string) for its results (and index.query, lunr's
     own, for the title suggestion). */
  const lunrQuery = lunr.Index.prototype.query
  const parser = queryString => q => {
    new lunr.QueryParser(queryString, q).parse()
    joined(q)
    exact(q)
  }
  const searches = {
    "engine": function (queryString) { return query.call(this, parser(queryString)) },
    "engine:reference": function (queryString) { return cut(lunrSpread(this, queryString)) },
    "engine:uncut": function (queryString) { return lunrSpread(this, queryString) },
  }
  lunr.Index.prototype.search = searches[self.name]
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
      throw new Error("search-ko.js: search_index.json has no config.text_url (hooks/search/extension.py writes it)")
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
          throw new Error("search-ko.js: search_index.json has no valid config.first_fields (hooks/search/extension.py writes it)")
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

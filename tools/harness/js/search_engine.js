// The site's search engine (overrides/assets/javascripts/workers/search-ko.js, the worker
// named "engine" or "engine:reference") in Node, outside a browser: a vm context stands in
// for the worker's global scope (importScripts, fetch, messages) over a built site.
// stdin: {"site": dir, "name": "engine"|"engine:reference"|"engine:uncut"|"material", "copies": N, "queries": [..]}
// ("material": Material's worker file as shipped, set up with the merged index)
// stdout: [[query, RESULT data], ...]. With copies > 1 every entry of the index appears N
// times (locations prefixed c1/, c2/ ...), so a query can match more sections than the
// engine keeps (its result cap).
"use strict"
const fs = require("fs"), path = require("path"), vm = require("vm")

const input = JSON.parse(fs.readFileSync(0, "utf8"))
const workers = path.join(input.site, "assets/javascripts/workers")
const material = fs.readdirSync(workers).find(f => /^search\.[0-9a-f]+\.min\.js$/.test(f))
if (!material) throw new Error(`no Material search worker in ${workers}`)
const copies = input.copies || 1
const multiply = docs => [].concat(...Array.from({ length: copies }, (_, k) =>
  docs.map(doc => (k ? { ...doc, location: `c${k}/${doc.location}` } : doc))))

const target = new EventTarget()
const posted = []
const context = {
  name: input.name, console, URL, MessageEvent, setTimeout, clearTimeout, TextDecoder, TextEncoder,
  location: new URL(`file://${workers}/search-ko.js?worker=${material}`),
  addEventListener: target.addEventListener.bind(target),
  removeEventListener: target.removeEventListener.bind(target),
  dispatchEvent: target.dispatchEvent.bind(target),
  postMessage: message => posted.push(message),
  fetch: async url => {
    const data = JSON.parse(fs.readFileSync(new URL(url).pathname, "utf8"))
    const json = Array.isArray(data) ? multiply(data) : { ...data, docs: multiply(data.docs) }
    return { ok: true, status: 200, json: async () => json }
  },
}
context.self = context
vm.createContext(context)
context.importScripts = (...urls) => urls.forEach(url =>
  vm.runInContext(fs.readFileSync(new URL(url, context.location).pathname, "utf8"), context, { filename: url }))
if (input.name === "material") {                           /* Material's worker as shipped */
  context.location = new URL(`file://${workers}/${material}`)
  vm.runInContext(fs.readFileSync(path.join(workers, material), "utf8"), context, { filename: material })
} else {
  vm.runInContext(fs.readFileSync(path.join(workers, "search-ko.js"), "utf8"), context, { filename: "search-ko.js" })
}

const next = type => new Promise((resolve, reject) => {
  const poll = () => {
    const i = posted.findIndex(m => m.type === type || m.type === "search-ko:failed")
    if (i < 0) return setTimeout(poll, 5)
    const [message] = posted.splice(i, 1)
    if (message.type === "search-ko:failed") reject(new Error(message.data))
    else resolve(message)
  }
  poll()
})
const send = data => context.dispatchEvent(new MessageEvent("message", { data }))

;(async () => {
  const first = JSON.parse(fs.readFileSync(path.join(input.site, "search/search_index.json"), "utf8"))
  if (input.name === "material") {                        /* the merged index, as engine 2 makes it */
    const rest = new Map(JSON.parse(fs.readFileSync(path.join(input.site, first.config.text_url.split("?")[0]), "utf8"))
      .map(entry => [entry.location, entry]))
    const docs = first.docs.map(doc => rest.has(doc.location) ? { ...doc, ...rest.get(doc.location) } : doc)
    send({ type: 0, data: { config: first.config, docs: multiply(docs), options: {} } })
  } else {
    send({ type: "search-ko:load-text", data: { config: first.config, options: {} } })
  }
  await next(1)                                             /* READY */
  const out = []
  for (const query of input.queries) {
    send({ type: 2, data: query })                          /* QUERY */
    out.push([query, (await next(3)).data])                 /* RESULT */
  }
  process.stdout.write(JSON.stringify(out), () => process.exit(0))
})().catch(err => { console.error(err.stack || String(err)); process.exit(1) })

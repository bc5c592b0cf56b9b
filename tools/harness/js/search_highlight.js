// The search highlight guard (hooks/output/page_scripts/search-highlight.js) in Node, without a
// page: a vm context gives it a location, a history that records replaceState and a
// location$ (Material's instant navigation) that the test can emit on.
// stdin: {"script": path, "values": [h, ...]}
// stdout: [{"load": h after a page load with ?h=value, "navigation": h of the URL emitted on
//           location$ (the guard rewrites it in place), "replaced": the URL the guard wrote
//           to history on navigation, or null}, ...] (an h of null: the parameter is gone)
"use strict"
const fs = require("fs"), vm = require("vm")

const { script, values } = JSON.parse(fs.readFileSync(0, "utf8"))
const code = fs.readFileSync(script, "utf8")
const out = values.map(value => {
  const start = new URL("https://example.test/day12/day12/")
  start.searchParams.set("h", value)
  const observers = []
  const history = { state: null, replaced: [], replaceState(state, _, url) { this.replaced.push(`${url}`) } }
  const context = {
    URL, Set,
    location: { href: `${start}` },
    history,
    location$: { subscribe: fn => observers.push(fn) },
  }
  context.window = context
  vm.createContext(context)
  vm.runInContext(code, context, { filename: script })
  const load = history.replaced.length ? new URL(history.replaced.pop()) : start
  // instant navigation: Material pushed the new URL, then emits it
  const next = new URL("https://example.test/day11/day11/#x")
  next.searchParams.set("h", value)
  context.location.href = `${next}`
  observers.forEach(fn => fn(next))
  return {
    load: load.searchParams.get("h"),
    navigation: next.searchParams.get("h"),
    replaced: history.replaced.length ? history.replaced.pop() : null,
  }
})
process.stdout.write(JSON.stringify(out))

// The gather explorer's engine (docs/assets/javascripts/gather-explorer.js,
// window.GatherExplorer.compute) in Node, without a page: a vm context gives the script
// a window and a document with no explorer on it.
// stdin: {"script": path, "cases": [[input, index, dim], ...]}; stdout: [compute result, ...]
"use strict"
const fs = require("fs"), vm = require("vm")

const input = JSON.parse(fs.readFileSync(0, "utf8"))
const document = { readyState: "complete", querySelectorAll: () => [], addEventListener() {} }
const context = { document, console, setTimeout, clearTimeout, MessageChannel, performance }
context.window = context
vm.createContext(context)
vm.runInContext(fs.readFileSync(input.script, "utf8"), context, { filename: input.script })
const out = input.cases.map(([a, b, c]) => context.GatherExplorer.compute(a, b, c))
process.stdout.write(JSON.stringify(out), () => process.exit(0))

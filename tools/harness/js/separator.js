// The search separator as the search worker applies it (Material's tokenizer: split the text
// at every match of the separator regex, JavaScript's regex engine, lower-case), in Node.
// stdin: {"separator": regex source, "texts": [..]}; stdout: [[token, ...], ...]
"use strict"
const fs = require("fs")
const { separator, texts } = JSON.parse(fs.readFileSync(0, "utf8"))
const out = texts.map(input => {
  const re = new RegExp(separator, "g"), tokens = []
  let m, index = 0
  do {
    m = re.exec(input)
    const until = m ? m.index : input.length
    if (index < until) tokens.push(input.slice(index, until).toLowerCase())
    if (m) { index = m.index + m[0].length; if (!m[0].length) re.lastIndex = m.index + 1 }
  } while (m)
  return tokens
})
process.stdout.write(JSON.stringify(out))

// OpenCC's conversion step, compiled. opencc-js converts with a trie of Maps, walked with a
// Map lookup and a match object per character; in a cold build of 10,000 articles its `convert`
// was the profile's largest item (3.2 s of 24 s on one thread). This is the same algorithm on the
// same dictionaries (longest match by code points, ideographic description sequences skipped whole),
// with the first character looked up in a table. test/variants/dictionary-trie.test.ts checks it
// against opencc-js's converters.

/** A dictionary as opencc-js ships it (`"from to|from to"`) or as pairs. */
export type Dictionary = string | readonly (readonly [string, string])[]

/** One conversion step: the dictionaries of one opencc-js group, the first one winning a key they share. */
export function compileDictionaryGroup(group: readonly Dictionary[]): (text: string) => string {
  const trie = new TrieBuilder()
  // As opencc-js's loadDictGroup: the group is loaded last to first, so the first dictionary's entry stays.
  for (const dictionary of [...group].reverse()) {
    if (typeof dictionary === 'string') {
      for (const entry of dictionary.split('|')) {
        const [from, to] = entry.split(' ')
        if (from !== undefined && to !== undefined) trie.add(from, to)
      }
    } else for (const [from, to] of dictionary) trie.add(from, to)
  }
  return trie.compile()
}

class TrieBuilder {
  private readonly children: Map<number, number>[] = [new Map()]
  private readonly values: (string | undefined)[] = [undefined]

  add(key: string, value: string) {
    let node = 0
    for (const char of key) {
      const code = char.codePointAt(0)!
      let next = this.children[node]!.get(code)
      if (next === undefined) {
        next = this.children.length
        this.children.push(new Map())
        this.values.push(undefined)
        this.children[node]!.set(code, next)
      }
      node = next
    }
    this.values[node] = value
  }

  compile(): (text: string) => string {
    const { children, values } = this
    // The root's children by UTF-16 unit (node + 1; 0 for none), astral ones in a map.
    const rootByUnit = new Int32Array(0x10000)
    const rootAstral = new Map<number, number>()
    for (const [code, node] of children[0]!) {
      if (code > 0xffff) rootAstral.set(code, node)
      else rootByUnit[code] = node + 1
    }
    // Every other node's children in one open-addressing hash table keyed by (node, code point).
    let entries = 0
    for (let node = 1; node < children.length; node++) entries += children[node]!.size
    let size = 1024
    while (size < entries * 2) size *= 2
    const mask = size - 1
    const slotNodes = new Int32Array(size).fill(-1)
    const slotCodes = new Int32Array(size)
    const slotTargets = new Int32Array(size)
    const slotOf = (node: number, code: number) => (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & mask
    for (let node = 1; node < children.length; node++) {
      for (const [code, target] of children[node]!) {
        let slot = slotOf(node, code)
        while (slotNodes[slot] !== -1) slot = (slot + 1) & mask
        slotNodes[slot] = node
        slotCodes[slot] = code
        slotTargets[slot] = target
      }
    }
    const child = (node: number, code: number): number => {
      for (let slot = slotOf(node, code); ; slot = (slot + 1) & mask) {
        const at = slotNodes[slot]!
        if (at === -1) return -1
        if (at === node && slotCodes[slot] === code) return slotTargets[slot]!
      }
    }

    if (children[0]!.size === 0) return (text) => text
    return (text) => {
      const length = text.length
      // Most steps change few texts: find the first place a key may start before copying anything.
      let first = 0
      while (first < length) {
        const code = text.charCodeAt(first)
        if (rootByUnit[code] !== 0 || (code >= 0x2ff0 && code <= 0x2fff) || (code >= 0xd800 && code <= 0xdfff)) break
        first++
      }
      if (first === length) return text
      // The output is written as UTF-16 units into a scratch buffer and decoded once: no slices to join.
      if (output.length < length * 2) output = new Uint16Array(length * 2)
      for (let index = 0; index < first; index++) output[index] = text.charCodeAt(index)
      let written = first
      let matched = false
      for (let index = first; index < length; ) {
        let code = text.charCodeAt(index)
        let end = index + 1
        if (code >= 0xd800 && code <= 0xdbff) {
          code = text.codePointAt(index)!
          if (code > 0xffff) end++
        }
        let node = code > 0xffff ? (rootAstral.get(code) ?? -1) : rootByUnit[code]! - 1
        if (node >= 0) {
          // The longest key starting here.
          let matchEnd = values[node] === undefined ? -1 : end
          let matchValue = values[node]
          for (let at = end; at < length; ) {
            const next = text.codePointAt(at)!
            node = child(node, next)
            if (node < 0) break
            at += next > 0xffff ? 2 : 1
            if (values[node] !== undefined) {
              matchEnd = at
              matchValue = values[node]
            }
          }
          if (matchEnd >= 0) {
            const value = matchValue!
            if (written + value.length + length - matchEnd > output.length) output = grown(output, written, written + value.length + length - matchEnd)
            for (let unit = 0; unit < value.length; unit++) output[written++] = value.charCodeAt(unit)
            matched = true
            index = matchEnd
            continue
          }
        }
        // No key starts here: copy one code point, or a whole ideographic description sequence.
        const skip = code < 0x2ff0 || (code > 0x2fff && code <= 0xffff) ? 1 : unmatchedLength(text, index)
        for (const stop = index + skip; index < stop; index++) output[written++] = text.charCodeAt(index)
      }
      return matched ? Buffer.from(output.buffer, 0, written * 2).toString('utf16le') : text
    }
  }
}

// Shared by every step: each runs to the end before the next one starts.
let output: Uint16Array = new Uint16Array(4096)

/** A larger copy of `buffer` holding its first `used` units, with room for at least `needed`. */
function grown(buffer: Uint16Array, used: number, needed: number): Uint16Array {
  const larger = new Uint16Array(Math.max(needed, buffer.length * 2))
  larger.set(buffer.subarray(0, used))
  return larger
}

/** How far an unmatched position moves: one code point, or a whole ideographic description sequence (⿰木木), as opencc-js does. */
function unmatchedLength(text: string, index: number): number {
  const end = descriptionEnd(text, index)
  return end > index ? end - index : text.codePointAt(index)! > 0xffff ? 2 : 1
}

/** The end of the ideographic description sequence starting at `index`, or 0 when there is none (or it is cut short). */
function descriptionEnd(text: string, index: number): number {
  const code = text.codePointAt(index)!
  const operands = code >= 0x2ff0 && code <= 0x2ff1 ? 2 : code >= 0x2ff2 && code <= 0x2ff3 ? 3 : code >= 0x2ff4 && code <= 0x2fff ? 2 : 0
  if (operands === 0) return 0
  let at = index + (code > 0xffff ? 2 : 1)
  for (let operand = 0; operand < operands; operand++) {
    if (at >= text.length) return 0
    at = descriptionEnd(text, at) || at + (text.codePointAt(at)! > 0xffff ? 2 : 1)
  }
  return at
}

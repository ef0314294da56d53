// The inverted index while it is built, and its shard files. A large archive holds tens of
// millions of (term, document) pairs, so they live in typed arrays rather than one object per
// term, and terms are small integers while building (their strings are made once, at the end).

/** Terms and their postings, filled one document at a time in increasing document order. */
export class InvertedIndex {
  /** Code point → dense character number + 1 (0: not seen yet). */
  private readonly charIds = new Int32Array(0x110000)
  private readonly chars: number[] = []
  /** Character number → its unigram term + 1. */
  private unigramTerms = new Int32Array(1024)
  private readonly bigramTerms = new IntTable()
  private readonly wordTerms = new Map<string, number>()
  /** Per term: its Han key (see hanKey) or its word. */
  private readonly keys: (number | string)[] = []
  private lastDoc = new Int32Array(1024).fill(-1)
  private slotOf = new Int32Array(1024)
  private postingTerm = new Int32Array(1 << 16)
  private postingDoc = new Int32Array(1 << 16)
  /** Field flags << 8 | body count (at most 255). */
  private postingPacked = new Uint16Array(1 << 16)
  private postings = 0

  get termCount(): number {
    return this.keys.length
  }

  /** Note a Han term of document `doc`: the character `code`, or the bigram `previous` + `code`. */
  noteHan(doc: number, code: number, previous: number, flags: number, count: number) {
    const id = this.charId(code)
    if (previous < 0) {
      let term = this.unigramTerms[id]! - 1
      if (term < 0) {
        term = this.newTerm(id)
        this.unigramTerms[id] = term + 1
      }
      this.note(term, doc, flags, count)
      return
    }
    const key = (this.charId(previous) + 1) * 0x10000 + id
    let term = this.bigramTerms.get(key)
    if (term < 0) {
      term = this.newTerm(key)
      this.bigramTerms.set(key, term)
    }
    this.note(term, doc, flags, count)
  }

  /** Note a word (or a tag term) of document `doc`. */
  noteWord(doc: number, word: string, flags: number, count: number) {
    let term = this.wordTerms.get(word)
    if (term === undefined) {
      term = this.newTerm(word)
      this.wordTerms.set(word, term)
    }
    this.note(term, doc, flags, count)
  }

  /**
   * The shard files, each holding the terms `shardOf` sends to it; the number of shards is the
   * smallest power of two that keeps the average shard under `shardBytes`.
   * Layout (every number an unsigned LEB128, read by readShard in search-core.js): termCount,
   * then per term: byteLength, UTF-8 term, documentCount, byteLength, postings; a posting is
   * the gap to the previous document minus one, then one byte: flags << 4 | min(count, 15).
   */
  shards(shardBytes: number, shardOf: (term: string, shardCount: number) => number): Uint8Array[] {
    const termCount = this.keys.length
    // Counting sort of the postings by term; within a term they stay in document order.
    const start = new Int32Array(termCount + 1)
    for (let i = 0; i < this.postings; i++) start[this.postingTerm[i]! + 1]!++
    for (let term = 0; term < termCount; term++) start[term + 1]! += start[term]!
    const order = new Int32Array(this.postings)
    const fill = start.slice(0, termCount)
    for (let i = 0; i < this.postings; i++) order[fill[this.postingTerm[i]!]!++] = i
    const encoded = new Uint8Array(this.postings * 6)
    const encodedStart = new Int32Array(termCount + 1)
    let at = 0
    for (let term = 0; term < termCount; term++) {
      encodedStart[term] = at
      let previous = -1
      for (let k = start[term]!; k < start[term + 1]!; k++) {
        const posting = order[k]!
        const doc = this.postingDoc[posting]!
        const packed = this.postingPacked[posting]!
        at = writeVarint(encoded, at, doc - previous - 1)
        encoded[at++] = ((packed >> 8) << 4) | Math.min(packed & 0xff, 15)
        previous = doc
      }
    }
    encodedStart[termCount] = at
    const encoder = new TextEncoder()
    const termStrings = this.keys.map((key) => this.termOf(key))
    // One encode for all terms: encoding a million short strings one by one is slow.
    const allTerms = encoder.encode(termStrings.join(''))
    const termBytes: Uint8Array[] = []
    for (let term = 0, offset = 0; term < termCount; term++) {
      const length = utf8Length(termStrings[term]!)
      termBytes.push(allTerms.subarray(offset, offset + length))
      offset += length
    }
    let total = 0
    for (let term = 0; term < termCount; term++) total += termBytes[term]!.length + encodedStart[term + 1]! - encodedStart[term]! + 4
    let shardCount = 1
    while (shardCount * shardBytes < total) shardCount *= 2
    const members: number[][] = Array.from({ length: shardCount }, () => [])
    for (let term = 0; term < termCount; term++) members[shardOf(termStrings[term]!, shardCount)]!.push(term)
    return members.map((terms) => {
      let size = 5
      for (const term of terms) size += termBytes[term]!.length + encodedStart[term + 1]! - encodedStart[term]! + 15
      const bytes = new Uint8Array(size)
      let offset = writeVarint(bytes, 0, terms.length)
      for (const term of terms) {
        const text = termBytes[term]!
        offset = writeVarint(bytes, offset, text.length)
        bytes.set(text, offset)
        offset += text.length
        offset = writeVarint(bytes, offset, start[term + 1]! - start[term]!)
        offset = writeVarint(bytes, offset, encodedStart[term + 1]! - encodedStart[term]!)
        bytes.set(encoded.subarray(encodedStart[term]!, encodedStart[term + 1]!), offset)
        offset += encodedStart[term + 1]! - encodedStart[term]!
      }
      return bytes.slice(0, offset)
    })
  }

  // Characters get dense numbers so that a bigram key stays a small integer (fast Map keys).
  private charId(code: number): number {
    const known = this.charIds[code]!
    if (known > 0) return known - 1
    const id = this.chars.length
    this.chars.push(code)
    this.charIds[code] = id + 1
    if (id >= this.unigramTerms.length) {
      const grown = new Int32Array(id * 2)
      grown.set(this.unigramTerms)
      this.unigramTerms = grown
    }
    return id
  }

  private termOf(key: number | string): string {
    if (typeof key === 'string') return key
    if (key < 0x10000) return String.fromCodePoint(this.chars[key]!)
    return String.fromCodePoint(this.chars[Math.floor(key / 0x10000) - 1]!, this.chars[key % 0x10000]!)
  }

  private newTerm(key: number | string): number {
    const term = this.keys.length
    this.keys.push(key)
    if (term >= this.lastDoc.length) {
      const lastDoc = new Int32Array(term * 2).fill(-1)
      lastDoc.set(this.lastDoc)
      this.lastDoc = lastDoc
      const slotOf = new Int32Array(term * 2)
      slotOf.set(this.slotOf)
      this.slotOf = slotOf
    }
    return term
  }

  private note(term: number, doc: number, flags: number, count: number) {
    if (this.lastDoc[term] !== doc) {
      if (this.postings === this.postingTerm.length) this.grow()
      this.lastDoc[term] = doc
      this.slotOf[term] = this.postings
      this.postingTerm[this.postings] = term
      this.postingDoc[this.postings] = doc
      this.postingPacked[this.postings] = 0
      this.postings++
    }
    const slot = this.slotOf[term]!
    const packed = this.postingPacked[slot]!
    this.postingPacked[slot] = (packed & 0xff00) | (flags << 8) | Math.min((packed & 0xff) + count, 0xff)
  }

  private grow() {
    const size = this.postingTerm.length * 2
    const grown = <T extends Int32Array | Uint16Array>(array: T, make: (size: number) => T) => {
      const bigger = make(size)
      bigger.set(array)
      return bigger
    }
    this.postingTerm = grown(this.postingTerm, (n) => new Int32Array(n))
    this.postingDoc = grown(this.postingDoc, (n) => new Int32Array(n))
    this.postingPacked = grown(this.postingPacked, (n) => new Uint16Array(n))
  }
}

/** An open-addressing hash table of non-negative integers to non-negative integers: a Map of a million keys is several times slower. */
class IntTable {
  private keys = new Int32Array(1 << 16).fill(-1)
  private values = new Int32Array(1 << 16)
  private size = 0

  /** The value of `key`, or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1
    for (let slot = Math.imul(key, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const found = this.keys[slot]!
      if (found === key) return this.values[slot]!
      if (found < 0) return -1
    }
  }

  set(key: number, value: number) {
    if (this.size * 2 >= this.keys.length) this.rehash()
    const mask = this.keys.length - 1
    let slot = Math.imul(key, 0x9e3779b1) & mask
    while (this.keys[slot]! >= 0 && this.keys[slot] !== key) slot = (slot + 1) & mask
    if (this.keys[slot]! < 0) this.size++
    this.keys[slot] = key
    this.values[slot] = value
  }

  private rehash() {
    const { keys, values } = this
    this.keys = new Int32Array(keys.length * 2).fill(-1)
    this.values = new Int32Array(keys.length * 2)
    this.size = 0
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot]! >= 0) this.set(keys[slot]!, values[slot]!)
  }
}

function utf8Length(text: string): number {
  let length = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) length += 1
    else if (code < 0x800) length += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      length += 4
      i++
    } else length += 3
  }
  return length
}

/** Write `value` as unsigned LEB128 at `at`; returns the offset after it (the inverse of readVarint). */
export function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  let rest = value
  while (rest >= 0x80) {
    bytes[at++] = (rest % 0x80) | 0x80
    rest = Math.floor(rest / 0x80)
  }
  bytes[at++] = rest
  return at
}

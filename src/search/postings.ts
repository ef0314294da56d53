// The shard files of the index, made from the stories' terms in document order. An archive holds
// millions of (term, document) pairs, so they live in typed arrays, and a rebuild where a few
// documents changed patches the shards those documents' terms fall in (see patch.ts).
import { shardOf } from '../../public/search-core.js'
import { grown, type StoryTerms, type TermDictionary } from './terms.ts'

/**
 * The shard files of one index and what patching them needs. Shard layout (every number an
 * unsigned LEB128, read by readShard in search-core.js): termCount, then per term: byteLength,
 * UTF-8 term, documentCount, byteLength, postings; a posting is the gap to the previous document
 * minus one, then one byte: flags << 4 | min(count, 15). A shard lists its terms in the order the
 * archive first names them: by first document, then by place in that document.
 */
export interface ShardSet {
  readonly shardBytes: number
  /** The documents' terms, in document order. */
  readonly docs: readonly StoryTerms[]
  readonly shards: readonly Uint8Array[]
  /** Per shard, its terms in file order. */
  readonly members: readonly Int32Array[]
  /** Per term: the first document naming it (-1: none), its place in that document's terms, and the last document naming it. */
  readonly firstDoc: Int32Array
  readonly rank: Int32Array
  readonly lastDoc: Int32Array
  /** What the shard count is chosen by: the bytes of every term and its postings, plus 4 per term. */
  readonly total: number
  readonly termCount: number
  /** Shard files made by this build; the others are the previous build's, byte for byte. */
  readonly serialized: number
}

/** The shard files for `docs`, made from scratch. */
export function assembleShards(dictionary: TermDictionary, docs: readonly StoryTerms[], shardBytes: number): ShardSet {
  const assembler = new ShardAssembler()
  for (const story of docs) assembler.add(story)
  const made = assembler.finish(dictionary, shardBytes, (post) =>
    docs.forEach(({ terms, bytes }, doc) => {
      for (let i = 0; i < terms.length; i++) post(doc, assembler.localOf(terms[i]!), bytes[i]!)
    }),
  )
  return { shardBytes, docs, ...made, serialized: made.shards.length }
}

/** Visits every (document, term, posting byte) of an index in document order; `term` is its local number (see ShardAssembler.localOf). */
export type PostingsReplay = (post: (doc: number, term: number, byte: number) => void) => void

/**
 * Lays out the shard files of documents given one by one in document order. Each document's terms
 * are counted as it comes; the postings are written by `finish` from a replay of every document's
 * terms, so a caller may keep them in whatever form is smallest (see TermStream) rather than as
 * StoryTerms.
 */
export class ShardAssembler {
  // Per dictionary term: the first document naming it (-1: none), its place in that document's
  // terms, and its local number: terms are numbered in the order the archive first names them.
  private firstDoc = new Int32Array(1024).fill(-1)
  private rank = new Int32Array(1024)
  private local = new Int32Array(1024)
  // Per local number: the dictionary term, how many documents name it, the bytes of its postings
  // gap-encoded, and the last document naming it so far.
  private order = new Int32Array(1024)
  private documentCount = new Int32Array(1024)
  private postingsLength = new Int32Array(1024)
  private previousDoc = new Int32Array(1024).fill(-1)
  private termCount = 0
  private docCount = 0

  /** The local number of `term`, once a document added names it. */
  localOf(term: number): number {
    return this.local[term]!
  }

  /** Count the terms of the next document. */
  add({ terms }: StoryTerms): void {
    const doc = this.docCount++
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!
      if (term >= this.firstDoc.length) this.growTerms(term + 1)
      if (this.firstDoc[term]! < 0) {
        if (this.termCount === this.order.length) this.growLocals(this.termCount + 1)
        this.firstDoc[term] = doc
        this.rank[term] = i
        this.local[term] = this.termCount
        this.order[this.termCount++] = term
      }
      const local = this.local[term]!
      this.postingsLength[local]! += varintLength(doc - this.previousDoc[local]! - 1) + 1
      this.previousDoc[local] = doc
      this.documentCount[local]!++
    }
  }

  /**
   * The shard files of the documents added, their postings written from `replay`; the assembler is
   * spent afterwards. `oneBuffer`: the shards are views of one buffer (for shards let go together;
   * a patched set would keep the whole buffer for the shards it kept).
   */
  finish(dictionary: TermDictionary, shardBytes: number, replay: PostingsReplay, options: { oneBuffer?: boolean } = {}): Omit<ShardSet, 'shardBytes' | 'docs' | 'serialized'> {
    const { order, documentCount, postingsLength, termCount } = this
    const firstDoc = fitted(this.firstDoc, dictionary.size, -1)
    const rank = fitted(this.rank, dictionary.size, 0)
    const lastDoc = new Int32Array(dictionary.size).fill(-1)
    for (let term = 0; term < termCount; term++) lastDoc[order[term]!] = this.previousDoc[term]!
    const termStrings = Array.from(order.subarray(0, termCount), (term) => dictionary.text(term))
    // One encode for all terms: encoding a million short strings one by one is slow.
    const allTerms = new TextEncoder().encode(termStrings.join(''))
    const termBytes: Uint8Array[] = []
    for (let term = 0, offset = 0; term < termCount; term++) {
      const length = utf8Length(termStrings[term]!)
      termBytes.push(allTerms.subarray(offset, offset + length))
      offset += length
    }
    let total = 0
    for (let term = 0; term < termCount; term++) total += termBytes[term]!.length + postingsLength[term]! + 4
    const shardCount = shardCountFor(total, shardBytes)
    const members: number[][] = Array.from({ length: shardCount }, () => [])
    const shardOfTerm = new Int32Array(termCount)
    for (let term = 0; term < termCount; term++) members[(shardOfTerm[term] = shardOf(termStrings[term]!, shardCount))]!.push(term)
    // Each term's postings, gap-encoded in document order, are written straight into its shard at
    // a place worked out here: laid out at its widest, or sorted first, the postings of 100,000
    // articles took a gigabyte beside the index, and a buffer of all of them another 150 MB.
    const cursor = new Int32Array(termCount)
    const sizes = members.map((terms) => {
      let size = varintLength(terms.length)
      for (const term of terms) {
        const length = termBytes[term]!.length
        size += varintLength(length) + length + varintLength(documentCount[term]!) + varintLength(postingsLength[term]!) + postingsLength[term]!
      }
      return size
    })
    // One buffer for all shards, when asked: a few large allocations go back to the system when
    // freed, where thousands of small ones stay in the allocator's heap, resident for the rest of the process.
    const whole = options.oneBuffer ? new Uint8Array(sizes.reduce((sum, size) => sum + size, 0)) : null
    let wholeAt = 0
    const shards = members.map((terms, shard) => {
      const size = sizes[shard]!
      const bytes = whole ? whole.subarray(wholeAt, (wholeAt += size)) : new Uint8Array(size)
      let offset = writeVarint(bytes, 0, terms.length)
      for (const term of terms) {
        offset = writeEntryHead(bytes, offset, termBytes[term]!, documentCount[term]!, postingsLength[term]!)
        cursor[term] = offset
        offset += postingsLength[term]!
      }
      return bytes
    })
    const previousDoc = this.previousDoc.fill(-1)
    replay((doc, term, byte) => {
      const shard = shards[shardOfTerm[term]!]!
      let at = writeVarint(shard, cursor[term]!, doc - previousDoc[term]! - 1)
      shard[at++] = byte
      cursor[term] = at
      previousDoc[term] = doc
    })
    return { shards, members: members.map((terms) => Int32Array.from(terms, (term) => order[term]!)), firstDoc, rank, lastDoc, total, termCount }
  }

  private growTerms(size: number) {
    const length = Math.max(size, this.firstDoc.length * 2)
    this.firstDoc = grown(this.firstDoc, length).fill(-1, this.firstDoc.length)
    this.rank = grown(this.rank, length)
    this.local = grown(this.local, length)
  }

  private growLocals(size: number) {
    const length = Math.max(size, this.order.length * 2)
    this.order = grown(this.order, length)
    this.documentCount = grown(this.documentCount, length)
    this.postingsLength = grown(this.postingsLength, length)
    this.previousDoc = grown(this.previousDoc, length).fill(-1, this.previousDoc.length)
  }
}

/** `array` cut or extended to `size` elements, new ones `fill`. */
function fitted(array: Int32Array, size: number, fill: number): Int32Array {
  const result = new Int32Array(size).fill(fill)
  result.set(array.subarray(0, Math.min(size, array.length)))
  return result
}

/** The number of shards: the smallest power of two that keeps the average shard under `shardBytes`. */
export function shardCountFor(total: number, shardBytes: number): number {
  let shardCount = 1
  while (shardCount * shardBytes < total) shardCount *= 2
  return shardCount
}

/** Write one term of a shard at `at`; returns the offset after it. */
export function writeEntry(bytes: Uint8Array, at: number, term: Uint8Array, documents: number, postings: Uint8Array): number {
  const offset = writeEntryHead(bytes, at, term, documents, postings.length)
  bytes.set(postings, offset)
  return offset + postings.length
}

/** Write the head of one term of a shard at `at` (its postings follow); returns the offset after it. */
function writeEntryHead(bytes: Uint8Array, at: number, term: Uint8Array, documents: number, postingsLength: number): number {
  let offset = writeVarint(bytes, at, term.length)
  bytes.set(term, offset)
  offset = writeVarint(bytes, offset + term.length, documents)
  return writeVarint(bytes, offset, postingsLength)
}

/** The length of `text` in UTF-8. */
export function utf8Length(text: string): number {
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

/** The bytes `writeVarint` takes for `value`. */
function varintLength(value: number): number {
  let length = 1
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) length++
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

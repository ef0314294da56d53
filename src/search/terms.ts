// The terms of each story, scanned once and kept as small integers: a builder keeps the terms of
// every story between builds, so a rebuild scans only the stories that changed.
import { FIELD, scanTerms, TAG_TERM } from '../../public/search-core.js'
import type { ArticleRecord } from '../types.ts'

/**
 * The terms of one story (one search document), in the order the story first names them: their
 * numbers in a TermDictionary, and per term its posting byte, flags << 4 | min(body count, 15).
 */
export interface StoryTerms {
  readonly terms: Int32Array
  readonly bytes: Uint8Array
}

/** A TermDictionary as a cache stores it: its characters' code points, and each term's key. */
export interface StoredDictionary {
  chars: Int32Array
  keys: (number | string)[]
}

/** Every term seen so far, numbered in the order first seen; numbers never change. */
export class TermDictionary {
  /** Code point → dense character number + 1 (0: not seen yet). */
  private readonly charIds = new Int32Array(0x110000)
  private readonly chars: number[] = []
  /** Character number → its unigram term + 1. */
  private unigramTerms = new Int32Array(1024)
  private readonly bigramTerms = new IntTable()
  private readonly wordTerms = new Map<string, number>()
  /** Per term: its Han key (see `han`) or its word. */
  private readonly keys: (number | string)[] = []

  get size(): number {
    return this.keys.length
  }

  /** The term of the Han character `code`, or of the bigram `previous` + `code` (previous ≥ 0). */
  han(code: number, previous: number): number {
    const id = this.charId(code)
    if (previous < 0) {
      let term = this.unigramTerms[id]! - 1
      if (term < 0) {
        term = this.newTerm(id)
        this.unigramTerms[id] = term + 1
      }
      return term
    }
    const key = (this.charId(previous) + 1) * 0x10000 + id
    let term = this.bigramTerms.get(key)
    if (term < 0) {
      term = this.newTerm(key)
      this.bigramTerms.set(key, term)
    }
    return term
  }

  /** The term of a word (or a tag term). */
  word(word: string): number {
    let term = this.wordTerms.get(word)
    if (term === undefined) {
      term = this.newTerm(word)
      this.wordTerms.set(word, term)
    }
    return term
  }

  /** The text of term `term`. */
  text(term: number): string {
    const key = this.keys[term]!
    if (typeof key === 'string') return key
    if (key < 0x10000) return String.fromCodePoint(this.chars[key]!)
    return String.fromCodePoint(this.chars[Math.floor(key / 0x10000) - 1]!, this.chars[key % 0x10000]!)
  }

  /** What `fromStored` makes the same dictionary of: the numbers of stories' terms stay valid. */
  stored(): StoredDictionary {
    return { chars: Int32Array.from(this.chars), keys: this.keys }
  }

  /** The dictionary `stored` gave, with every term under its number. */
  static fromStored({ chars, keys }: StoredDictionary): TermDictionary {
    const dictionary = new TermDictionary()
    for (const code of chars) dictionary.charId(code)
    keys.forEach((key, term) => {
      dictionary.keys.push(key)
      if (typeof key === 'string') dictionary.wordTerms.set(key, term)
      else if (key < 0x10000) dictionary.unigramTerms[key] = term + 1
      else dictionary.bigramTerms.set(key, term)
    })
    return dictionary
  }

  // Characters get dense numbers so that a bigram key stays a small integer (fast table keys).
  private charId(code: number): number {
    const known = this.charIds[code]!
    if (known > 0) return known - 1
    const id = this.chars.length
    this.chars.push(code)
    this.charIds[code] = id + 1
    if (id >= this.unigramTerms.length) this.unigramTerms = grown(this.unigramTerms, id * 2)
    return id
  }

  private newTerm(key: number | string): number {
    this.keys.push(key)
    return this.keys.length - 1
  }
}

/** Scans stories into StoryTerms over one dictionary. */
export class StoryScanner {
  /** Per term: the scan that last saw it, and where it sits in that scan's lists. */
  private seenIn = new Int32Array(1024).fill(-1)
  private slotOf = new Int32Array(1024)
  private scans = 0
  private terms = new Int32Array(4096)
  /** Field flags << 8 | body count (at most 255). */
  private packed = new Uint16Array(4096)
  private count = 0

  constructor(readonly dictionary: TermDictionary) {}

  /**
   * Every field a reader might search, in every part of the story, with the flag that ranks a hit
   * in it; `tags` are the story's tags as the site lists them. The dateline is not listed: it
   * opens the first paragraph.
   */
  scan(parts: readonly ArticleRecord[], tags: readonly string[], fold: (text: string) => string): StoryTerms {
    const { dictionary } = this
    this.scans++
    this.count = 0
    const add = (text: string | null, flags: number) => {
      if (!text) return
      const count = flags === 0 ? 1 : 0
      scanTerms(
        fold(text),
        (code, previous) => this.note(dictionary.han(code, previous), flags, count),
        (word) => this.note(dictionary.word(word), flags, count),
      )
    }
    for (const tag of new Set(tags.map(fold))) {
      add(tag, FIELD.tag)
      this.note(dictionary.word(TAG_TERM + tag), 0, 0)
    }
    for (const record of parts) {
      add(record.headline, FIELD.title)
      add(record.kicker, FIELD.title)
      add(record.subheadline, FIELD.title)
      for (const byline of record.bylines) for (const name of byline.names) add(name, FIELD.byline)
      for (const section of record.sections) {
        add(section.heading, FIELD.heading)
        for (const paragraph of section.paragraphs) add(paragraph, 0)
      }
    }
    const bytes = new Uint8Array(this.count)
    for (let slot = 0; slot < this.count; slot++) {
      const packed = this.packed[slot]!
      bytes[slot] = ((packed >> 8) << 4) | Math.min(packed & 0xff, 15)
    }
    return { terms: this.terms.slice(0, this.count), bytes }
  }

  private note(term: number, flags: number, count: number) {
    if (term >= this.seenIn.length) {
      const size = Math.max(term + 1, this.seenIn.length * 2)
      const seenIn = new Int32Array(size).fill(-1)
      seenIn.set(this.seenIn)
      this.seenIn = seenIn
      this.slotOf = grown(this.slotOf, size)
    }
    if (this.seenIn[term] !== this.scans) {
      if (this.count === this.terms.length) {
        this.terms = grown(this.terms, this.count * 2)
        this.packed = grown(this.packed, this.count * 2)
      }
      this.seenIn[term] = this.scans
      this.slotOf[term] = this.count
      this.terms[this.count] = term
      this.packed[this.count] = 0
      this.count++
    }
    const slot = this.slotOf[term]!
    const packed = this.packed[slot]!
    this.packed[slot] = (packed & 0xff00) | (flags << 8) | Math.min((packed & 0xff) + count, 0xff)
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

/** A copy of `array` in a larger one of `size` elements. */
export function grown<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size)
  bigger.set(array)
  return bigger
}

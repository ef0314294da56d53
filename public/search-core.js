// @ts-check
// news-archive search core, shared word for word by the build (Node) and the search page
// (browser): script folding, terms, shard hashing, the binary postings format, ranking and
// excerpts. Plain ES module, no dependencies, no build step.

/** Version of the files under search/; the client refuses an index of another format. */
export const FORMAT = 2

/** Documents per file under docs/<lang>/: a result list fetches a few small files, not one per result. */
export const DOC_CHUNK = 64

/** Posting flags: where in the article a term occurs (the low four bits hold its count in the body). */
export const FIELD = { title: 8, byline: 4, tag: 2, heading: 1 }

/** Prefix of the terms that hold a tag's articles (never produced from text). */
export const TAG_TERM = '#'

/**
 * A folder maps text to the one script the index is written in (Simplified, OpenCC's
 * standard forms), one UTF-16 unit for one, so positions in folded text are positions in the
 * original: that is what lets an excerpt of a zh-Hant article be highlighted.
 * @param {string} pairs concatenated [from, to] pairs of BMP characters (search/meta.json `fold`)
 * @returns {(text: string) => string}
 */
export function createFolder(pairs) {
  const table = new Uint16Array(0x10000)
  for (let code = 0; code < 0x10000; code++) table[code] = code
  // Full-width ASCII (ＡＢＣ１２３) as ASCII, then lower case.
  for (let code = 0xff01; code <= 0xff5e; code++) table[code] = code - 0xfee0
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1)
  for (let code = 0; code < 0x10000; code++) {
    const mapped = /** @type {number} */ (table[code])
    if (mapped >= 0x41 && mapped <= 0x5a) table[code] = mapped + 0x20
  }
  const decoder = new TextDecoder('utf-16le')
  return (text) => {
    const units = new Uint16Array(text.length)
    for (let i = 0; i < text.length; i++) units[i] = /** @type {number} */ (table[text.charCodeAt(i)])
    return decoder.decode(units)
  }
}

/** @param {number} code */
function isHan(code) {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3007
}

/** @param {number} code a code point */
function isHanPoint(code) {
  return isHan(code) || (code >= 0x20000 && code <= 0x3ffff)
}

/** @param {number} code */
function isWordUnit(code) {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)
}

/**
 * Walk the terms of folded text: every Han character (a unigram, `previous` -1) and every pair
 * of adjacent Han characters (an overlapping bigram: `previous` is the first character's code
 * point), and every run of ASCII letters and digits as a word. Bigrams find a word of any
 * length at any position without a dictionary (宪法 inside 宪法知识竞赛); unigrams answer
 * one-character queries. A bigram's term is its two characters, a unigram's its one.
 * @param {string} folded
 * @param {(code: number, previous: number) => void} onHan called for the unigram, then for the bigram ending there
 * @param {(word: string) => void} onWord
 */
export function scanTerms(folded, onHan, onWord) {
  let previous = -1
  let wordStart = -1
  for (let i = 0; i <= folded.length; i++) {
    let code = i < folded.length ? folded.charCodeAt(i) : 0
    let width = 1
    let han = isHan(code)
    // A character outside the BMP (CJK extensions B and later) is Han when it is a surrogate pair.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      code = /** @type {number} */ (folded.codePointAt(i))
      width = 2
      han = isHanPoint(code)
    }
    const word = isWordUnit(code)
    if (wordStart >= 0 && !word) {
      onWord(folded.slice(wordStart, i))
      wordStart = -1
    } else if (wordStart < 0 && word) wordStart = i
    if (han) {
      onHan(code, -1)
      if (previous >= 0) onHan(code, previous)
      previous = code
    } else previous = -1
    i += width - 1
  }
}

/**
 * The terms a query looks up and the phrases an excerpt highlights. A Han run of one character
 * is looked up as itself, a longer run by its bigrams (every one must occur), a word as itself.
 * @param {string} folded the folded query
 * @returns {{ terms: string[], phrases: Phrase[] }}
 */
export function queryTerms(folded) {
  /** @type {Phrase[]} */
  const phrases = []
  /** @type {string[]} */
  let run = []
  const flush = () => {
    if (run.length === 1) phrases.push({ text: run.join(''), terms: run })
    else if (run.length > 1) phrases.push({ text: run.join(''), terms: run.slice(1).map((char, i) => run[i] + char) })
    run = []
  }
  for (const char of folded) {
    if (isHanPoint(/** @type {number} */ (char.codePointAt(0)))) run.push(char)
    else flush()
  }
  flush()
  scanTerms(folded, () => {}, (word) => phrases.push({ text: word, terms: [word] }))
  return { terms: [...new Set(phrases.flatMap((phrase) => phrase.terms))], phrases }
}

/**
 * FNV-1a of a term's UTF-16 units: which shard file holds it.
 * @param {string} term
 * @param {number} shardCount
 */
export function shardOf(term, shardCount) {
  let hash = 0x811c9dc5
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % shardCount
}

/**
 * Read an unsigned LEB128 number.
 * @param {Uint8Array} bytes
 * @param {{ at: number }} cursor advanced past the number
 */
export function readVarint(bytes, cursor) {
  let value = 0
  let scale = 1
  for (;;) {
    const byte = /** @type {number} */ (bytes[cursor.at++])
    value += (byte & 0x7f) * scale
    if (byte < 0x80) return value
    scale *= 128
  }
}

/**
 * Index a shard file: term → its postings (the bytes are not decoded until a query needs them).
 * Layout: termCount, then per term: byteLength, UTF-8 term, documentCount, byteLength, postings;
 * every number an unsigned LEB128.
 * @param {Uint8Array} bytes
 * @returns {Map<string, { documents: number, postings: Uint8Array }>}
 */
export function readShard(bytes) {
  const decoder = new TextDecoder()
  const cursor = { at: 0 }
  const count = readVarint(bytes, cursor)
  const terms = new Map()
  for (let i = 0; i < count; i++) {
    const termLength = readVarint(bytes, cursor)
    const term = decoder.decode(bytes.subarray(cursor.at, cursor.at + termLength))
    cursor.at += termLength
    const documents = readVarint(bytes, cursor)
    const length = readVarint(bytes, cursor)
    terms.set(term, { documents, postings: bytes.subarray(cursor.at, cursor.at + length) })
    cursor.at += length
  }
  return terms
}

/**
 * Decode postings: per document, the gap from the previous document (minus one), then one byte
 * of field flags (high four bits) and body count (low four bits, at most 15).
 * @param {Uint8Array} postings
 * @param {(doc: number, flags: number, count: number) => void} each
 */
export function readPostings(postings, each) {
  const cursor = { at: 0 }
  let doc = -1
  while (cursor.at < postings.length) {
    doc += readVarint(postings, cursor) + 1
    const packed = /** @type {number} */ (postings[cursor.at++])
    each(doc, packed >> 4, packed & 15)
  }
}

/**
 * How much one occurrence record says about a document: a headline hit outweighs any body hit.
 * @param {number} flags
 * @param {number} count
 */
export function postingWeight(flags, count) {
  return (flags & FIELD.title ? 8 : 0) + (flags & FIELD.byline ? 3 : 0) + (flags & FIELD.tag ? 3 : 0) + (flags & FIELD.heading ? 2 : 0) + Math.sqrt(count)
}

/** Most shard files one query fetches; longer queries are looked up by a subset of their bigrams. */
export const MAX_QUERY_SHARDS = 16

/**
 * @typedef {{ text: string, terms: string[] }} Phrase a run of the query (Han characters or a word) and its terms
 * @typedef {{ documents: number, shards: number, fold: string, years: [number, number, number][], tags: [string, string, string, number][] }} SearchMeta
 * years: [year, first document, last document]; tags: [key, zh-Hans label, zh-Hant label, article count]
 * @typedef {{ u: string, h: string, d: string }} SearchDocument
 * u: page path relative to the site root (with the script's prefix), h: headline, d: ISO date
 * @typedef {{ json: (path: string) => Promise<unknown>, bytes: (path: string) => Promise<Uint8Array> }} SearchLoader
 * paths are relative to the search folder
 * @typedef {{ year?: number | null, tag?: string | null }} SearchFilters
 * @typedef {{ doc: number, score: number }} SearchHit
 */

/**
 * A searcher over the static files: fetches meta.json once and each shard at most once.
 * @param {SearchLoader} load
 */
export function createSearcher(load) {
  /** @type {Promise<{ meta: SearchMeta, fold: (text: string) => string }> | undefined} */
  let ready
  /** @type {Map<number, Promise<Map<string, { documents: number, postings: Uint8Array }>>>} */
  const shards = new Map()
  /** @type {Map<string, Promise<[string, string, string][]>>} */
  const chunks = new Map()
  const start = () => {
    ready ??= load.json('meta.json').then((raw) => {
      const meta = /** @type {SearchMeta & { format: number }} */ (raw)
      if (meta.format !== FORMAT) throw new Error(`search index format ${meta.format}, expected ${FORMAT}`)
      return { meta, fold: createFolder(meta.fold) }
    })
    return ready
  }
  /** @param {number} shard */
  const shardFile = (shard) => {
    let file = shards.get(shard)
    if (!file) {
      file = load.bytes(`shards/${shard}.bin`).then(readShard)
      shards.set(shard, file)
    }
    return file
  }
  return {
    /** The index's description (years, tags, counts). */
    meta: async () => (await start()).meta,
    /**
     * Ranked documents matching every term of `query` and the filters, best first.
     * @param {string} query
     * @param {SearchFilters} [filters]
     * @returns {Promise<{ hits: SearchHit[], phrases: Phrase[], fold: (text: string) => string }>}
     */
    async search(query, filters = {}) {
      const { meta, fold } = await start()
      const { terms, phrases } = queryTerms(fold(query))
      const lookups = limitShards(terms, phrases, meta.shards)
      if (filters.tag) lookups.push(TAG_TERM + fold(filters.tag))
      const year = filters.year ? meta.years.find(([y]) => y === filters.year) : undefined
      if (filters.year && !year) return { hits: [], phrases, fold }
      const [first, last] = year ? [year[1], year[2]] : [0, meta.documents - 1]
      if (lookups.length === 0) {
        // Filters alone list their articles newest first.
        const hits = []
        if (year) for (let doc = last; doc >= first; doc--) hits.push({ doc, score: 0 })
        return { hits, phrases, fold }
      }
      const files = await Promise.all(lookups.map((term) => shardFile(shardOf(term, meta.shards))))
      /** @type {Map<number, number> | undefined} */
      let scores
      for (let i = 0; i < lookups.length; i++) {
        const entry = /** @type {Map<string, { documents: number, postings: Uint8Array }>} */ (files[i]).get(/** @type {string} */ (lookups[i]))
        if (!entry) return { hits: [], phrases, fold }
        const idf = Math.log(1 + meta.documents / entry.documents)
        /** @type {Map<number, number>} */
        const next = new Map()
        const previous = scores
        readPostings(entry.postings, (doc, flags, count) => {
          if (doc < first || doc > last) return
          const before = previous ? previous.get(doc) : 0
          if (before !== undefined) next.set(doc, before + idf * postingWeight(flags, count))
        })
        scores = next
      }
      const hits = [...(scores ?? new Map())].map(([doc, score]) => ({ doc, score }))
      // Equal scores: the newer article first.
      hits.sort((a, b) => b.score - a.score || b.doc - a.doc)
      return { hits, phrases, fold }
    },
    /**
     * One article's link, headline and date in the reader's script (its text is on its page).
     * @param {number} doc
     * @param {'zh-Hans' | 'zh-Hant'} lang
     * @returns {Promise<SearchDocument>}
     */
    async document(doc, lang) {
      const path = `docs/${lang.toLowerCase()}/${Math.floor(doc / DOC_CHUNK)}.json`
      let chunk = chunks.get(path)
      if (!chunk) {
        chunk = /** @type {Promise<[string, string, string][]>} */ (load.json(path))
        chunks.set(path, chunk)
      }
      const found = (await chunk)[doc % DOC_CHUNK]
      if (!found) throw new Error(`no document ${doc}`)
      return { u: found[0], h: found[1], d: found[2] }
    },
  }
}

/**
 * Keep a query within MAX_QUERY_SHARDS shard files: drop every other bigram of long runs (the
 * bigrams kept still cover every character) until it fits.
 * @param {string[]} terms
 * @param {Phrase[]} phrases
 * @param {number} shardCount
 */
function limitShards(terms, phrases, shardCount) {
  const count = (/** @type {string[]} */ list) => new Set(list.map((term) => shardOf(term, shardCount))).size
  if (count(terms) <= MAX_QUERY_SHARDS) return terms
  const covered = phrases.flatMap(({ terms: phrase }) => phrase.filter((_, i) => i % 2 === 0 || i === phrase.length - 1))
  const kept = []
  for (const term of new Set(covered)) {
    if (count([...kept, term]) > MAX_QUERY_SHARDS) break
    kept.push(term)
  }
  return kept
}

/**
 * The part of `text` around the query's first hit, as segments to show with hits marked.
 * Each phrase is found whole where it occurs whole, else by its bigrams.
 * @param {string} text
 * @param {Phrase[]} phrases from `queryTerms`
 * @param {(text: string) => string} fold
 * @param {number} [length] characters of context
 * @returns {{ text: string, hit: boolean }[]}
 */
export function excerpt(text, phrases, fold, length = 90) {
  const folded = fold(text)
  /** @type {[number, number][]} */
  const ranges = []
  for (const phrase of phrases) {
    const needles = folded.includes(phrase.text) ? [phrase.text] : phrase.terms
    for (const needle of needles) {
      for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) ranges.push([at, at + needle.length])
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const firstHit = ranges[0]?.[0] ?? 0
  const start = Math.max(0, firstHit - Math.floor(length / 4))
  const end = Math.min(text.length, start + length)
  /** @type {{ text: string, hit: boolean }[]} */
  const segments = []
  let at = start
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue
    const hitStart = Math.max(from, at)
    if (hitStart > at) segments.push({ text: text.slice(at, hitStart), hit: false })
    segments.push({ text: text.slice(hitStart, Math.min(to, end)), hit: true })
    at = Math.min(to, end)
  }
  if (at < end) segments.push({ text: text.slice(at, end), hit: false })
  if (start > 0) segments.unshift({ text: '…', hit: false })
  if (end < text.length) segments.push({ text: '…', hit: false })
  return segments
}

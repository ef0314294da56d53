// A rebuild where a few documents changed (an article edited, one added at the end) patches the
// previous shard files: only the postings of the terms those documents name, or named, are read
// and written again, and a shard none of them falls in keeps its bytes. The result is byte for
// byte what assembleShards makes from scratch.
import { readVarint, shardOf } from '../../public/search-core.js'
import { assembleShards, shardCountFor, utf8Length, writeEntry, writeVarint, type ShardSet } from './postings.ts'
import { grown, type StoryTerms, type TermDictionary } from './terms.ts'

/** Patching is worth it while few documents changed; past this share of them, make every shard. */
const PATCH_SHARE = 1 / 128

/**
 * The shard files for `docs`: the previous set patched where its documents changed (a document
 * is the same when its StoryTerms object is), else made from scratch; both give the same bytes.
 * The previous set is not valid afterwards.
 */
export function updateShards(previous: ShardSet | null, dictionary: TermDictionary, docs: readonly StoryTerms[], shardBytes: number): ShardSet {
  if (previous === null || previous.shardBytes !== shardBytes) return assembleShards(dictionary, docs, shardBytes)
  const changedDocs: number[] = []
  for (let doc = 0; doc < Math.max(docs.length, previous.docs.length); doc++) if (docs[doc] !== previous.docs[doc]) changedDocs.push(doc)
  if (changedDocs.length > Math.max(16, docs.length * PATCH_SHARE)) return assembleShards(dictionary, docs, shardBytes)
  return patchShards(previous, dictionary, docs, changedDocs) ?? assembleShards(dictionary, docs, shardBytes)
}

/** Where one term sits in a shard file. */
interface Entry {
  start: number
  documents: number
  postingsStart: number
  end: number
}

/** A term's postings after the patch. */
interface Patched {
  shard: number
  documents: number
  postings: Uint8Array
  /** The last document naming the term (-1: none). */
  last: number
  /** Was the term in the index before? */
  known: boolean
}

/** `previous` with the documents `changedDocs` (ascending: every one that differs) made anew; null when the number of shards changes. */
function patchShards(previous: ShardSet, dictionary: TermDictionary, docs: readonly StoryTerms[], changedDocs: readonly number[]): ShardSet | null {
  const shardCount = previous.shards.length
  const changed = new Set(changedDocs)
  // The terms whose postings change: named with another byte, or named or no longer, by a changed document.
  const touched = new Set<number>()
  const ranksIn = new Map<number, Map<number, number>>()
  for (const doc of changedDocs) {
    const before = new Map<number, number>()
    const old = previous.docs[doc]
    if (old) for (let i = 0; i < old.terms.length; i++) before.set(old.terms[i]!, old.bytes[i]!)
    const story = docs[doc]
    const ranks = new Map<number, number>()
    if (story) {
      for (let i = 0; i < story.terms.length; i++) {
        const term = story.terms[i]!
        ranks.set(term, i)
        if (before.get(term) !== story.bytes[i]) touched.add(term)
        before.delete(term)
      }
    }
    for (const term of before.keys()) touched.add(term)
    ranksIn.set(doc, ranks)
  }
  // Their postings in the changed documents, in document order.
  const additions = new Map<number, [number, number][]>()
  for (const doc of changedDocs) {
    const story = docs[doc]
    if (!story) continue
    for (let i = 0; i < story.terms.length; i++) {
      const term = story.terms[i]!
      if (!touched.has(term)) continue
      let list = additions.get(term)
      if (!list) additions.set(term, (list = []))
      list.push([doc, story.bytes[i]!])
    }
  }

  // New postings for the touched terms, read from the shards they are in.
  const entriesOf = new Map<number, Map<number, Entry>>()
  const entries = (shard: number) => {
    let found = entriesOf.get(shard)
    if (!found) entriesOf.set(shard, (found = readEntries(previous.shards[shard]!, previous.members[shard]!)))
    return found
  }
  const patched = new Map<number, Patched>()
  let { total, termCount } = previous
  for (const term of touched) {
    const text = dictionary.text(term)
    const shard = shardOf(text, shardCount)
    const entry = entries(shard).get(term)
    const old = entry ? previous.shards[shard]!.subarray(entry.postingsStart, entry.end) : new Uint8Array(0)
    const before = { postings: old, documents: entry?.documents ?? 0, last: entry ? previous.lastDoc[term]! : -1 }
    const { documents, postings, last } = mergePostings(before, changed, changedDocs[0]!, additions.get(term) ?? [])
    const termLength = utf8Length(text)
    if (entry) {
      total -= termLength + old.length + 4
      termCount--
    }
    if (documents > 0) {
      total += termLength + postings.length + 4
      termCount++
    }
    patched.set(term, { shard, documents, postings, last, known: entry !== undefined })
  }
  if (shardCountFor(total, previous.shardBytes) !== shardCount) return null

  // Each term's first document and place in it, which order a shard's terms.
  let { firstDoc, rank, lastDoc } = previous
  if (firstDoc.length < dictionary.size) {
    const size = Math.max(dictionary.size, firstDoc.length * 2)
    firstDoc = grown(firstDoc, size).fill(-1, firstDoc.length)
    rank = grown(rank, size)
    lastDoc = grown(lastDoc, size).fill(-1, lastDoc.length)
  }
  for (const [term, { last }] of patched) lastDoc[term] = last
  const moved = new Set<number>()
  const place = (term: number, doc: number, at: number) => {
    if (firstDoc[term] === doc && rank[term] === at) return
    firstDoc[term] = doc
    rank[term] = at
    moved.add(term)
  }
  for (const [term, { documents, postings }] of patched) {
    if (documents === 0) place(term, -1, 0)
    else {
      const first = readVarint(postings, { at: 0 })
      if (changed.has(first)) place(term, first, ranksIn.get(first)!.get(term)!)
      else if (first !== firstDoc[term]) place(term, first, docs[first]!.terms.indexOf(term))
    }
  }
  for (const doc of changedDocs) {
    const terms = docs[doc]?.terms ?? []
    for (let i = 0; i < terms.length; i++) if (firstDoc[terms[i]!] === doc) place(terms[i]!, doc, i)
  }

  // Write again each shard whose postings or order of terms changed.
  const patchedIn = new Map<number, number[]>()
  for (const [term, { shard }] of patched) {
    const list = patchedIn.get(shard)
    if (list) list.push(term)
    else patchedIn.set(shard, [term])
  }
  const shardsToCheck = new Set(patchedIn.keys())
  for (const term of moved) shardsToCheck.add(patched.get(term)?.shard ?? shardOf(dictionary.text(term), shardCount))
  const shards = [...previous.shards]
  const members = [...previous.members]
  const earlier = (a: number, b: number) => firstDoc[a]! - firstDoc[b]! || rank[a]! - rank[b]!
  let serialized = 0
  for (const shard of shardsToCheck) {
    const oldMembers = previous.members[shard]!
    const terms = Array.from(oldMembers).filter((term) => firstDoc[term]! >= 0)
    const postingsChanged = patchedIn.has(shard)
    for (const term of patchedIn.get(shard) ?? []) {
      const patch = patched.get(term)!
      if (!patch.known && patch.documents > 0) terms.push(term)
    }
    if (terms.some((term, i) => i > 0 && earlier(terms[i - 1]!, term) > 0)) terms.sort(earlier)
    if (!postingsChanged && terms.length === oldMembers.length && terms.every((term, i) => oldMembers[i] === term)) continue
    shards[shard] = writeShard(terms, previous.shards[shard]!, entries(shard), patched, dictionary)
    members[shard] = Int32Array.from(terms)
    serialized++
  }
  return { shardBytes: previous.shardBytes, docs, shards, members, firstDoc, rank, lastDoc, total, termCount, serialized }
}

/** Where each term of a shard file is; `members` are its terms in file order. */
function readEntries(bytes: Uint8Array, members: Int32Array): Map<number, Entry> {
  const cursor = { at: 0 }
  const count = readVarint(bytes, cursor)
  const entries = new Map<number, Entry>()
  for (let k = 0; k < count; k++) {
    const start = cursor.at
    const termLength = readVarint(bytes, cursor)
    cursor.at += termLength
    const documents = readVarint(bytes, cursor)
    const length = readVarint(bytes, cursor)
    entries.set(members[k]!, { start, documents, postingsStart: cursor.at, end: cursor.at + length })
    cursor.at += length
  }
  return entries
}

/**
 * A term's postings without those of the changed documents (the first of them `firstChanged`),
 * with `additions` (ascending) in their place.
 */
function mergePostings(old: { postings: Uint8Array; documents: number; last: number }, changed: ReadonlySet<number>, firstChanged: number, additions: readonly [number, number][]) {
  // Dropping a posting never lengthens the others; each added one takes at most 6 bytes.
  const postings = new Uint8Array(old.postings.length + additions.length * 6)
  let at = 0
  let previous = -1
  let documents = 0
  const put = (doc: number, byte: number) => {
    at = writeVarint(postings, at, doc - previous - 1)
    postings[at++] = byte
    previous = doc
    documents++
  }
  let next = 0
  if (firstChanged > old.last) {
    // Changes after the term's last document (an article added at the end): the old postings stand as they are.
    postings.set(old.postings)
    at = old.postings.length
    previous = old.last
    documents = old.documents
  } else {
    const cursor = { at: 0 }
    for (let doc = -1; cursor.at < old.postings.length; ) {
      doc += readVarint(old.postings, cursor) + 1
      const byte = old.postings[cursor.at++]!
      while (next < additions.length && additions[next]![0] < doc) put(...additions[next++]!)
      if (!changed.has(doc)) put(doc, byte)
    }
  }
  while (next < additions.length) put(...additions[next++]!)
  return { documents, postings: postings.slice(0, at), last: previous }
}

/** A shard file of `terms`: patched ones written anew, the others copied from the old file. */
function writeShard(terms: readonly number[], old: Uint8Array, entries: ReadonlyMap<number, Entry>, patched: ReadonlyMap<number, Patched>, dictionary: TermDictionary): Uint8Array {
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = []
  let size = 5
  for (const term of terms) {
    const patch = patched.get(term)
    let part: Uint8Array
    if (patch) {
      const text = encoder.encode(dictionary.text(term))
      part = new Uint8Array(text.length + patch.postings.length + 15)
      part = part.subarray(0, writeEntry(part, 0, text, patch.documents, patch.postings))
    } else {
      const entry = entries.get(term)!
      part = old.subarray(entry.start, entry.end)
    }
    parts.push(part)
    size += part.length
  }
  const bytes = new Uint8Array(size)
  let offset = writeVarint(bytes, 0, terms.length)
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.length
  }
  return bytes.slice(0, offset)
}

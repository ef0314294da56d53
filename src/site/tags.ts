// Tags of an article: its front matter tags, then every vocabulary tag one of whose terms occurs in its text.
// Text and terms are folded to one script first, so an article written in Traditional gets its tags too.
import { lastCodePointStart } from '../render/typography.ts'
import { foldScript } from '../search/fold.ts'
import type { ArticleRecord } from '../types.ts'
import type { TagVocabulary } from './vocabulary.ts'

// Extraction spaces (`城市更 新`) must not hide a term.
const spaceBetweenCjk = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])[ \t\u3000]+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu
const spaceRun = /[ \t\u3000]+/gu

/** All the text of an article a reader sees, extraction spaces removed, for term matching. */
export function searchableText(record: ArticleRecord): string {
  const parts = [record.kicker, record.headline, record.subheadline]
  for (const section of record.sections) parts.push(section.heading, ...section.paragraphs)
  return parts.filter((part): part is string => part !== null).join('\n').replace(spaceRun, withoutExtractionSpaces)
}

/**
 * A run of spaces as `spaceBetweenCjk` leaves it, tried on the run and the character each side of
 * it (all that pattern looks at), not on the whole text: a lookbehind tried at every position of an
 * article was a fifth of planning a cold build.
 */
function withoutExtractionSpaces(run: string, offset: number, text: string): string {
  const before = offset > 0 ? text.slice(lastCodePointStart(text, offset, 0), offset) : ''
  const end = offset + run.length
  const after = end < text.length ? text.slice(end, end + (text.codePointAt(end)! > 0xffff ? 2 : 1)) : ''
  const window = (before + run + after).replace(spaceBetweenCjk, '')
  return window.slice(before.length, window.length - after.length)
}

/**
 * Front matter tags ∪ vocabulary tags whose terms occur in the article, front matter first, each
 * once. A front matter tag that is a vocabulary tag in the other script (養老 for 养老) is that tag.
 */
export function articleTags(record: ArticleRecord, vocabulary: TagVocabulary): readonly string[] {
  const folded = foldedVocabulary(vocabulary)
  // Tagging reads all of an article's text: a record met again (the same object, from the parse
  // cache of a long-lived builder) keeps the tags it was given under the same folded vocabulary.
  if (tagMemo.signature !== folded.signature) tagMemo = { signature: folded.signature, byRecord: new WeakMap() }
  let tags = tagMemo.byRecord.get(record)
  if (!tags) {
    tags = tagsOf(record, folded)
    tagMemo.byRecord.set(record, tags)
  }
  return tags
}

function tagsOf(record: ArticleRecord, { vocabularyNames, foldedTags }: FoldedVocabulary): readonly string[] {
  const tags = new Set(
    record.tags
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '')
      .map((tag) => vocabularyNames.get(foldScript(tag)) ?? tag),
  )
  const text = foldScript(searchableText(record))
  for (const tag of foldedTags) {
    if (tag.terms.some((term) => text.includes(term))) tags.add(tag.name)
  }
  return Object.freeze([...tags])
}

/** The tags records were given under one vocabulary, by a key of each record's content: stored for a build in another process. */
export interface StoredTags {
  signature: string
  byKey: Map<string, readonly string[]>
}

/** The tags of `articleRecords` under `vocabulary`, each under `keyOf(record)`. */
export function storedTags(articleRecords: readonly ArticleRecord[], vocabulary: TagVocabulary, keyOf: (record: ArticleRecord) => string): StoredTags {
  return { signature: foldedVocabulary(vocabulary).signature, byKey: new Map(articleRecords.map((record) => [keyOf(record), articleTags(record, vocabulary)])) }
}

/**
 * Give each record whose key `stored` holds the tags stored for it, if they were given under the
 * same vocabulary: tagging it then reads none of its text. Returns how many records got their tags.
 */
export function restoreTags(articleRecords: readonly ArticleRecord[], vocabulary: TagVocabulary, keyOf: (record: ArticleRecord) => string, stored: StoredTags): number {
  const { signature } = foldedVocabulary(vocabulary)
  if (stored.signature !== signature) return 0
  if (tagMemo.signature !== signature) tagMemo = { signature, byRecord: new WeakMap() }
  // Each record keeps its tags to the end of the build: one string per tag name, as tagging gives, not one per record.
  const names = new Map<string, string>()
  const named = (name: string) => names.get(name) ?? names.set(name, name).get(name)!
  let restored = 0
  for (const record of articleRecords) {
    const tags = stored.byKey.get(keyOf(record))
    if (tags === undefined) continue
    tagMemo.byRecord.set(record, Object.freeze(tags.map(named)))
    restored++
  }
  return restored
}

interface FoldedVocabulary {
  vocabularyNames: Map<string, string>
  foldedTags: { name: string; terms: string[] }[]
  /** Everything tagging reads of the vocabulary, as text: equal signatures tag every record alike. */
  signature: string
}

const foldedVocabularies = new WeakMap<TagVocabulary, FoldedVocabulary>()
let tagMemo = { signature: '', byRecord: new WeakMap<ArticleRecord, readonly string[]>() }

/** The vocabulary's names and terms folded once, not once per article. */
function foldedVocabulary(vocabulary: TagVocabulary): FoldedVocabulary {
  let folded = foldedVocabularies.get(vocabulary)
  if (!folded) {
    const vocabularyNames = new Map(vocabulary.tags.map((tag) => [foldScript(tag.name), tag.name]))
    const foldedTags = vocabulary.tags.map((tag) => ({ name: tag.name, terms: tag.terms.map(foldScript) }))
    folded = { vocabularyNames, foldedTags, signature: JSON.stringify([[...vocabularyNames], foldedTags]) }
    foldedVocabularies.set(vocabulary, folded)
  }
  return folded
}

// The documents of the search index: one per story, in publication order, each with what the index
// lists of it. Worked out from every record, or, when a builder says that only records were replaced
// (an edit that keeps the plan), by taking the last build's and redoing the documents of the replaced.
import { matchContinuations } from '../continuations.ts'
import type { ArticleRecord } from '../types.ts'
import type { StoryTerms } from './terms.ts'

/** A story's terms and its headline per variant (as listed in the docs files), kept between builds by its key. */
export interface RememberedStory {
  terms: StoryTerms
  titles: string[]
}

/** One document: a story, under its first part. */
export interface IndexedDocument {
  parts: ArticleRecord[]
  tags: string[]
  /** The article page's path without the variant prefix. */
  path: string
  /** The story's key (see SearchIndexOptions.recordKey), when every part has one. */
  key: string | undefined
  story: RememberedStory
}

/** What a build's documents were made from, for the next build to patch. */
export interface DocumentsMemory {
  input: readonly ArticleRecord[]
  documents: IndexedDocument[]
  /** Per record of `input`, the document it is a part of. */
  documentOf: Int32Array
}

/** How a document is made from a story's parts (the index's options, bound to its build). */
export interface DocumentMaker {
  tagsOf: (record: ArticleRecord) => string[]
  articlePath: (record: ArticleRecord) => string
  recordKey?: (record: ArticleRecord) => string | undefined
  /** The story remembered under `key`, or one read from the parts now. */
  story: (key: string | undefined, parts: ArticleRecord[], tags: string[], head: ArticleRecord) => RememberedStory
}

/** Every story's document, in publication order, so that a year is a range of document numbers. */
export function allDocuments(articleRecords: readonly ArticleRecord[], maker: DocumentMaker): DocumentsMemory {
  // A story told across pages is one document, under its first part (whose page shows it whole).
  const { storyByArticleId } = matchContinuations([...articleRecords])
  const partsOf = (record: ArticleRecord) => storyByArticleId.get(record.id)?.parts ?? [record]
  const heads = articleRecords.filter((record) => partsOf(record)[0] === record).sort(
    (a, b) => compare(a.issueDate, b.issueDate) || a.page - b.page || a.position - b.position || compare(a.id, b.id),
  )
  const documents = heads.map((head) => documentOf(partsOf(head), maker))
  return { input: articleRecords, documents, documentOf: documentIndexes(articleRecords, documents) }
}

/**
 * The last build's documents with those of replaced records made again, and the numbers of those
 * documents; null when the records are not the last build's in the same order, each either the same
 * or a replacement with the same id, date and place (then every document must be made).
 */
export function patchedDocuments(last: DocumentsMemory, articleRecords: readonly ArticleRecord[], maker: DocumentMaker): { memory: DocumentsMemory; changed: number[] } | null {
  if (last.input.length !== articleRecords.length) return null
  const replaced = new Map<ArticleRecord, ArticleRecord>()
  const changed = new Set<number>()
  for (const [index, record] of articleRecords.entries()) {
    const before = last.input[index] as ArticleRecord
    if (record === before) continue
    const samePlace = record.id === before.id && record.issueDate === before.issueDate && record.page === before.page && record.position === before.position
    // A story is made of the continuation marks of its parts: changed marks may make other stories.
    if (!samePlace || record.continuedFrom !== before.continuedFrom || record.continuedTo !== before.continuedTo) return null
    replaced.set(before, record)
    changed.add(last.documentOf[index] as number)
  }
  const documents = [...last.documents]
  for (const number of changed) {
    const parts = (documents[number] as IndexedDocument).parts.map((part) => replaced.get(part) ?? part)
    documents[number] = documentOf(parts, maker)
  }
  return { memory: { input: articleRecords, documents, documentOf: last.documentOf }, changed: [...changed].sort((a, b) => a - b) }
}

function documentOf(parts: ArticleRecord[], maker: DocumentMaker): IndexedDocument {
  const head = parts[0] as ArticleRecord
  const tags = [...new Set(parts.flatMap(maker.tagsOf))]
  const partKeys = maker.recordKey ? parts.map(maker.recordKey) : []
  const key = partKeys.length > 0 && partKeys.every((part) => part !== undefined) ? `${partKeys.join('\0')}\0\0${tags.join('\0')}` : undefined
  return { parts, tags, path: maker.articlePath(head), key, story: maker.story(key, parts, tags, head) }
}

function documentIndexes(articleRecords: readonly ArticleRecord[], documents: readonly IndexedDocument[]): Int32Array {
  const numberOf = new Map<ArticleRecord, number>()
  documents.forEach((document, number) => {
    for (const part of document.parts) numberOf.set(part, number)
  })
  return Int32Array.from(articleRecords, (record) => numberOf.get(record) ?? -1)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

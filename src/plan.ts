// The plan stage, shared by `check` and `build`: records → routes, with every message about the
// archive as a whole (URL and slug clashes, unmatched jumps) put on the file it is about.
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { SiteConfig } from './config.ts'
import { matchContinuations } from './continuations.ts'
import { attachMessages } from './load.ts'
import { articleTags, emptyVocabulary, parseVocabulary, planSite, restoreTags, storedTags, type ArticleEntry, type Route, type StoredTags, type TagVocabulary } from './site/index.ts'
import type { ArticleRecord } from './types.ts'
import { parseConversionOverrides, type ConversionOverrides } from './variants/overrides.ts'

export interface PlannedArchive {
  routes: Route[]
  overrides: ConversionOverrides | undefined
  /** The settings files and sources, each carrying its messages. */
  files: VFile[]
  /** Is any message fatal? Then nothing may be written. */
  failed: boolean
  /** With `tagStore`: how many records got stored tags, and every record's tags to store (made when called for). */
  tags?: { restored: number; toStore: () => StoredTags }
}

/** Tags stored by a build in another process (see restoreTags), and how to key a record's content. */
export interface TagStore {
  keyOf: (record: ArticleRecord) => string
  stored: StoredTags | undefined
}

/**
 * A builder's last plan, kept for the next build. Most edits (a typo in an article's text) change
 * nothing the plan reads of a record; then the plan is the last one with the edited records put
 * in their entries, and its routes stay the same objects (so their fingerprints' walks are kept too).
 */
export interface PlanMemo {
  last: { settings: string; records: ArticleRecord[]; entryByRecord: Map<ArticleRecord, ArticleEntry>; routes: Route[]; messages: VFileMessage[] } | undefined
}

/** An empty plan memo, for a builder to pass to every planArchive call it makes. */
export function createPlanMemo(): PlanMemo {
  return { last: undefined }
}

/**
 * Plan the site of `articleRecords`; `vocabularyFile` and `overridesFile` are null when absent. With a
 * builder's `memo`, the last plan is taken again (its entries given the new records) when it would come out the same.
 */
export function planArchive(
  articleRecords: ArticleRecord[],
  sourceFiles: VFile[],
  config: SiteConfig,
  vocabularyFile: VFile | null,
  overridesFile: VFile | null,
  memo?: PlanMemo,
  tagStore?: TagStore,
): PlannedArchive {
  const vocabulary = vocabularyFile ? parseVocabulary(vocabularyFile) : emptyVocabulary
  const restored = tagStore?.stored ? restoreTags(articleRecords, vocabulary, tagStore.keyOf, tagStore.stored) : 0
  const overrides = overridesFile ? parseConversionOverrides(overridesFile) : undefined
  const files = [...(vocabularyFile ? [vocabularyFile] : []), ...(overridesFile ? [overridesFile] : []), ...sourceFiles]
  const settings = `${JSON.stringify(config)}\0${String(vocabularyFile?.value ?? '')}`
  let routes: Route[]
  let messages: VFileMessage[]
  if (memo?.last !== undefined && samePlan(memo.last, settings, articleRecords, vocabulary)) {
    ;({ routes, messages } = memo.last)
    putRecords(memo.last, articleRecords)
  } else {
    const site = planSite(articleRecords, config, vocabulary)
    routes = site.routes
    messages = [...matchContinuations(articleRecords).messages, ...site.messages]
    if (memo) memo.last = { settings, records: [...articleRecords], entryByRecord: new Map(site.entries.map((entry) => [entry.record, entry])), routes, messages }
  }
  attachMessages(files, messages)
  const keyOf = tagStore?.keyOf
  const tags = keyOf && { restored, toStore: () => storedTags(articleRecords, vocabulary, keyOf) }
  return { routes, overrides, files, failed: files.some((file) => file.messages.some((message) => message.fatal)), tags }
}

/** Put each record that is new since the last plan into the entry its predecessor at its place had. */
function putRecords(last: NonNullable<PlanMemo['last']>, articleRecords: ArticleRecord[]): void {
  articleRecords.forEach((record, index) => {
    const previous = last.records[index]!
    if (record === previous) return
    const entry = last.entryByRecord.get(previous)!
    entry.record = record
    last.entryByRecord.delete(previous)
    last.entryByRecord.set(record, entry)
    last.records[index] = record
  })
}

/** Would planning `articleRecords` give the last plan, but for the records its entries hold? */
function samePlan(last: NonNullable<PlanMemo['last']>, settings: string, articleRecords: ArticleRecord[], vocabulary: TagVocabulary): boolean {
  if (last.settings !== settings || last.records.length !== articleRecords.length) return false
  // A record met again is the same object (the parse cache gives it); only new ones are compared.
  return articleRecords.every((record, index) => {
    const previous = last.records[index]!
    return record === previous || (recordKey(record) === recordKey(previous) && JSON.stringify(articleTags(record, vocabulary)) === JSON.stringify(articleTags(previous, vocabulary)))
  })
}

const recordKeys = new WeakMap<ArticleRecord, string>()

/**
 * The fields of a record that routes are made from (URL, order, issue, tags, authors, continuations,
 * and the lines messages point at); the rest (text, headline, kicker) is read only when a page is
 * rendered. A route maker that reads another field must add it here.
 */
function recordKey(record: ArticleRecord): string {
  let key = recordKeys.get(record)
  if (key === undefined) {
    const continued = record.continuedFrom !== null || record.continuedTo !== null
    key = JSON.stringify([
      record.id,
      record.source,
      record.issueDate,
      record.page,
      record.position,
      record.slug,
      record.script,
      record.sourceLines,
      record.tags,
      record.bylines.map((byline) => byline.names),
      record.continuedFrom,
      record.continuedTo,
      record.continuationMarkers,
      // Continued parts are matched by their headlines.
      continued ? record.headline : null,
    ])
    recordKeys.set(record, key)
  }
  return key
}

// An article's twin in the other script, and the two variants the site renders.
import { boundedMemo } from '../bounded-memo.ts'
import type { ArticleRecord } from '../types.ts'
import { headOf } from './head.ts'
import type { Converters } from './opencc.ts'

export type Script = ArticleRecord['script']

/** One rendering of the site: its language tag, its URL prefix and how it converts text. */
export interface Variant {
  lang: 'zh-Hans' | 'zh-Hant'
  script: Script
  /** Prepended to every site path: '' for zh-Hans, 'zh-hant/' for zh-Hant. */
  prefix: '' | 'zh-hant/'
  /** Converts text written in Simplified (templates, labels, config, tag vocabulary) into this variant. */
  convert: (text: string) => string
  /** The record in this variant's script: itself when its source already is, else converted (cached). */
  record: (record: ArticleRecord) => ArticleRecord
  /** The record's head (head.ts) in this variant's script: all a list shows of it, as `record` would show it. */
  head: (record: ArticleRecord) => ArticleRecord
  /** The record's headline (or subheadline, or kicker) as `record(record)` shows it. */
  headline: (record: ArticleRecord) => string
}

/** A copy of `record` with every reader-visible text field passed through `convert` (text, never markup). */
export function convertRecord(record: ArticleRecord, convert: (text: string) => string): ArticleRecord {
  const optional = (text: string | null) => (text === null ? null : convert(text))
  return {
    ...record,
    headline: optional(record.headline),
    kicker: optional(record.kicker),
    subheadline: optional(record.subheadline),
    bylines: record.bylines.map((byline) => ({
      ...byline,
      role: optional(byline.role),
      names: byline.names.map(convert),
      text: convert(byline.text),
    })),
    dateline: record.dateline && { ...record.dateline, text: convert(record.dateline.text) },
    continuationMarkers: record.continuationMarkers.map((marker) => ({ ...marker, text: convert(marker.text) })),
    sections: record.sections.map((section) => ({
      ...section,
      heading: optional(section.heading),
      paragraphs: section.paragraphs.map(convert),
    })),
    tags: record.tags.map(convert),
  }
}

/**
 * `record` in `script`: unchanged when its source is written in that script — OpenCC's cn→tw
 * is not idempotent on Traditional text (結合中心 → 結閤中心), so a source is never converted to itself —
 * otherwise converted Simplified → Traditional or Traditional → Simplified.
 */
export function recordInScript(record: ArticleRecord, script: Script, converters: Converters): ArticleRecord {
  if (record.script === script) return record
  return convertRecord(record, script === 'hant' ? converters.toHant : converters.toHans)
}

/** Converted heads (see head.ts) kept between builds, by a key that changes whenever the record's content does. */
export interface ConversionMemo {
  keyOf: (record: ArticleRecord) => string | undefined
  /** What earlier builds converted. */
  previous: ReadonlyMap<string, ArticleRecord>
  /** What this build used, to keep for the next one. */
  next: Map<string, ArticleRecord>
}

/** Whole records in the other script kept at once: an article page and the parts of its story. */
const recentTwins = 64

/** Converted heads kept at once without a memo: as many as the article cards views.ts keeps. */
const headsKept = 30_000

/**
 * The two variants the site renders, zh-Hans first. A record's head is converted once per build
 * (and with a `memo` once across builds: the dev loop converts only what was edited); a whole
 * record is converted when a page shows it, and only the last few are kept.
 */
export function variantsFor(converters: Converters, memo?: ConversionMemo): [Variant, Variant] {
  const make = (lang: Variant['lang'], script: Script, prefix: Variant['prefix'], convert: (text: string) => string): Variant => {
    const shown = new WeakMap<ArticleRecord, ArticleRecord>()
    // With a memo, every head is kept for the next build anyway; without, only as many as boundedMemo holds:
    // all of them were 130 MB live to the end of rendering 100,000 articles.
    const heads = memo ? new WeakMap<ArticleRecord, ArticleRecord>() : boundedMemo<ArticleRecord, ArticleRecord>(headsKept)
    const recent = new Map<ArticleRecord, ArticleRecord>()
    const inScript = (source: ArticleRecord) => displayRecord(recordInScript(source, script, converters))
    const record = (source: ArticleRecord): ArticleRecord => {
      if (source.script === script) {
        let same = shown.get(source)
        if (!same) shown.set(source, (same = displayRecord(source)))
        return same
      }
      let twin = recent.get(source)
      if (twin) recent.delete(source)
      else twin = inScript(source)
      recent.set(source, twin)
      if (recent.size > recentTwins) recent.delete(recent.keys().next().value as ArticleRecord)
      return twin
    }
    const head = (source: ArticleRecord): ArticleRecord => {
      if (source.script === script) return record(source)
      let twin = heads.get(source) ?? recent.get(source)
      if (twin) return twin
      // The memo's key digests the record's source, so a remembered head is of an equal record.
      const key = memo?.keyOf(source)
      twin = (key === undefined ? undefined : memo?.previous.get(`${script}:${key}`)) ?? inScript(headOf(source))
      if (key !== undefined) memo?.next.set(`${script}:${key}`, twin)
      heads.set(source, twin)
      return twin
    }
    const headline = (source: ArticleRecord): string => {
      const known = source.script === script ? record(source) : (heads.get(source) ?? recent.get(source))
      if (known) return headlineOf(known)
      // Only the headline: the search index asks this of every article, most of whose heads this thread never needs.
      const text = headlineOf(source)
      return showable(script === 'hant' ? converters.toHant(text) : converters.toHans(text)).replace(hidden, '')
    }
    return { lang, script, prefix, convert, record, head, headline }
  }
  return [make('zh-Hans', 'hans', '', (text) => text), make('zh-Hant', 'hant', 'zh-hant/', remembered(converters.toHant))]
}

function headlineOf(record: ArticleRecord): string {
  return record.headline ?? record.subheadline ?? record.kicker ?? ''
}

// Labels, dates, page numbers, tag and author names are converted on every page that shows them:
// each distinct short text is converted once. Article text is long and converted once per record anyway.
const shortText = 32
const rememberedTexts = 50_000

/** `convert`, remembering its results for short texts. */
function remembered(convert: (text: string) => string): (text: string) => string {
  const results = new Map<string, string>()
  return (text) => {
    if (text.length > shortText) return convert(text)
    let result = results.get(text)
    if (result === undefined) {
      result = convert(text)
      if (results.size < rememberedTexts) results.set(text, result)
    }
    return result
  }
}

// What pages may show of a record's text. The record keeps every character the source had (the
// parser warns about them); a page drops the ones HTML and XML forbid, and the ones that could
// reorder or hide text where it matters most.

// C0 and C1 controls but tab, line feed and carriage return (HTML and XML 1.0 forbid the rest),
// and the bidi embeddings, overrides and isolates that can run text backwards (U+202A–202E, U+2066–2069).
const unshowable = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu
// Zero-width characters hide text inside a headline; in body text they are left to the reader's browser.
const hidden = /[\u200B-\u200D\u2060\uFEFF]/gu

/** Text as a page may show it. */
export function showable(text: string): string {
  return text.replace(unshowable, '')
}

/** Every reader-visible text of a record, the fields `convertRecord` converts. */
function* textsOf(record: ArticleRecord): Generator<string> {
  for (const text of [record.headline, record.kicker, record.subheadline, record.dateline?.text ?? null]) if (text !== null) yield text
  for (const byline of record.bylines) yield* [byline.role ?? '', byline.text, ...byline.names]
  for (const marker of record.continuationMarkers) yield marker.text
  for (const section of record.sections) yield* [section.heading ?? '', ...section.paragraphs]
  yield* record.tags
}

const hasUnshowable = new RegExp(unshowable.source, 'u')
const hasHidden = new RegExp(hidden.source, 'u')

/** The record as pages show it: the same object when there is nothing to drop (the usual case). */
export function displayRecord(record: ArticleRecord): ArticleRecord {
  const needsHead = [record.headline, record.kicker, record.subheadline].some((text) => text !== null && hasHidden.test(text))
  // Field by field, with no copy of the record: this runs for every record of every build.
  let needsAll = false
  for (const text of textsOf(record)) {
    if (hasUnshowable.test(text)) {
      needsAll = true
      break
    }
  }
  if (!needsHead && !needsAll) return record
  const shown = convertRecord(record, showable)
  const head = (text: string | null) => (text === null ? null : text.replace(hidden, ''))
  return { ...shown, headline: head(shown.headline), kicker: head(shown.kicker), subheadline: head(shown.subheadline) }
}

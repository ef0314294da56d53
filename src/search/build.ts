// The search index: static files a browser queries without a server (see README.md).
import type { ArticleRecord } from '../types.ts'
import type { Variant } from '../variants/record.ts'
import { createFolder, FIELD, FORMAT, scanTerms, shardOf, TAG_TERM } from '../../public/search-core.js'
import { foldPairs } from './fold.ts'
import { InvertedIndex } from './postings.ts'

export interface SearchIndexOptions {
  /** The site's variants (zh-Hans and zh-Hant): each article's text and link in the reader's script. */
  variants: readonly Variant[]
  /** An article page's path relative to the site root, without the variant prefix, e.g. `2019/12/10/2-1/`. */
  articlePath: (record: ArticleRecord) => string
  /** Folder of the index in the output, ending in `/`. */
  directory?: string
  /** Aimed-at size of one shard file; a query fetches one per distinct term. */
  shardBytes?: number
}

export interface SearchIndexFile {
  /** Relative to the output folder. */
  path: string
  contents: string | Uint8Array
}

export interface SearchIndex {
  files: SearchIndexFile[]
  stats: { bytes: number; documents: number; terms: number; shards: number }
}

/** Build the search files for `articleRecords`: meta.json, shards/N.bin and text/<lang>/<doc>.json. */
export function buildSearchIndex(articleRecords: readonly ArticleRecord[], options: SearchIndexOptions): SearchIndex {
  const directory = options.directory ?? 'search/'
  const pairs = foldPairs()
  const fold = createFolder(pairs)
  // Document numbers follow publication order, so a year is a range of numbers.
  const records = [...articleRecords].sort(
    (a, b) => compare(a.issueDate, b.issueDate) || a.page - b.page || a.position - b.position || compare(a.id, b.id),
  )
  const index = new InvertedIndex()
  const files: SearchIndexFile[] = []
  const years: [number, number, number][] = []
  const tags = new Map<string, [string, string, string, number]>()
  const [hansVariant, hantVariant] = [variantOf(options.variants, 'hans'), variantOf(options.variants, 'hant')]

  records.forEach((record, doc) => {
    indexRecord(index, doc, record, fold)
    const year = Number(record.issueDate.slice(0, 4))
    const last = years.at(-1)
    if (last?.[0] === year) last[2] = doc
    else years.push([year, doc, doc])
    const hansTags = hansVariant.record(record).tags
    const hantTags = hantVariant.record(record).tags
    hansTags.forEach((tag, i) => {
      const key = fold(tag)
      const entry = tags.get(key) ?? [key, tag, hantTags[i] ?? tag, 0]
      entry[3]++
      tags.set(key, entry)
    })
    for (const variant of options.variants) {
      const twin = variant.record(record)
      files.push({ path: `${directory}text/${variant.lang.toLowerCase()}/${doc}.json`, contents: JSON.stringify(documentOf(twin, variant.prefix + options.articlePath(record))) })
    }
  })

  const shards = index.shards(options.shardBytes ?? 32 * 1024, shardOf)
  shards.forEach((contents, shard) => files.push({ path: `${directory}shards/${shard}.bin`, contents }))
  const meta = { format: FORMAT, documents: records.length, shards: shards.length, fold: pairs, years, tags: [...tags.values()] }
  files.push({ path: `${directory}meta.json`, contents: JSON.stringify(meta) })

  let bytes = 0
  for (const file of files) bytes += typeof file.contents === 'string' ? Buffer.byteLength(file.contents) : file.contents.length
  return { files, stats: { bytes, documents: records.length, terms: index.termCount, shards: shards.length } }
}

// Every field a reader might search, with the flag that ranks a hit in it. The dateline is
// not listed: it opens the first paragraph.
function indexRecord(index: InvertedIndex, doc: number, record: ArticleRecord, fold: (text: string) => string) {
  const add = (text: string | null, flags: number) => {
    if (!text) return
    const count = flags === 0 ? 1 : 0
    scanTerms(
      fold(text),
      (code, previous) => index.noteHan(doc, code, previous, flags, count),
      (word) => index.noteWord(doc, word, flags, count),
    )
  }
  add(record.headline, FIELD.title)
  add(record.kicker, FIELD.title)
  add(record.subheadline, FIELD.title)
  for (const byline of record.bylines) for (const name of byline.names) add(name, FIELD.byline)
  for (const tag of record.tags) {
    add(tag, FIELD.tag)
    index.noteWord(doc, TAG_TERM + fold(tag), 0, 0)
  }
  for (const section of record.sections) {
    add(section.heading, FIELD.heading)
    for (const paragraph of section.paragraphs) add(paragraph, 0)
  }
}

function documentOf(record: ArticleRecord, path: string) {
  const lines = [
    ...record.bylines.map((byline) => byline.text),
    ...record.sections.flatMap((section) => (section.heading ? [section.heading, ...section.paragraphs] : section.paragraphs)),
  ]
  return { u: path, h: record.headline ?? record.subheadline ?? record.kicker ?? '', d: record.issueDate, t: lines.join('\n') }
}

function variantOf(variants: readonly Variant[], script: Variant['script']): Variant {
  const variant = variants.find((candidate) => candidate.script === script)
  if (!variant) throw new Error(`buildSearchIndex needs a ${script} variant`)
  return variant
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// The search index: static files a browser queries without a server (see README.md).
import { matchContinuations } from '../continuations.ts'
import type { ArticleRecord } from '../types.ts'
import type { Variant } from '../variants/record.ts'
import { createFolder, DOC_CHUNK, FIELD, FORMAT, scanTerms, shardOf, TAG_TERM } from '../../public/search-core.js'
import { foldPairs } from './fold.ts'
import { InvertedIndex } from './postings.ts'

export interface SearchIndexOptions {
  /** The site's variants (zh-Hans and zh-Hant): each article's headline and link in the reader's script. */
  variants: readonly Variant[]
  /** An article page's path relative to the site root, without the variant prefix, e.g. `2019/12/10/2-1/`. */
  articlePath: (record: ArticleRecord) => string
  /** The article's tags as the site lists them, in Simplified (default: its front matter tags in Simplified). */
  tags?: (record: ArticleRecord) => string[]
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

/** Build the search files for `articleRecords`, one document per story (see src/continuations.ts): meta.json, shards/N.bin and docs/<lang>/<chunk>.json. */
export function buildSearchIndex(articleRecords: readonly ArticleRecord[], options: SearchIndexOptions): SearchIndex {
  const directory = options.directory ?? 'search/'
  const pairs = foldPairs()
  const fold = createFolder(pairs)
  // A story told across pages is one document, under its first part (whose page shows it whole).
  const { storyByArticleId } = matchContinuations([...articleRecords])
  const partsOf = (record: ArticleRecord) => storyByArticleId.get(record.id)?.parts ?? [record]
  // Document numbers follow publication order, so a year is a range of numbers.
  const records = articleRecords.filter((record) => partsOf(record)[0] === record).sort(
    (a, b) => compare(a.issueDate, b.issueDate) || a.page - b.page || a.position - b.position || compare(a.id, b.id),
  )
  const index = new InvertedIndex()
  const files: SearchIndexFile[] = []
  const years: [number, number, number][] = []
  const tags = new Map<string, [string, string, string, number]>()
  const hansVariant = variantOf(options.variants, 'hans')
  const hantVariant = variantOf(options.variants, 'hant')
  const tagsOf = options.tags ?? ((record: ArticleRecord) => hansVariant.record(record).tags)
  // Headline, date and link of each document, per script, in chunks of DOC_CHUNK documents: a
  // result list fetches a few small chunks; the excerpt comes from the article page itself.
  const chunks = new Map<Variant, [string, string, string][]>(options.variants.map((variant) => [variant, []]))

  records.forEach((record, doc) => {
    const parts = partsOf(record)
    const recordTags = [...new Set(parts.flatMap(tagsOf))]
    indexStory(index, doc, parts, recordTags, fold)
    const year = Number(record.issueDate.slice(0, 4))
    const last = years.at(-1)
    if (last?.[0] === year) last[2] = doc
    else years.push([year, doc, doc])
    for (const tag of recordTags) {
      const key = fold(tag)
      const entry = tags.get(key) ?? [key, tag, hantVariant.convert(tag), 0]
      entry[3]++
      tags.set(key, entry)
    }
    for (const variant of options.variants) {
      chunks.get(variant)!.push([variant.prefix + options.articlePath(record), variant.headline(record), record.issueDate])
    }
  })

  const shards = index.shards(options.shardBytes ?? 32 * 1024, shardOf)
  shards.forEach((contents, shard) => files.push({ path: `${directory}shards/${shard}.bin`, contents }))
  for (const [variant, documents] of chunks) {
    for (let first = 0; first < documents.length; first += DOC_CHUNK) {
      files.push({ path: `${directory}docs/${variant.lang.toLowerCase()}/${first / DOC_CHUNK}.json`, contents: JSON.stringify(documents.slice(first, first + DOC_CHUNK)) })
    }
  }
  const meta = { format: FORMAT, documents: records.length, shards: shards.length, fold: pairs, years, tags: [...tags.values()] }
  files.push({ path: `${directory}meta.json`, contents: JSON.stringify(meta) })

  let bytes = 0
  for (const file of files) bytes += typeof file.contents === 'string' ? Buffer.byteLength(file.contents) : file.contents.length
  return { files, stats: { bytes, documents: records.length, terms: index.termCount, shards: shards.length } }
}

// Every field a reader might search, in every part of the story, with the flag that ranks a hit in
// it. The dateline is not listed: it opens the first paragraph.
function indexStory(index: InvertedIndex, doc: number, parts: readonly ArticleRecord[], tags: string[], fold: (text: string) => string) {
  const add = (text: string | null, flags: number) => {
    if (!text) return
    const count = flags === 0 ? 1 : 0
    scanTerms(
      fold(text),
      (code, previous) => index.noteHan(doc, code, previous, flags, count),
      (word) => index.noteWord(doc, word, flags, count),
    )
  }
  for (const tag of new Set(tags.map(fold))) {
    add(tag, FIELD.tag)
    index.noteWord(doc, TAG_TERM + tag, 0, 0)
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
}

function variantOf(variants: readonly Variant[], script: Variant['script']): Variant {
  const variant = variants.find((candidate) => candidate.script === script)
  if (!variant) throw new Error(`buildSearchIndex needs a ${script} variant`)
  return variant
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

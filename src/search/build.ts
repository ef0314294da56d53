// The search index: static files a browser queries without a server (see README.md).
import { matchContinuations } from '../continuations.ts'
import type { ArticleRecord } from '../types.ts'
import type { Variant } from '../variants/record.ts'
import { createFolder, DOC_CHUNK, FORMAT } from '../../public/search-core.js'
import { foldPairs } from './fold.ts'
import { updateShards } from './patch.ts'
import type { ShardSet } from './postings.ts'
import { StoryScanner, TermDictionary, type StoryTerms } from './terms.ts'

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
  /** What the last build made, kept for the next one (by a long-lived builder). */
  memory?: SearchMemory
  /**
   * A digest of what a record holds and of the settings that convert it to the other script: a
   * story whose parts and tags are as in the last build with `memory` is not read again.
   */
  recordKey?: (record: ArticleRecord) => string | undefined
}

export interface SearchIndexFile {
  /** Relative to the output folder. */
  path: string
  contents: string | Uint8Array
}

export interface SearchIndex {
  files: SearchIndexFile[]
  stats: {
    bytes: number
    documents: number
    terms: number
    shards: number
    /** Stories whose terms were read from their text in this build (the others were remembered). */
    scannedStories: number
    /** Shard files made in this build (the others are the last build's). */
    serializedShards: number
  }
}

/** What a build keeps of a story: its terms, and its headline per variant (as listed in the docs files). */
interface RememberedStory {
  terms: StoryTerms
  titles: string[]
}

/** What the search index keeps between builds: every story's terms by its key, and the last shard files. */
export class SearchMemory {
  readonly dictionary = new TermDictionary()
  readonly scanner = new StoryScanner(this.dictionary)
  stories = new Map<string, RememberedStory>()
  shards: ShardSet | null = null
  /** The writer's digests of the shard files: a shard kept from the last build is the same object. */
  readonly fileDigests = new WeakMap<Uint8Array, string>()
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
  const memory = options.memory ?? new SearchMemory()
  const stories = new Map<string, RememberedStory>()
  let scannedStories = 0
  const docs: StoryTerms[] = []
  const files: SearchIndexFile[] = []
  const years: [number, number, number][] = []
  const tags = new Map<string, [string, string, string, number]>()
  const hansVariant = variantOf(options.variants, 'hans')
  const hantVariant = variantOf(options.variants, 'hant')
  const tagsOf = options.tags ?? ((record: ArticleRecord) => hansVariant.record(record).tags)
  // Headline, date and link of each document, per script, in chunks of DOC_CHUNK documents: a
  // result list fetches a few small chunks; the excerpt comes from the article page itself.
  const chunks = new Map<Variant, [string, string, string][]>(options.variants.map((variant) => [variant, []]))

  // Tags recur across the archive: fold each once.
  const foldedTags = new Map<string, string>()
  const foldTag = (tag: string) => foldedTags.get(tag) ?? foldedTags.set(tag, fold(tag)).get(tag)!

  records.forEach((record, doc) => {
    const parts = partsOf(record)
    const recordTags = [...new Set(parts.flatMap(tagsOf))]
    const partKeys = options.recordKey ? parts.map(options.recordKey) : []
    const key = partKeys.length > 0 && partKeys.every((part) => part !== undefined) ? `${partKeys.join('\0')}\0\0${recordTags.join('\0')}` : undefined
    let story = key === undefined ? undefined : (stories.get(key) ?? memory.stories.get(key))
    if (!story) {
      story = {
        terms: memory.scanner.scan(parts, recordTags, fold),
        titles: options.variants.map((variant) => variant.headline(record)),
      }
      scannedStories++
    }
    if (key !== undefined) stories.set(key, story)
    docs.push(story.terms)
    const year = Number(record.issueDate.slice(0, 4))
    const last = years.at(-1)
    if (last?.[0] === year) last[2] = doc
    else years.push([year, doc, doc])
    for (const tag of recordTags) {
      const key = foldTag(tag)
      const entry = tags.get(key) ?? [key, tag, hantVariant.convert(tag), 0]
      entry[3]++
      tags.set(key, entry)
    }
    const path = options.articlePath(record)
    options.variants.forEach((variant, at) => chunks.get(variant)!.push([variant.prefix + path, story.titles[at]!, record.issueDate]))
  })

  memory.stories = stories
  // A failure while patching leaves the last shards half made: forget them first.
  const previous = memory.shards
  memory.shards = null
  const shardSet = updateShards(previous, memory.dictionary, docs, options.shardBytes ?? 32 * 1024)
  memory.shards = shardSet
  const { shards } = shardSet
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
  return {
    files,
    stats: { bytes, documents: records.length, terms: shardSet.termCount, shards: shards.length, scannedStories, serializedShards: shardSet.serialized },
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

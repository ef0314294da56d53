// The search index: static files a browser queries without a server (see README.md).
import type { ArticleRecord } from '../types.ts'
import type { Variant } from '../variants/record.ts'
import { createFolder, DOC_CHUNK, FORMAT } from '../../public/search-core.js'
import { foldPairs } from './fold.ts'
import { updateShards } from './patch.ts'
import { ShardAssembler, type ShardSet } from './postings.ts'
import { allDocuments, patchedDocuments, type DocumentMaker, type DocumentsMemory, type IndexedDocument, type RememberedStory } from './documents.ts'
import { TermStream } from './term-stream.ts'
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
   * Keep each story's terms compact from its scan until the shards are written (about 2 bytes a term
   * rather than 5), which only an index without `memory` can do. It is slower (at 10,000 articles,
   * 2.0–2.1 s against 1.6 s), so by default only an index of more than 30,000 articles does it, where
   * the terms would be hundreds of megabytes at the peak of a large build.
   */
  compactTerms?: boolean
  /**
   * A digest of what a record holds and of the settings that convert it to the other script: a
   * story whose parts and tags are as in the last build with `memory` is not read again.
   */
  recordKey?: (record: ArticleRecord) => string | undefined
  /**
   * Only records were replaced since the last build with `memory` (same ids, dates and places, the
   * other articles' links and tags as they were): the documents of the others are taken as they were.
   */
  onlyReplaced?: boolean
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

/** What the search index keeps between builds: every story's terms by its key, the last documents and files. */
export class SearchMemory {
  readonly scanner: StoryScanner
  stories = new Map<string, RememberedStory>()
  /** Terms in the last index made: the dictionary also holds those of texts since edited away. */
  termsInUse = 0
  documents: DocumentsMemory | null = null
  shards: ShardSet | null = null
  /** The last docs files by path: a file that comes out the same keeps its bytes object. */
  docsFiles = new Map<string, { json: string; bytes: Uint8Array }>()
  /** The writer's digests of the shard files: a shard kept from the last build is the same object. */
  readonly fileDigests = new WeakMap<Uint8Array, string>()

  constructor(readonly dictionary = new TermDictionary()) {
    this.scanner = new StoryScanner(dictionary)
  }

  /** Let go of the stories, documents and files (a one-shot build's, once its terms are stored): the dictionary stays. */
  forget(): void {
    this.stories = new Map()
    this.documents = null
    this.shards = null
    this.docsFiles = new Map()
  }

  /** No index was made with this memory yet, and no story is known. */
  get isEmpty(): boolean {
    return this.documents === null && this.stories.size === 0
  }
}

/** Articles above which an index without memory keeps its terms compact (see `compactTerms`). */
export const compactTermsAbove = 30_000

/** Build the search files for `articleRecords`, one document per story (see src/continuations.ts): meta.json, shards/N.bin and docs/<lang>/<chunk>.json. */
export function buildSearchIndex(articleRecords: readonly ArticleRecord[], options: SearchIndexOptions): SearchIndex {
  const directory = options.directory ?? 'search/'
  const pairs = foldPairs()
  const fold = createFolder(pairs)
  const memory = options.memory ?? new SearchMemory()
  // Without a memory to keep them in, nothing patches these shards later: each story's terms are
  // counted as scanned and kept compact until the shards are written, not as StoryTerms (at
  // 100,000 articles, 375 MB live beside the shards at the build's peak).
  const compact = options.memory === undefined && (options.compactTerms ?? articleRecords.length > compactTermsAbove)
  const stream = compact ? { assembler: new ShardAssembler(), terms: new TermStream() } : null
  const hansVariant = variantOf(options.variants, 'hans')
  const hantVariant = variantOf(options.variants, 'hant')
  let scannedStories = 0
  const maker: DocumentMaker = {
    tagsOf: options.tags ?? ((record: ArticleRecord) => hansVariant.record(record).tags),
    articlePath: options.articlePath,
    // Keys find a story in the memory of a next build: a one-shot build makes none.
    recordKey: stream ? undefined : options.recordKey,
    story: (key, parts, tags, head) => {
      const known = key === undefined ? undefined : memory.stories.get(key)
      if (known) return known
      scannedStories++
      const titles = options.variants.map((variant) => variant.headline(head))
      const terms = memory.scanner.scan(parts, tags, fold)
      if (stream === null) return { terms, titles }
      // Stories are made in document order (see allDocuments): counted and kept compact now.
      stream.assembler.add(terms)
      stream.terms.append(terms, (term) => stream.assembler.localOf(term))
      return { terms: noTerms, titles }
    },
  }
  const last = memory.documents
  // A failure from here on leaves the memory half made: forget it first.
  memory.documents = null
  const patched = options.onlyReplaced && last ? patchedDocuments(last, articleRecords, maker) : null
  const made = patched?.memory ?? allDocuments(articleRecords, maker)
  const { documents } = made
  if (patched && last) {
    for (const number of patched.changed) {
      const before = last.documents[number]?.key
      if (before !== undefined) memory.stories.delete(before)
    }
  } else memory.stories = new Map()
  for (const number of patched?.changed ?? documents.keys()) {
    const { key, story } = documents[number] as IndexedDocument
    if (key !== undefined) memory.stories.set(key, story)
  }

  const years: [number, number, number][] = []
  const tags = new Map<string, [string, string, string, number]>()
  // Tags recur across the archive: fold each once.
  const foldedTags = new Map<string, string>()
  const foldTag = (tag: string) => foldedTags.get(tag) ?? foldedTags.set(tag, fold(tag)).get(tag)!
  documents.forEach((document, number) => {
    const year = Number((document.parts[0] as ArticleRecord).issueDate.slice(0, 4))
    const lastYear = years.at(-1)
    if (lastYear?.[0] === year) lastYear[2] = number
    else years.push([year, number, number])
    for (const tag of document.tags) {
      const key = foldTag(tag)
      const entry = tags.get(key) ?? [key, tag, hantVariant.convert(tag), 0]
      entry[3]++
      tags.set(key, entry)
    }
  })

  const shardBytes = options.shardBytes ?? 32 * 1024
  let shardSet: Pick<ShardSet, 'shards' | 'termCount' | 'serialized'>
  if (stream) {
    const made = stream.assembler.finish(memory.dictionary, shardBytes, stream.terms.replay, { oneBuffer: true })
    shardSet = { ...made, serialized: made.shards.length }
  } else {
    const previous = memory.shards
    memory.shards = null
    shardSet = memory.shards = updateShards(previous, memory.dictionary, documents.map((document) => document.story.terms), shardBytes)
  }
  const { shards } = shardSet
  memory.termsInUse = shardSet.termCount
  const files: SearchIndexFile[] = []
  shards.forEach((contents, shard) => files.push({ path: `${directory}shards/${shard}.bin`, contents }))
  // Headline, date and link of each document, per script, in chunks of DOC_CHUNK documents: a
  // result list fetches a few small chunks; the excerpt comes from the article page itself.
  const changedChunks = patched ? new Set(patched.changed.map((number) => Math.floor(number / DOC_CHUNK))) : null
  const docsFiles = new Map<string, { json: string; bytes: Uint8Array }>()
  options.variants.forEach((variant, at) => {
    for (let first = 0; first < documents.length; first += DOC_CHUNK) {
      const path = `${directory}docs/${variant.lang.toLowerCase()}/${first / DOC_CHUNK}.json`
      let file = memory.docsFiles.get(path)
      if (file === undefined || changedChunks === null || changedChunks.has(first / DOC_CHUNK)) {
        const json = JSON.stringify(documents.slice(first, first + DOC_CHUNK).map((document) => [variant.prefix + document.path, document.story.titles[at], (document.parts[0] as ArticleRecord).issueDate]))
        if (file?.json !== json) file = { json, bytes: Buffer.from(json) }
      }
      docsFiles.set(path, file)
      files.push({ path, contents: file.bytes })
    }
  })
  memory.docsFiles = docsFiles
  const meta = { format: FORMAT, documents: documents.length, shards: shards.length, fold: pairs, years, tags: [...tags.values()] }
  files.push({ path: `${directory}meta.json`, contents: JSON.stringify(meta) })
  memory.documents = made

  let bytes = 0
  for (const file of files) bytes += typeof file.contents === 'string' ? Buffer.byteLength(file.contents) : file.contents.length
  return {
    files,
    stats: { bytes, documents: documents.length, terms: shardSet.termCount, shards: shards.length, scannedStories, serializedShards: shardSet.serialized },
  }
}

// A streamed story's terms are in the TermStream, not on its document.
const noTerms: StoryTerms = { terms: new Int32Array(0), bytes: new Uint8Array(0) }

function variantOf(variants: readonly Variant[], script: Variant['script']): Variant {
  const variant = variants.find((candidate) => candidate.script === script)
  if (!variant) throw new Error(`buildSearchIndex needs a ${script} variant`)
  return variant
}

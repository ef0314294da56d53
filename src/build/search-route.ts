// The search index as one route of the build: a fingerprint over every article it covers, and its
// files (made only when the fingerprint changed).
import { buildSearchIndex, type SearchMemory } from '../search/build.ts'
import { articleUrl, type ArticleEntry, type Route } from '../site/index.ts'
import type { ArticleRecord } from '../types.ts'
import type { Variant } from '../variants/record.ts'
import { digest } from './fingerprint.ts'
import { pageFile, type PageFile } from './page-files.ts'

export interface SearchRouteInput {
  settingsKey: string
  articleRecords: readonly ArticleRecord[]
  routes: readonly Route[]
  recordDigests: ReadonlyMap<ArticleRecord, string>
  variants: readonly Variant[]
  memory: SearchMemory | undefined
  /** The fingerprint the index was last made with, if any. */
  lastFingerprint: string | undefined
  /** The records that replaced others since the last build, when nothing else changed; null otherwise. */
  replacedRecords: readonly ArticleRecord[] | null
}

export interface SearchRoute {
  fingerprint: string
  /** The index's files, with what making them took. */
  make(): { files: PageFile[]; scannedStories: number; serializedShards: number }
}

/** The search route of a build: the index covers every article, so it changes when any of them or their links do. */
export function searchRoute(input: SearchRouteInput): SearchRoute {
  const entriesByRecord = new Map<ArticleRecord, ArticleEntry>()
  for (const route of input.routes) if (route.kind === 'article') entriesByRecord.set(route.entry.record, route.entry)
  const fingerprintInput = (record: ArticleRecord) => {
    const entry = entriesByRecord.get(record)
    return [input.recordDigests.get(record), entry?.url, entry?.tags.map((tag) => tag.name)]
  }
  const { lastFingerprint, replacedRecords } = input
  // When only records were replaced, the last fingerprint and the replacements make the new one (a
  // history rather than a state: a build from scratch finds it changed and makes the index again).
  const fingerprint =
    replacedRecords !== null && lastFingerprint !== undefined
      ? replacedRecords.length === 0
        ? lastFingerprint
        : digest(lastFingerprint, JSON.stringify(replacedRecords.map(fingerprintInput)))
      : digest(input.settingsKey, JSON.stringify(input.articleRecords.map(fingerprintInput)))
  return {
    fingerprint,
    make() {
      const index = buildSearchIndex(input.articleRecords, {
        variants: input.variants,
        articlePath: (record) => entriesByRecord.get(record)?.url ?? articleUrl(record),
        tags: (record) => entriesByRecord.get(record)?.tags.map((tag) => tag.name) ?? record.tags,
        memory: input.memory,
        onlyReplaced: replacedRecords !== null,
        // The settings say how a record is converted: its headline in the docs files.
        recordKey: (record) => {
          const recordDigest = input.recordDigests.get(record)
          return recordDigest && `${input.settingsKey}:${recordDigest}`
        },
      })
      // A file the index kept from the last build is the same object: its digest is known.
      const fileDigests = input.memory?.fileDigests ?? new WeakMap<Uint8Array, string>()
      const files = index.files.map((file) => {
        if (typeof file.contents === 'string') return pageFile(file.path, file.contents)
        let known = fileDigests.get(file.contents)
        if (known === undefined) fileDigests.set(file.contents, (known = digest(file.contents)))
        return { path: file.path, bytes: file.contents, digest: known }
      })
      return { files, scannedStories: index.stats.scannedStories, serializedShards: index.stats.serializedShards }
    },
  }
}

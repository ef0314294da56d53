// What a build remembers for the next one: each page's fingerprint and files, and the two trees.
import path from 'node:path'
import type { ParseCache, ParseCacheEntry } from '../parse-cache.ts'
import { readCache, readCacheParts, writeCache, writeCacheParts } from './cache-file.ts'
import { digest } from './fingerprint.ts'
import type { SourceStamps } from '../load.ts'
import type { TreesState } from './site-trees.ts'

/** A rendered page as remembered: what it was made from, and the files it gave. */
export interface RememberedRoute {
  fingerprint: string
  outputs: [path: string, digest: string, bytes: number][]
}

export interface BuildState {
  routes: Map<string, RememberedRoute>
  trees: TreesState | undefined
  /** The last complete build: a digest of all its inputs, its report and its counts. */
  last: { inputKey: string; report: string; articles: number; pages: number } | undefined
  /** The sources as last looked at: a source whose stamp holds is not read again. */
  sources?: SourceStamps
}

const parseFile = 'parse.v8'
// One state file per output folder, so builds into different folders keep theirs.
const stateFile = (outDir: string) => `site-${digest(outDir).slice(0, 12)}.v8`

/** The parse cache in `cacheDir`, valid for code `codeKey`; empty when absent or not whole. */
export async function readParseCache(cacheDir: string, codeKey: string): Promise<ParseCache> {
  const parts = (await readCacheParts(path.join(cacheDir, parseFile), codeKey)) as [string, ParseCacheEntry][][] | undefined
  return new Map(parts?.flat())
}

export async function writeParseCache(cacheDir: string, codeKey: string, cache: ParseCache): Promise<void> {
  await writeCacheParts(path.join(cacheDir, parseFile), codeKey, chunks(cache, parseEntriesAPart))
}

/** The build state for output `outDir`, valid for code `codeKey`; empty when absent, stale or not whole. */
export async function readBuildState(cacheDir: string, outDir: string, codeKey: string): Promise<BuildState> {
  return (await readCache<BuildState>(path.join(cacheDir, stateFile(outDir)), codeKey)) ?? { routes: new Map(), trees: undefined, last: undefined }
}

export async function writeBuildState(cacheDir: string, outDir: string, codeKey: string, state: BuildState): Promise<void> {
  await writeCache(path.join(cacheDir, stateFile(outDir)), codeKey, state)
}

// Parsed pages serialized at once: a few megabytes at a time, whatever the archive's size.
const parseEntriesAPart = 500

function* chunks<K, V>(map: ReadonlyMap<K, V>, size: number): Generator<[K, V][]> {
  let chunk: [K, V][] = []
  for (const entry of map) {
    chunk.push(entry)
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk
}

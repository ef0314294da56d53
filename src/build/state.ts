// What a build remembers for the next one: each page's fingerprint and files, and the two trees.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ParseCache, ParseCacheEntry } from '../parse-cache.ts'
import type { StoredTags } from '../site/tags.ts'
import { entriesPerPart, readCacheParts, readCachePartsLazily, ReadBuffer, writeCacheParts, writeHeadAndMaps } from './cache-file.ts'
import { digest } from './fingerprint.ts'
import type { SourceStamps } from '../scan.ts'
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

// The parse cache is kept in shards by key (keys are hex digests), so that a rebuild after an edit
// rewrites the one or two shards whose keys changed, not the whole archive's parses.
const parseDir = 'parse'
const shardOf = (key: string) => key.slice(0, 2)
// One state file per output folder, so builds into different folders keep theirs.
const stateFile = (outDir: string) => `site-${digest(outDir).slice(0, 12)}.v8`
const changingFile = (outDir: string) => `site-${digest(outDir).slice(0, 12)}.changing`

/** A parse cache as stored: the entries, and each shard's keys as last read or written (shard → keys joined). */
export interface StoredParseCache {
  cache: ParseCache
  shardKeys: Map<string, string>
}

/** The parse cache in `cacheDir`, valid for code `codeKey`; a shard that is absent or not whole is left out. */
export async function readParseCache(cacheDir: string, codeKey: string): Promise<StoredParseCache> {
  const dir = path.join(cacheDir, parseDir)
  const names = await readdir(dir).catch(() => [] as string[])
  const cache: ParseCache = new Map()
  const shardKeys = new Map<string, string>()
  const buffer = new ReadBuffer()
  for (const name of names.filter((candidate) => candidate.endsWith('.v8'))) {
    const parts = (await readCacheParts(path.join(dir, name), codeKey, buffer)) as [string, ParseCacheEntry][][] | undefined
    if (!parts) continue
    const entries = parts.flat()
    for (const [key, entry] of entries) cache.set(key, entry)
    shardKeys.set(name.slice(0, -3), signature(entries.map(([key]) => key)))
  }
  return { cache, shardKeys }
}

/** Write the shards of `cache` whose keys differ from `written` (what is on disk), and remove emptied ones; resolves to what is on disk now. */
export async function writeParseCache(cacheDir: string, codeKey: string, cache: ParseCache, written: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const dir = path.join(cacheDir, parseDir)
  const byShard = new Map<string, [string, ParseCacheEntry][]>()
  for (const entry of cache) {
    const shard = shardOf(entry[0])
    let entries = byShard.get(shard)
    if (!entries) byShard.set(shard, (entries = []))
    entries.push(entry)
  }
  const now = new Map<string, string>()
  for (const [shard, entries] of byShard) {
    const keys = signature(entries.map(([key]) => key))
    now.set(shard, keys)
    if (written.get(shard) !== keys) await writeCacheParts(path.join(dir, `${shard}.v8`), codeKey, [entries])
  }
  for (const shard of written.keys()) if (!now.has(shard)) await rm(path.join(dir, `${shard}.v8`), { force: true })
  return now
}

// Tags of every record, by a key of its content, for the last vocabulary that tagged anew (in any output folder).
const tagsFile = 'tags.v8'

/** The tags a build stored for code `codeKey`; undefined when absent, stale or not whole. */
export async function readStoredTags(cacheDir: string, codeKey: string): Promise<StoredTags | undefined> {
  const parts = (await readCacheParts(path.join(cacheDir, tagsFile), codeKey)) as [string, ...[string, readonly string[]][][]] | undefined
  if (parts === undefined || parts.length === 0) return undefined
  const [signature, ...entries] = parts
  return { signature, byKey: new Map(entries.flat()) }
}

/** Store `tags` for a build in another process. */
export async function writeStoredTags(cacheDir: string, codeKey: string, tags: StoredTags): Promise<void> {
  await writeHeadAndMaps(path.join(cacheDir, tagsFile), codeKey, tags.signature, [tags.byKey])
}

/** A shard's keys in a form to compare: the entry of a key never changes (it is a digest of the source and the code keys the file). */
function signature(keys: string[]): string {
  return keys.sort().join(' ')
}

/** The build state for output `outDir`, valid for code `codeKey`; empty when absent, stale or not whole. */
export async function readBuildState(cacheDir: string, outDir: string, codeKey: string): Promise<BuildState> {
  const none: BuildState = { routes: new Map(), trees: undefined, last: undefined }
  const parts = await readCachePartsLazily(path.join(cacheDir, stateFile(outDir)), codeKey)
  if (parts === undefined || parts.length === 0) return none
  const stored = deserializedOr(parts[0]!, null) as StoredHead | null
  if (stored?.parts === undefined || parts.length !== 1 + (stored.parts.a ?? 0) + (stored.parts.b ?? 0) + stored.parts.routes) return none
  const { parts: counts, trees: storedTrees, ...rest } = stored
  let rests = parts.slice(1)
  const next = (count: number) => rests.splice(0, count)
  const treeFiles = (count: number | null) => (count === null ? null : deserializedOr(() => mapOf<string, string>(next(count)), undefined))
  const a = treeFiles(counts.a)
  const b = treeFiles(counts.b)
  if (a === undefined || b === undefined) return none
  let head: Omit<BuildState, 'routes'> = { ...rest, trees: storedTrees && { live: storedTrees.live, files: { a, b } } }
  const changing = await readFile(path.join(cacheDir, changingFile(outDir)), 'utf8').catch(() => null)
  if ((changing === 'a' || changing === 'b') && head.trees) head = { ...head, trees: { ...head.trees, files: { ...head.trees.files, [changing]: null } }, last: undefined }
  // The routes (every page's fingerprint and files, most of the state) are deserialized when first
  // used: a build that finds nothing changed never uses them, and saves a third of its time.
  let routes: BuildState['routes'] | undefined
  return Object.defineProperty({ ...head }, 'routes', {
    enumerable: true,
    get: () => {
      if (routes === undefined) {
        // Routes that cannot be read are none: every page is rendered again.
        routes = deserializedOr(() => mapOf<string, RememberedRoute>(rests), new Map())
        // The parts hold the file's bytes (68 MB at 100,000 articles): let them go.
        rests = []
      }
      return routes
    },
  }) as BuildState
}

/** The state's first part: all but the maps, and how many parts after it hold each map. */
interface StoredHead extends Omit<BuildState, 'routes' | 'trees'> {
  trees: { live: 'a' | 'b' } | undefined
  /** Null for a tree whose files are not known. */
  parts: { a: number | null; b: number | null; routes: number }
}

const partCount = (map: ReadonlyMap<unknown, unknown>) => Math.ceil(map.size / entriesPerPart)

/** The map whose entries `parts` deserialize to, in order. */
function mapOf<K, V>(parts: (() => unknown)[]): Map<K, V> {
  const map = new Map<K, V>()
  for (const read of parts) for (const [key, value] of read() as [K, V][]) map.set(key, value)
  return map
}

/** A cache part as `read` deserializes it, or `otherwise` if its bytes are not what this code wrote. */
function deserializedOr<T, U>(read: () => T, otherwise: U): T | U {
  try {
    return read()
  } catch {
    return otherwise
  }
}

/** Write the build state of output `outDir`; it supersedes a mark of a tree being changed. */
export async function writeBuildState(cacheDir: string, outDir: string, codeKey: string, state: BuildState): Promise<void> {
  const { routes, trees, ...rest } = state
  const { a, b } = trees?.files ?? { a: null, b: null }
  const head: StoredHead = { ...rest, trees: trees && { live: trees.live }, parts: { a: a && partCount(a), b: b && partCount(b), routes: partCount(routes) } }
  await writeHeadAndMaps(path.join(cacheDir, stateFile(outDir)), codeKey, head, [a, b, routes].filter((map) => map !== null))
  await rm(path.join(cacheDir, changingFile(outDir)), { force: true })
}

/**
 * Note before a build touches `tree` that its files are unknown until the state is written again: a
 * build killed half-way leaves that tree unknown, not wrong. A small file, where writing the whole
 * state (every page's fingerprint) would cost a rebuild after an edit a fifth of its time.
 */
export async function markTreeChanging(cacheDir: string, outDir: string, tree: 'a' | 'b'): Promise<void> {
  await mkdir(cacheDir, { recursive: true })
  await writeFile(path.join(cacheDir, changingFile(outDir)), tree)
}

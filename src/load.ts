// Scan and load: the articles folder → one VFile per source and the article records parsed from
// them, with a parse cache so that an unchanged source is not parsed again.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { detach } from './parse/detach.ts'
import { parseMarkdownArticle } from './parse/markdown.ts'
import { parseRawPage, type PageOverrides } from './parse/raw-page.ts'
import type { ArticleRecord, ParsedPage } from './types.ts'
import pMap from 'p-map'
import { replayParse, sourceKey, storeParse, type ParseCache, type ParseCacheEntry } from './parse-cache.ts'

/** Every source read, with its messages, and the records of those that parsed. */
export interface LoadedArchive {
  files: VFile[]
  pages: ParsedPage[]
  articleRecords: ArticleRecord[]
  /** Source path → its cache key: a record's content is a function of it and its position. */
  keyBySource: Map<string, string>
  /** How many sources were parsed now (the rest came from the parse cache). */
  parsed: number
  /** How many of those a worker thread parsed (see ParseHelp). */
  parsedElsewhere: number
}

/** Files read at once: enough to keep the disk busy, far below the process's limit on open files. */
export const openFilesAtOnce = 64

/** Raw pages end in .txt, Markdown articles in .md; anything else in the folder is left alone. */
export const sourceExtensions = new Set(['.txt', '.md'])

/** All source files under `dir`, sorted so that builds are the same on every machine. */
export async function scanSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && isSourceName(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort(compareText)
}

function isSourceName(name: string): boolean {
  return sourceExtensions.has(path.extname(name)) && !name.startsWith('.')
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Read one source file into a VFile named by its path relative to `cwd`. */
export async function readSource(filePath: string, cwd = process.cwd()): Promise<VFile> {
  return new VFile({ path: path.relative(cwd, filePath) || filePath, value: await readFile(filePath) })
}

/** Parse one source: a raw page or a Markdown article. A parser crash on one file is that file's error, not the whole run's. */
export function parseSource(file: VFile, overrides: PageOverrides = {}): ParsedPage | null {
  try {
    return file.extname === '.md' ? parseMarkdownArticle(file) : parseRawPage(file, overrides)
  } catch (error) {
    const reason = `news-archive failed to parse this file (${error instanceof Error ? error.message : String(error)}); please report it with the file`
    file.message(reason, { line: 1, column: 1 }, 'news-archive:internal-error').fatal = true
    return null
  }
}

/** The sources of an archive as read, before parsing: each with its cache key. */
export interface ReadArchive {
  /** `file.value` is empty where the source was known by its stamp and not read. */
  sources: { file: VFile; key: string; absolutePath: string }[]
  /** The stamps to know the sources by in the next build. */
  stamps: SourceStamps
}

/** What a build knew of each source, by absolute path: its file status, whether that status could be trusted, and the key its bytes gave. */
export interface SourceStamps {
  byPath: Map<string, [status: string, settled: boolean, key: string]>
}

/**
 * Scan and read a whole articles folder (paths relative to `root`), keying each source by its path
 * and bytes. A source whose file status (identity, size, modification and change times) is the one
 * in `stamps` is not read: its key is the one remembered. As git does, a status is trusted only if
 * the file had not changed for `settledAfter` ms (2 s) when it was taken: a write in the same tick
 * of a coarse clock as an earlier one could leave size and times as they were.
 */
export async function readArchive(
  dir: string,
  options: {
    root?: string
    onScan?: (paths: readonly string[]) => void
    stamps?: SourceStamps
    settledAfter?: number
    /** Every path changed since `stamps` were taken, as a watcher saw them: a source with a stamp and not among them is not even looked at. */
    changedPaths?: ReadonlySet<string>
  } = {},
): Promise<ReadArchive> {
  const { root = process.cwd(), settledAfter = 2000, stamps, changedPaths } = options
  const settledBefore = Date.now() - settledAfter
  const paths = (stamps && changedPaths && (await watchedSources(dir, stamps, changedPaths))) || (await scanSources(dir))
  options.onScan?.(paths)
  type Source = ReadArchive['sources'][number] & { stamp: [string, boolean, string] }
  const sources: Source[] = []
  const unknown: number[] = []
  for (const absolutePath of paths) {
    const known = stamps?.byPath.get(absolutePath)
    const file = new VFile({ path: path.relative(root, absolutePath) || absolutePath })
    if (known && changedPaths && !changedPaths.has(absolutePath)) sources.push({ file, key: known[2], absolutePath, stamp: known })
    else unknown.push(sources.push({ file, key: '', absolutePath, stamp: ['', false, ''] }) - 1)
  }
  // Many sources read at once (a cold build) go into blocks; a rebuild reads a few, and a block would be waste.
  const blocks = unknown.length > openFilesAtOnce ? new ByteBlocks() : null
  await pMap(
    unknown,
    async (index) => {
      const source = sources[index] as Source
      const { status, settled } = await sourceStatus(source.absolutePath, settledBefore)
      const known = stamps?.byPath.get(source.absolutePath)
      if (known && known[1] && known[0] === status) source.key = known[2]
      else {
        const read = await readFile(source.absolutePath)
        const bytes = blocks ? blocks.keep(read) : read
        source.file.value = bytes
        source.key = sourceKey(source.file, bytes)
      }
      source.stamp = [status, settled, source.key]
    },
    { concurrency: openFilesAtOnce },
  )
  return {
    sources: sources.map(({ file, key, absolutePath }) => ({ file, key, absolutePath })),
    stamps: { byPath: new Map(sources.map((source) => [source.absolutePath, source.stamp])) },
  }
}

// Blocks far above glibc's largest mmap threshold (32 MB): each is its own mapping, unmapped when freed.
const blockBytes = 64 * 1024 * 1024

/**
 * Sources read for parsing, kept in large shared blocks until parsed: the archive's 28,000 small
 * buffers of 100,000 articles, once freed, left about half a gigabyte of the process's malloc heap
 * resident for the rest of the build; a block goes back to the system once its last source is parsed.
 */
class ByteBlocks {
  private block: Buffer | null = null
  private used = 0

  /** `bytes` copied into the current block (a large source is kept as it is). */
  keep(bytes: Buffer): Buffer {
    if (bytes.length > blockBytes / 16) return bytes
    if (this.block === null || this.used + bytes.length > this.block.length) {
      this.block = Buffer.allocUnsafeSlow(blockBytes)
      this.used = 0
    }
    const kept = this.block.subarray(this.used, this.used + bytes.length)
    kept.set(bytes)
    this.used += bytes.length
    return kept
  }
}

/**
 * The last build's sources with what a watcher saw change applied, sorted as `scanSources` sorts;
 * null when a change is not a source file (a folder added or removed): then the folder is scanned.
 */
async function watchedSources(dir: string, stamps: SourceStamps, changedPaths: ReadonlySet<string>): Promise<string[] | null> {
  const paths = new Set(stamps.byPath.keys())
  for (const changed of changedPaths) {
    if (!changed.startsWith(dir + path.sep)) continue
    if (!isSourceName(path.basename(changed))) return null
    const found = await stat(changed).catch(() => null)
    if (found === null) paths.delete(changed)
    else if (found.isFile()) paths.add(changed)
    else return null
  }
  return [...paths].sort(compareText)
}

/** A file's identity, size and times as text, and whether it last changed before `settledBefore` (ms since the epoch). */
async function sourceStatus(filePath: string, settledBefore: number): Promise<{ status: string; settled: boolean }> {
  const stats = await stat(filePath, { bigint: true })
  // The change time moves on every write, even one that puts the modification time back.
  const changedAt = Number((stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs) / 1_000_000n)
  return { status: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`, settled: changedAt < settledBefore }
}

/** Parse what was read; a source whose key `cache` holds is not parsed again (nor read, if it was not), and `used` is filled with the entries this archive used. */
export async function parseArchive(read: ReadArchive, cache: ParseCache = new Map(), used: ParseCache = new Map(), help?: ParseHelp): Promise<LoadedArchive> {
  const loaded: LoadedArchive = { files: [], pages: [], articleRecords: [], keyBySource: new Map(), parsed: 0, parsedElsewhere: 0 }
  // Known by its stamp, but not in the cache (deleted, or made by other code): read it now.
  const unread = read.sources.filter(({ file, key }) => !cache.has(key) && !file.value)
  await pMap(unread, async ({ file, absolutePath }) => (file.value = await readFile(absolutePath)), { concurrency: openFilesAtOnce })
  for (const { file, key } of read.sources) {
    let cached = cache.get(key)
    // Parsed by a worker thread meanwhile: taken as from the cache (its messages put back on the file).
    const helped = cached === undefined && help?.keys.has(key) ? (await help.entries).get(key) : undefined
    if (helped) {
      cache.set(key, (cached = helped))
      loaded.parsed++
      loaded.parsedElsewhere++
    }
    let page: ParsedPage | null
    if (cached) page = replayParse(cached, file)
    else {
      page = parseInto(cache, key, file)
      loaded.parsed++
    }
    // The messages carry their places: keeping every source's text as well would hold the archive twice.
    file.value = ''
    used.set(key, cache.get(key) as NonNullable<ReturnType<ParseCache['get']>>)
    loaded.files.push(file)
    loaded.keyBySource.set(file.path, key)
    if (page) {
      loaded.pages.push(page)
      // A loop, not push(...): a page may hold more records than a call's arguments can.
      for (const record of page.articles) loaded.articleRecords.push(record)
    }
  }
  return loaded
}

/** Parse `file` and keep what it gave in `cache` under `key`; the page is detached from the source's text, so that text can go. */
export function parseInto(cache: ParseCache, key: string, file: VFile): ParsedPage | null {
  const page = detach(parseSource(file))
  storeParse(cache, key, file, page)
  return page
}

/** Sources parsed elsewhere (by render workers) while `parseArchive` parses the others. */
export interface ParseHelp {
  keys: ReadonlySet<string>
  /** What parsing gave, by key; a key missing here was not parsed there after all. */
  entries: Promise<ReadonlyMap<string, ParseCacheEntry>>
}

/** Scan, read and parse a whole articles folder. */
export async function loadArchive(dir: string, options: { root?: string } = {}): Promise<LoadedArchive> {
  return parseArchive(await readArchive(dir, options))
}

/** Put messages about the archive as a whole (URL clashes, unmatched jumps) on the VFile of the source they name. */
export function attachMessages(files: VFile[], messages: VFileMessage[]): void {
  const filesByPath = new Map<string, VFile>()
  // The first file of a path takes its messages, as a search from the start would find it.
  for (const file of [...files].reverse()) filesByPath.set(file.path, file)
  for (const message of messages) {
    let file = filesByPath.get(message.file ?? '')
    if (!file) {
      file = new VFile({ path: message.file ?? 'site' })
      files.push(file)
      filesByPath.set(file.path, file)
    }
    file.messages.push(message)
  }
}

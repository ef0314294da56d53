// Scan and load: the articles folder → one VFile per source and the article records parsed from
// them, with a parse cache so that an unchanged source is not parsed again.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { parseMarkdownArticle } from './parse/markdown.ts'
import { parseRawPage, type PageOverrides } from './parse/raw-page.ts'
import type { ArticleRecord, ParsedPage } from './types.ts'
import pMap from 'p-map'
import { replayParse, sourceKey, storeParse, type ParseCache } from './parse-cache.ts'

/** Every source read, with its messages, and the records of those that parsed. */
export interface LoadedArchive {
  files: VFile[]
  pages: ParsedPage[]
  articleRecords: ArticleRecord[]
  /** Source path → its cache key: a record's content is a function of it and its position. */
  keyBySource: Map<string, string>
  /** How many sources were parsed now (the rest came from the parse cache). */
  parsed: number
}

/** Files read at once: enough to keep the disk busy, far below the process's limit on open files. */
export const openFilesAtOnce = 64

/** Raw pages end in .txt, Markdown articles in .md; anything else in the folder is left alone. */
export const sourceExtensions = new Set(['.txt', '.md'])

/** All source files under `dir`, sorted so that builds are the same on every machine. */
export async function scanSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && sourceExtensions.has(path.extname(entry.name)) && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
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

/** How to load: paths relative to `root`; a parse cache to take unchanged sources from, and one to fill with what this load used. */
export interface LoadOptions {
  root?: string
  cache?: ParseCache
  used?: ParseCache
  /** What a long-lived loader saw of each source last time (see KnownSource); filled anew by each load. */
  known?: Map<string, KnownSource>
  /** How long before a load a source must have last changed for its status to be trusted (2 s). */
  settledAfter?: number
}

/**
 * A source as last loaded: its file status and cache key. A source whose status is the same is not
 * read again. As git does, a status is trusted only when the file had not changed for a while
 * before it was taken: a write in the same clock tick as an earlier one could keep size and times.
 */
export interface KnownSource {
  status: string
  /** Had the source last changed well before the status was taken? */
  settled: boolean
  key: string
}


/** Scan, read and parse a whole articles folder; a source whose path and bytes the cache holds is not parsed again. */
export async function loadArchive(dir: string, options: LoadOptions = {}): Promise<LoadedArchive> {
  const { root = process.cwd(), cache = new Map(), used = new Map(), known, settledAfter = 2000 } = options
  const paths = await scanSources(dir)
  const loaded: LoadedArchive = { files: [], pages: [], articleRecords: [], keyBySource: new Map(), parsed: 0 }
  const startedAt = Date.now()
  const statuses = known ? await pMap(paths, (filePath) => sourceStatus(filePath, startedAt - settledAfter), { concurrency: openFilesAtOnce }) : []
  // A source is read again when its status changed, was not yet settled when it was read, or its parse is not cached.
  const unchangedKeys = paths.map((filePath, index) => {
    const last = known?.get(filePath)
    return last?.settled && last.status === statuses[index]?.text && cache.has(last.key) ? last.key : undefined
  })
  const contents = await pMap(paths, (filePath, index) => (unchangedKeys[index] === undefined ? readFile(filePath) : null), { concurrency: openFilesAtOnce })
  known?.clear()
  paths.forEach((filePath, index) => {
    const bytes = contents[index]
    const file = new VFile({ path: path.relative(root, filePath) || filePath, value: bytes ?? '' })
    const key = bytes ? sourceKey(file, bytes) : unchangedKeys[index]!
    const status = statuses[index]
    if (known && status) known.set(filePath, { status: status.text, settled: status.settled, key })
    const cached = cache.get(key)
    let page: ParsedPage | null
    if (cached) page = replayParse(cached, file)
    else {
      page = parseSource(file)
      storeParse(cache, key, file, page)
      loaded.parsed++
    }
    used.set(key, cache.get(key) as NonNullable<ReturnType<ParseCache['get']>>)
    loaded.files.push(file)
    loaded.keyBySource.set(file.path, key)
    if (page) {
      loaded.pages.push(page)
      // A loop, not push(...): a page may hold more records than a call's arguments can.
      for (const record of page.articles) loaded.articleRecords.push(record)
    }
  })
  return loaded
}

/** A file's identity, size and times as text, and whether it last changed before `settledBefore` (ms since the epoch). */
async function sourceStatus(filePath: string, settledBefore: number): Promise<{ text: string; settled: boolean }> {
  const status = await stat(filePath, { bigint: true })
  const changedAt = Number((status.mtimeNs > status.ctimeNs ? status.mtimeNs : status.ctimeNs) / 1_000_000n)
  return { text: `${status.dev}:${status.ino}:${status.size}:${status.mtimeNs}:${status.ctimeNs}`, settled: changedAt < settledBefore }
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

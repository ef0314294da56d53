// Load: the sources read by scan.ts → the article records parsed from them, with a parse cache so
// that an unchanged source is not parsed again.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { detach } from './parse/detach.ts'
import { parseMarkdownArticle } from './parse/markdown.ts'
import { parseRawPage, type PageOverrides } from './parse/raw-page.ts'
import type { ArticleRecord, ParsedPage } from './types.ts'
import pMap from 'p-map'
import { openFilesAtOnce, readArchive, type ReadArchive } from './scan.ts'
import { replayParse, storeParse, type ParseCache, type ParseCacheEntry } from './parse-cache.ts'

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

/** Parse what was read; a source whose key `cache` holds is not parsed again (nor read, if it was not), and `used` is filled with the entries this archive used. */
export async function parseArchive(read: ReadArchive, cache: ParseCache = new Map(), used: ParseCache = new Map(), help?: ParseHelp): Promise<LoadedArchive> {
  const loaded: LoadedArchive = { files: [], pages: [], articleRecords: [], keyBySource: new Map(), parsed: 0, parsedElsewhere: 0 }
  // Known by its stamp, but not in the cache (deleted, or made by other code): read it now. One
  // handed to a worker is read again only if the worker fails to parse it.
  const unread = read.sources.filter(({ file, key }) => !cache.has(key) && !file.value && !help?.keys.has(key))
  await pMap(unread, async ({ file, absolutePath }) => (file.value = await readFile(absolutePath)), { concurrency: openFilesAtOnce })
  for (const { file, key, absolutePath } of read.sources) {
    let cached = cache.get(key)
    // Parsed by a worker thread meanwhile: taken as from the cache (its messages put back on the file).
    const handedOver = cached === undefined && help?.keys.has(key) === true
    const helped = handedOver ? (await help!.entries).get(key) : undefined
    if (helped) {
      cache.set(key, (cached = helped))
      loaded.parsed++
      loaded.parsedElsewhere++
    } else if (handedOver) file.value = await readFile(absolutePath) // its bytes went to a worker that failed
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

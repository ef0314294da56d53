// Scan: the articles folder → one VFile per source, keyed by its path and bytes. A source whose file
// status is the one remembered is not even read; a build that finds nothing changed needs no more
// than this module (the parser and renderer are loaded only when there is work).
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import pMap from 'p-map'
import { sourceKey } from './parse-cache.ts'

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

/** How long a file must have been unchanged for its status to be trusted by the next build (see readArchive). */
export const settledAfterMs = 2000

/**
 * Scan and read a whole articles folder (paths relative to `root`), keying each source by its path
 * and bytes. A source whose file status (identity, size, modification and change times) is the one
 * in `stamps` is not read: its key is the one remembered. As git does, a status is trusted only if
 * the file had not changed for `settledAfter` ms (`settledAfterMs`) when it was taken: a write in the same tick
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
  const { root = process.cwd(), settledAfter = settledAfterMs, stamps, changedPaths } = options
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

// Writing the site: into a fresh folder beside the output, swapped in only when the build is whole.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SiteFile } from './site/index.ts'

/** Writes stay in flight at most this many at a time: async and batched is the fastest way to many small files. */
const concurrentWrites = 64

/** A site being written: files go to a staging folder; `commit` swaps it for the output folder. */
export class SiteWriter {
  /** Files written so far. */
  count = 0
  private readonly written = new Set<string>()
  private readonly pending = new Set<Promise<void>>()
  private readonly dirs = new Map<string, Promise<void>>()

  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  /** Start writing a site that will replace `outDir`. */
  static async open(outDir: string): Promise<SiteWriter> {
    const stagingDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}-staging-${process.pid}-${Date.now()}`)
    await mkdir(stagingDir, { recursive: true })
    return new SiteWriter(outDir, stagingDir)
  }

  /** Queue one file; two files for one path are an error naming it. */
  async write(file: SiteFile): Promise<void> {
    const target = this.resolve(file.path)
    if (this.written.has(target)) throw new Error(`two pages want the file ${file.path}`)
    this.written.add(target)
    this.count++
    const job = this.ensureDir(path.dirname(target)).then(() => writeFile(target, file.contents))
    this.pending.add(job)
    void job.finally(() => this.pending.delete(job)).catch(() => {})
    if (this.pending.size >= concurrentWrites) await Promise.race(this.pending)
  }

  /** Copy a folder (public/) in as it is; a file that would replace a generated page is an error naming it. */
  async copyFolder(source: string): Promise<void> {
    const entries = await readdir(source, { recursive: true, withFileTypes: true })
    for (const entry of entries.filter((candidate) => candidate.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(entry.parentPath, entry.name)
      const relative = path.relative(source, full).split(path.sep).join('/')
      if (this.written.has(this.resolve(relative))) {
        throw new Error(`public/${relative} would overwrite the generated page ${relative}: rename or remove it`)
      }
      await this.write({ path: relative, contents: await readFile(full) })
    }
  }

  /** Wait for every write, then put the staging folder in the output's place and remove the old site. */
  async commit(): Promise<void> {
    await Promise.all(this.pending)
    const previous = `${this.stagingDir}-previous`
    let hadPrevious = true
    try {
      await rename(this.outDir, previous)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      hadPrevious = false
    }
    await rename(this.stagingDir, this.outDir)
    if (hadPrevious) await rm(previous, { recursive: true, force: true })
  }

  /** Throw the staging folder away; the output folder was never touched. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.pending)
    await rm(this.stagingDir, { recursive: true, force: true })
  }

  private resolve(relative: string): string {
    const target = path.resolve(this.stagingDir, relative)
    if (!target.startsWith(this.stagingDir + path.sep)) throw new Error(`refusing to write outside the output folder: ${relative}`)
    return target
  }

  // Every write into a folder waits for the one mkdir of it: two files of a new folder queued
  // back to back must not race the folder's creation.
  private ensureDir(dir: string): Promise<void> {
    let made = this.dirs.get(dir)
    if (!made) {
      made = mkdir(dir, { recursive: true }).then(() => {})
      this.dirs.set(dir, made)
    }
    return made
  }
}

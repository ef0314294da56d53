// The output folder is a link to one of two trees beside it. A build brings the other tree up to
// date, writing only what differs, and then swings the link over in one rename: a build that fails
// or is killed leaves the site being served exactly as it was, and a build that changes nothing
// touches nothing.
import { rmdirSync } from 'node:fs'
import { lstat, mkdir, readlink, rename, rm, symlink } from 'node:fs/promises'
import path from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { removeTree } from './remove-tree.ts'
import { unlinkIfThere } from './tree-operations.js'
import { directWriter, ThreadTreeWriter, type TreeWriter } from './tree-writer.ts'

/** Path (posix, relative to the site root) → digest of its contents. */
export type FileDigests = Map<string, string>

/** What the trees held after the last build, as remembered in the cache. */
export interface TreesState {
  live: 'a' | 'b'
  files: Record<'a' | 'b', FileDigests | null>
}

export interface UpdateResult {
  written: number
  linked: number
  removed: number
  /** False when the new site equals the live one: nothing was touched. */
  swapped: boolean
}

// A tree's files are written, linked and removed with synchronous calls, one after the other, on the
// build's thread or on one of their own (tree-writer.ts). On this project's 2-core machine the
// asynchronous calls (64 in flight on libuv's four threads) cost three times the CPU for the same
// files: 29,573 files of a 10,000-article site took 2.3-2.5 s of CPU against 0.8 s written one by one
// on tmpfs, and 29,573 hard links 2.2 s against 0.9 s. A cold build of 10,000 articles, CPU-bound on
// both cores, took 0.6-1.1 s less with the site on tmpfs (15.2-15.9 s against 16.3-16.9 s); on the
// disk the difference was within its noise.

/** Files placed between turns of the event loop when a tree is caught up at once: the dev server keeps answering meanwhile. */
const filesPerTurn = 512

/** The two trees behind an output folder. */
export class SiteTrees {
  private constructor(
    readonly outDir: string,
    private state: TreesState,
  ) {}

  /** Open the trees of `outDir`, trusting `remembered` only where the disk agrees with it. */
  static async open(outDir: string, remembered: TreesState | undefined): Promise<SiteTrees> {
    const live = await linkedTree(outDir)
    if (remembered === undefined || live !== remembered.live) return new SiteTrees(outDir, { live: live ?? 'b', files: { a: null, b: null } })
    return new SiteTrees(outDir, remembered)
  }

  /** Is `remembered` still the truth: the output links to its live tree, and that tree exists? */
  static async isLive(outDir: string, remembered: TreesState | undefined): Promise<boolean> {
    if (remembered === undefined || remembered.files[remembered.live] === null) return false
    if ((await linkedTree(outDir)) !== remembered.live) return false
    return (await lstat(treeDirOf(outDir, remembered.live)).catch(() => null)) !== null
  }

  /** The live tree's files, or null when they are not known (then every file must come with contents). */
  get liveFiles(): FileDigests | null {
    return this.state.files[this.state.live]
  }

  /** What to remember for the next build. */
  get remembered(): TreesState {
    return this.state
  }

  /** The folder of a tree: `.dist-a` beside `dist`. */
  treeDir(tree: 'a' | 'b'): string {
    return treeDirOf(this.outDir, tree)
  }

  /**
   * Make the other tree a copy of the live one (hard links) when it is unknown, as a build does the
   * first time it changes a file: done in idle time, the next build writes only what it changes.
   * Resolves to whether there was anything to do.
   */
  async mirrorLive(beforeFirstWrite: (tree: 'a' | 'b') => Promise<void>): Promise<boolean> {
    const other = this.state.live === 'a' ? 'b' : 'a'
    if (this.liveFiles === null || this.state.files[other] !== null || (await linkedTree(this.outDir)) !== this.state.live) return false
    const update = this.begin(beforeFirstWrite)
    update.keepLive(new Set())
    const files = await update.catchUp()
    this.state = { ...this.state, files: { ...this.state.files, [other]: files } }
    return true
  }

  /** Start a new site; files are streamed in with `put` and the site goes live with `commit`. */
  begin(beforeFirstWrite: (tree: 'a' | 'b') => Promise<void> = async () => {}): TreeUpdate {
    return new TreeUpdate(this, this.liveFiles, beforeFirstWrite, (state) => {
      this.state = state
    })
  }

  /** @internal */
  stateFor(): TreesState {
    return this.state
  }
}

/** A site being made: nothing is written until a file differs from the live site. */
export class TreeUpdate {
  readonly result: UpdateResult = { written: 0, linked: 0, removed: 0, swapped: false }
  private files: FileDigests = new Map()
  private target: { tree: 'a' | 'b'; dir: string; files: FileDigests; fresh: boolean } | null = null
  /** Folders (as the folder part of a relative path) made in the target tree so far. */
  private readonly made = new Set<string>()
  private writer: TreeWriter = directWriter
  /** Files placed in the target tree so far, and from how many on a writer thread makes them (null: never). */
  private placed = 0
  private threadFrom: number | null = null

  constructor(
    private readonly trees: SiteTrees,
    private readonly liveFiles: FileDigests | null,
    private readonly beforeFirstWrite: (tree: 'a' | 'b') => Promise<void>,
    private readonly setState: (state: TreesState) => void,
  ) {}

  /**
   * Add a file of the new site; `contents` may be left out only for a file the live site has with that digest.
   * Returns a promise to await before the next `put` for the first file that differs from the live
   * site (the target tree is prepared first), and when many files wait for a writer thread; otherwise
   * undefined. The file is in place on return when written on this thread, else by `commit`.
   */
  put(relative: string, digest: string, contents?: string | Uint8Array): Promise<void> | undefined {
    if (this.files.has(relative)) throw new Error(`two outputs want the file ${relative}`)
    if (this.target === null) {
      if (this.liveFiles?.get(relative) === digest) {
        this.files.set(relative, digest)
        return undefined
      }
      return this.start().then(() => {
        this.files.set(relative, digest)
        this.place(relative, digest, contents)
        return this.writer.backlog()
      })
    }
    this.files.set(relative, digest)
    this.place(relative, digest, contents)
    return this.writer.backlog()
  }

  /**
   * Once `files` files have been placed (written or linked), make the rest on a thread of their own
   * while this thread goes on: worth its start (a few milliseconds) only for a build that places
   * thousands, such as a cold build or one that catches a tree up. `close` (or `commit`) ends it.
   */
  writeOnThreadFrom(files: number): void {
    this.threadFrom = Math.max(1, files)
  }

  /** End a writer thread, if any, dropping what it has not written: for a build that stops before `commit`. */
  async close(): Promise<void> {
    const writer = this.writer
    this.writer = directWriter
    await writer.close()
  }

  /** Is `relative` a file of the new site so far? */
  has(relative: string): boolean {
    return this.files.has(relative)
  }

  /**
   * Take every file of the live site but `except` into the new site as it is, at once: a rebuild that
   * knows which pages it may change puts only theirs. Only before any `put`.
   */
  keepLive(except: ReadonlySet<string>): void {
    if (this.liveFiles === null || this.target !== null || this.files.size > 0) throw new Error('keepLive comes first, and needs a known live site')
    this.files = new Map(this.liveFiles)
    for (const relative of except) this.files.delete(relative)
  }

  /** Bring the other tree up to the files put so far without making it live; resolves to its files. */
  async catchUp(): Promise<FileDigests> {
    if (this.target === null) await this.start()
    await this.writer.settle()
    return new Map(this.files)
  }

  /** Make the new site live. Resolves to what was done; nothing at all when it equals the live site. */
  async commit(): Promise<UpdateResult> {
    if (this.target === null) {
      const sameSet = this.liveFiles !== null && this.liveFiles.size === this.files.size
      if (sameSet && (await linkedTree(this.trees.outDir)) === this.trees.stateFor().live) return this.result
      await this.start()
    }
    // Every file in place before any is removed: a folder emptied here may be one a write waits for.
    await this.writer.settle()
    await this.close()
    const target = this.target as NonNullable<TreeUpdate['target']>
    const emptied = new Set<string>()
    for (const relative of target.files.keys()) {
      if (!this.files.has(relative)) {
        this.result.removed++
        const file = resolveInside(target.dir, relative)
        emptied.add(path.dirname(file))
        unlinkIfThere(file)
      }
    }
    // A removed article leaves its folder empty: remove it, and parents emptied with it (rmdir refuses the rest).
    for (const dir of [...emptied].sort().reverse()) {
      for (let current = dir; current.startsWith(target.dir + path.sep); current = path.dirname(current)) {
        try {
          rmdirSync(current)
        } catch {
          break
        }
      }
    }
    await pointLink(this.trees.outDir, path.basename(target.dir))
    const state = this.trees.stateFor()
    this.setState({ live: target.tree, files: { ...state.files, [target.tree]: new Map(this.files) } })
    this.result.swapped = true
    return this.result
  }

  /** Prepare the other tree, and catch up on the files put so far (all unchanged from the live site). */
  private async start(): Promise<void> {
    const state = this.trees.stateFor()
    const tree = state.live === 'a' ? 'b' : 'a'
    const dir = this.trees.treeDir(tree)
    // A tree the cache remembers but the disk no longer has (deleted by hand) is rebuilt from nothing.
    let files = (await lstat(dir).catch(() => null)) ? state.files[tree] : null
    // Forget the target until it is whole again, before touching it: a build killed half-way leaves it unknown, not wrong.
    this.setState({ ...state, files: { ...state.files, [tree]: null } })
    await this.beforeFirstWrite(tree)
    const fresh = files === null
    if (files === null) {
      await removeTree(dir)
      files = new Map()
    }
    await mkdir(dir, { recursive: true })
    this.target = { tree, dir, files, fresh }
    let placed = 0
    for (const [relative, digest] of this.files) {
      if (files.get(relative) === digest) continue
      this.place(relative, digest, undefined)
      if (++placed % filesPerTurn === 0) await nextTurn()
    }
  }

  private place(relative: string, digest: string, contents: string | Uint8Array | undefined): void {
    const target = this.target as NonNullable<TreeUpdate['target']>
    if (target.files.get(relative) === digest) return
    if (++this.placed === this.threadFrom && this.writer === directWriter) this.writer = new ThreadTreeWriter()
    const destination = resolveInside(target.dir, relative)
    if (this.liveFiles?.get(relative) === digest) {
      // Unchanged since the live build: share its bytes. Files are only ever replaced, never
      // written in place, so a file linked into the live tree is never changed through this one.
      const liveTree = this.trees.stateFor().live
      this.result.linked++
      this.prepare(target, destination, relative)
      this.writer.link(resolveInside(this.trees.treeDir(liveTree), relative), destination)
    } else if (contents !== undefined) {
      this.result.written++
      this.prepare(target, destination, relative)
      this.writer.write(destination, contents)
    } else {
      throw new Error(`no contents for ${relative}: it was neither rendered nor in the live site`)
    }
  }

  /** Make way for a file: its folder made (once per folder), an older file of that name removed. */
  private prepare(target: NonNullable<TreeUpdate['target']>, destination: string, relative: string): void {
    const folder = path.dirname(relative)
    if (!this.made.has(folder)) {
      this.writer.mkdir(path.dirname(destination))
      this.made.add(folder)
    }
    // In a tree made from nothing there is nothing to replace: skip a failing unlink per file.
    if (!target.fresh) this.writer.unlink(destination)
  }
}

/** The folder of a tree: `.dist-a` beside `dist`. */
function treeDirOf(outDir: string, tree: 'a' | 'b'): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-${tree}`)
}

function resolveInside(root: string, relative: string): string {
  const resolved = path.resolve(root, relative)
  if (!resolved.startsWith(root + path.sep)) throw new Error(`refusing to write outside the site: ${relative}`)
  return resolved
}

/** Which tree the output folder links to, or null when it is missing or a plain folder. */
async function linkedTree(outDir: string): Promise<'a' | 'b' | null> {
  try {
    const match = /-([ab])$/u.exec(await readlink(outDir))
    return match ? (match[1] as 'a' | 'b') : null
  } catch {
    return null
  }
}

/** Point `outDir` at `treeName` with one rename; a plain folder in the way is moved aside first. */
async function pointLink(outDir: string, treeName: string): Promise<void> {
  const temporary = `${outDir}.link-${process.pid}`
  await rm(temporary, { force: true })
  await symlink(treeName, temporary, 'dir')
  const existing = await lstat(outDir).catch(() => null)
  if (existing && !existing.isSymbolicLink()) {
    // A folder from before news-archive kept two trees (or made by hand): set it aside, then drop it.
    const aside = `${outDir}.old-${process.pid}`
    await rename(outDir, aside)
    await rename(temporary, outDir)
    await removeTree(aside)
    return
  }
  await rename(temporary, outDir)
}

// Measuring instruments: a child process timed from the outside, the bytes a build left in the
// live site, and the machine it ran on.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** GNU time gives the peak RSS of a whole process tree, measured by the kernel. */
const gnuTime = ['/usr/bin/time', '/bin/time'].find((candidate) => existsSync(candidate) && spawnSync(candidate, ['-f', '%M', 'true']).status === 0) ?? null

export interface ProcessRun {
  /** From spawn to exit, as a shell would see it. */
  wallMs: number
  /** Epoch milliseconds at spawn: files modified since then were written by this process. */
  spawnedAt: number
  /** Peak RSS in kilobytes: GNU time's `%M` when present, else the process's own figure (null then; the caller uses the child's). */
  peakRssKb: number | null
  exitCode: number | null
  stdout: string
  stderr: string
}

/**
 * Write what waits in the kernel's cache to the disk (`sync`), so that the process timed next does not
 * pay for writing back what came before it: the bench's copy of the corpus, or the last build's site
 * (4.9 GB at 100,000 articles). Three cold builds of 100,000 articles in one hour, one run each: 288.4 s
 * right after another build, 261.7 s with the disk flushed before the corpus was copied, 231.2 s with
 * it flushed after. Where there is no `sync` command, nothing is done.
 */
function flushToDisk(): void {
  spawnSync('sync', { stdio: 'ignore' })
}

/** Run `command args` in `cwd`, once the disk has nothing left to write (see `flushToDisk`), and time it from the outside. */
export async function runTimed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<ProcessRun> {
  flushToDisk()
  const scratch = gnuTime ? await mkdtemp(path.join(os.tmpdir(), 'bench-time-')) : null
  const rssFile = scratch ? path.join(scratch, 'rss') : null
  const [file, argv] = gnuTime && rssFile ? [gnuTime, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args]
  const spawnedAt = Date.now()
  const started = performance.now()
  const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  const wallMs = performance.now() - started
  let peakRssKb: number | null = null
  if (rssFile && scratch) {
    // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
    const figure = (await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n').at(-1)
    peakRssKb = figure && /^\d+$/u.test(figure) ? Number(figure) : null
    await rm(scratch, { recursive: true, force: true })
  }
  return { wallMs, spawnedAt, peakRssKb, exitCode, stdout, stderr }
}

export interface TreeSize {
  files: number
  bytes: number
  /** Files (and their bytes) modified at or after the given moment: what a build wrote, not what it hard-linked. */
  writtenFiles: number
  writtenBytes: number
}

/** A du-like walk of the site behind `outDir` (following the link to the live tree). */
export async function treeSize(outDir: string, writtenSince: number): Promise<TreeSize> {
  const size: TreeSize = { files: 0, bytes: 0, writtenFiles: 0, writtenBytes: 0 }
  if (!existsSync(outDir)) return size
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
  // File timestamps come from a coarse kernel clock: allow a few milliseconds before the spawn.
  const since = writtenSince - 20
  for (let at = 0; at < files.length; at += 256) {
    const stats = await Promise.all(files.slice(at, at + 256).map((file) => stat(file)))
    for (const fileStats of stats) {
      size.files++
      size.bytes += fileStats.size
      if (fileStats.mtimeMs >= since) {
        size.writtenFiles++
        size.writtenBytes += fileStats.size
      }
    }
  }
  return size
}

export interface Machine {
  cpus: number
  model: string
  memoryGb: number
  node: string
  os: string
  /** The file system the bench wrote to (ext4, tmpfs, …): writing many small files depends on it. */
  fileSystem: string | null
  peakRssSource: 'GNU time' | 'process.resourceUsage'
}

/** The machine, as the report states it. */
export function machine(benchDir: string): Machine {
  const cpus = os.cpus()
  // findmnt names ext4 as such; `stat -f` (the fallback) calls it ext2/ext3.
  const findmnt = spawnSync('findmnt', ['-n', '-o', 'FSTYPE', '-T', benchDir], { encoding: 'utf8' })
  const fileSystem = findmnt.status === 0 ? findmnt : spawnSync('stat', ['-f', '-c', '%T', benchDir], { encoding: 'utf8' })
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    fileSystem: fileSystem.status === 0 ? fileSystem.stdout.trim() : null,
    peakRssSource: gnuTime ? 'GNU time' : 'process.resourceUsage',
  }
}

/** "12 cpus (AMD …), 24 GB, Node v20…, Linux …, ext2/ext3". */
export function describeMachine(m: Machine): string {
  return `${m.cpus} cpus (${m.model}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.os}${m.fileSystem ? `, output on ${m.fileSystem}` : ''}`
}

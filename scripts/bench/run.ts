// Running news-archive for a measurement: a cold working copy of a corpus, and a child process
// that builds it (scripts/bench/child.ts) timed from the outside.
import { existsSync } from 'node:fs'
import { cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BuildStats } from '../../src/build.ts'
import { settledAfterMs } from '../../src/scan.ts'
import type { ChildOptions, ChildReport } from './child.ts'
import { runTimed } from './measure.ts'

// Suffix of a run's folder set aside by `setAside`, until `removeSetAside`.
const asideMark = '.set-aside-'

/**
 * Make way for a run in `dir`: an earlier run's folder there is set aside (one rename), for
 * `removeSetAside` to remove after the measurements. Removing a site of 30,000 files just before a
 * cold build of 10,000 articles made that build 0.1 to 13 s slower in four pairs on this project's
 * disk (ext4 with online discard): the machine's work, not the build's.
 */
export async function setAside(dir: string): Promise<void> {
  if (existsSync(dir)) await rename(dir, `${dir}${asideMark}${process.pid}-${Date.now()}`)
}

/** A working copy of the corpus in `dir` with an empty cache and no output: the cold start (an earlier run's folder is set aside). */
export async function freshSite(root: string, corpusDir: string, dir: string): Promise<ChildOptions> {
  await setAside(dir)
  await mkdir(dir, { recursive: true })
  const articlesDir = path.join(dir, 'articles')
  // An archive's files settled long before a build: a file changed less than `settledAfterMs` before
  // a build's scan is read again by the next build (see readArchive). The copy keeps the modification
  // times, but its change times are now and cannot be set back: wait until it is that old, or the
  // no-change build reads every source again (1.5–1.9 s against 0.73 s at 10,000 articles).
  await cp(corpusDir, articlesDir, { recursive: true, preserveTimestamps: true })
  await sleep(settledAfterMs + 100)
  return { root, articlesDir, outDir: path.join(dir, 'dist'), cacheDir: path.join(dir, 'cache') }
}

/** Remove the folders set aside in `runsDir` (by `setAside`), this run's and any an interrupted one left. */
export async function removeSetAside(runsDir: string): Promise<void> {
  const entries = await readdir(runsDir).catch(() => [] as string[])
  for (const name of entries) if (name.includes(asideMark)) await rm(path.join(runsDir, name), { recursive: true, force: true })
}

/** Run a child and read its `BENCH {json}` lines; a failed build stops the bench with its report. */
export async function runChild(root: string, options: ChildOptions) {
  // runTimed flushes the disk before the process starts, not between its builds: with a
  // `spawnSync('sync')` of its own before each build, which holds its event loop meanwhile, its later
  // builds were slower (at 1,000 articles no change 0.042 s against 0.013 s, one edit 0.261 against
  // 0.196 s; 0.10–0.13 s against 0.03–0.04 s with nothing changed at 10,000).
  const run = await runTimed(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench/child.ts'), JSON.stringify(options)], root)
  const reports = run.stdout.split('\n').filter((line) => line.startsWith('BENCH ')).map((line) => JSON.parse(line.slice(6)) as ChildReport)
  const failed = reports.find((report) => !report.ok)
  if (run.exitCode !== 0 || failed || reports.length === 0) throw new Error(`bench child failed (exit ${run.exitCode}):\n${failed?.summary ?? ''}\n${run.stderr}`)
  return { run, reports }
}

/** Run `news-archive build` as a user or CI does (bin/news-archive.js, in the project folder) and read its `--stats`. */
export async function runCli(root: string, site: ChildOptions) {
  const statsFile = path.join(site.cacheDir, '..', 'stats.json')
  await rm(statsFile, { force: true })
  const args = [path.join(root, 'bin/news-archive.js'), 'build', '--articles', site.articlesDir, '--out', site.outDir, '--cache-dir', site.cacheDir, '--stats', statsFile]
  const run = await runTimed(process.execPath, args, root)
  const stats = JSON.parse(await readFile(statsFile, 'utf8').catch(() => 'null')) as BuildStats | null
  if (run.exitCode !== 0 || stats === null || !stats.ok) throw new Error(`news-archive build failed (exit ${run.exitCode}):\n${stats?.summary ?? ''}\n${run.stderr}`)
  return { run, stats }
}

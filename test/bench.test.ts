// `npm run bench` end to end on a tiny corpus: the JSON it writes has the promised shape and the
// three builds did what their names say. No timings are asserted (they belong in the bench).
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editOnePage } from '../scripts/bench/edit.ts'
import { runTimed } from '../scripts/bench/measure.ts'
import { freshSite, removeSetAside } from '../scripts/bench/run.ts'
import { readArchive } from '../src/scan.ts'
import type { BenchResult, BenchRow } from '../scripts/bench/report.ts'

const root = path.resolve(import.meta.dirname, '..')
let dir = ''
let result: BenchResult
let table = ''

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-test-'))
  const jsonFile = path.join(dir, 'result.json')
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--articles', '50', '--dir', dir, '--json', jsonFile], { cwd: root })
  table = stdout
  result = JSON.parse(await readFile(jsonFile, 'utf8')) as BenchResult
}, 240_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const stages = ['load', 'plan', 'render', 'conversion', 'search', 'write', 'total']
const expectRow = (row: BenchRow) => {
  expect(Object.keys(row.timings).sort()).toEqual([...stages].sort())
  for (const value of [row.wallMs, row.peakRssKb, row.bytesWritten, ...Object.values(row.timings)]) expect(value).toBeGreaterThanOrEqual(0)
  expect(row.peakRssKb).toBeGreaterThan(10_000)
}

describe('npm run bench', () => {
  it('states the corpus and the machine', () => {
    expect(result).toMatchObject({ tool: 'news-archive bench', articles: 50, seed: 1, runs: 1 })
    expect(result.machine.cpus).toBeGreaterThan(0)
    expect(result.machine.node).toBe(process.version)
    expect(result.corpus.rawPages).toBeGreaterThan(0)
    expect(result.site.files).toBeGreaterThan(50)
  })

  for (const mode of ['fresh', 'warm'] as const) {
    it(`${mode}: builds cold, then writes nothing when nothing changed, then re-renders a few pages after one edit and after another`, () => {
      const rows = result[mode]
      expect(rows.map((row) => row.step)).toEqual(['cold', 'no-change', 'edit', 'edit-again'])
      rows.forEach(expectRow)
      const [cold, noChange, edit, again] = rows as [BenchRow, BenchRow, BenchRow, BenchRow]
      expect(cold.files.written).toBe(result.site.files)
      expect(cold.bytesWritten).toBe(result.site.bytes)
      expect(noChange.files.written).toBe(0)
      expect(noChange.bytesWritten).toBe(0)
      expect(edit.renderedPages).toBeGreaterThan(0)
      expect(edit.renderedPages).toBeLessThan(cold.renderedPages)
      expect(edit.files.written).toBeGreaterThan(0)
      expect(edit.edit?.before).not.toBe(edit.edit?.after)
      // The second edit finds the second site tree made: it writes what it changed, and links at most
      // what the first edit changed (never the whole site, as a first edit after a cold build may).
      expect(again.edit?.before).toBe(edit.edit?.after)
      expect(again.renderedPages).toBe(edit.renderedPages)
      expect(again.files.written).toBeGreaterThan(0)
      expect(again.files.linked).toBeLessThanOrEqual(edit.files.written)
    })
  }

  it('prints the same figures as a table', () => {
    expect(table).toContain(`${result.articles} articles`)
    for (const name of ['cold', 'no change', 'one edit', 'edit again']) expect(table).toContain(name)
    expect(table).toContain(String(result.fresh[0]!.files.written))
  })
})

describe('editOnePage', () => {
  it('changes three characters of one paragraph line and nothing else', async () => {
    const articlesDir = await mkdtemp(path.join(os.tmpdir(), 'bench-edit-'))
    try {
      const text = '标题\n\n本报讯 这是一段足够长的正文段落用于测试编辑功能是否只改动三个汉字而已。\n■记者 张三\n'
      await mkdir(path.join(articlesDir, '2019/12/10'), { recursive: true })
      await writeFile(path.join(articlesDir, '2019/12/10/02.txt'), text)
      const edit = await editOnePage(articlesDir)
      const after = await readFile(path.join(articlesDir, '2019/12/10/02.txt'), 'utf8')
      expect(edit).toMatchObject({ file: '2019/12/10/02.txt', line: 3 })
      const [beforeLines, afterLines] = [text.split('\n'), after.split('\n')]
      expect(afterLines.filter((line, at) => line !== beforeLines[at])).toHaveLength(1)
      const changed = [...afterLines[2]!].filter((char, at) => char !== [...beforeLines[2]!][at])
      expect(changed.join('')).toBe(edit.after)
      expect(edit.after).toHaveLength(3)
    } finally {
      await rm(articlesDir, { recursive: true, force: true })
    }
  })
})

describe('freshSite', () => {
  it('sets an earlier run aside rather than removing it before the cold build, and removeSetAside removes it after', async () => {
    const runs = await mkdtemp(path.join(os.tmpdir(), 'bench-runs-'))
    try {
      const corpus = path.join(runs, 'corpus')
      await mkdir(path.join(corpus, '2019/12/10'), { recursive: true })
      await writeFile(path.join(corpus, '2019/12/10/01.txt'), '标题\n\n正文。\n')
      const dir = path.join(runs, 'fresh')
      await freshSite(root, corpus, dir)
      await writeFile(path.join(dir, 'left-by-the-last-run'), 'x')
      const site = await freshSite(root, corpus, dir)
      expect(await readdir(dir)).toEqual(['articles'])
      expect(await readdir(site.articlesDir, { recursive: true })).toContain(path.join('2019', '12', '10', '01.txt'))
      const aside = (await readdir(runs)).filter((name) => name.startsWith('fresh.'))
      expect(aside).toHaveLength(1)
      expect(await readdir(path.join(runs, aside[0]!))).toContain('left-by-the-last-run')
      await removeSetAside(runs)
      expect((await readdir(runs)).sort()).toEqual(['corpus', 'fresh'])
    } finally {
      await rm(runs, { recursive: true, force: true })
    }
  })

  it('returns once the copy has settled: a build that scans it right away trusts every file, and the next reads none', async () => {
    const runs = await mkdtemp(path.join(os.tmpdir(), 'bench-settle-'))
    try {
      const corpus = path.join(runs, 'corpus')
      await mkdir(path.join(corpus, '2019/12/10'), { recursive: true })
      for (const page of ['01', '02']) await writeFile(path.join(corpus, `2019/12/10/${page}.txt`), `标题${page}\n\n正文。\n`)
      const site = await freshSite(root, corpus, path.join(runs, 'fresh'))
      const cold = await readArchive(site.articlesDir, { root: site.articlesDir })
      const again = await readArchive(site.articlesDir, { root: site.articlesDir, stamps: cold.stamps })
      expect(again.sources.map((source) => source.file.value)).toEqual([undefined, undefined])
    } finally {
      await rm(runs, { recursive: true, force: true })
    }
  })
})

describe('runTimed', () => {
  it('flushes the disk (`sync`) before it starts the build it times', async () => {
    const bin = await mkdtemp(path.join(os.tmpdir(), 'bench-sync-'))
    const path0 = process.env.PATH
    try {
      // A `sync` that leaves a mark: the timed command sees it only if `sync` ran first.
      await writeFile(path.join(bin, 'sync'), `#!/bin/sh\necho flushed > '${path.join(bin, 'mark')}'\n`, { mode: 0o755 })
      process.env.PATH = `${bin}${path.delimiter}${path0}`
      const run = await runTimed('cat', [path.join(bin, 'mark')], bin)
      expect(run.stdout).toBe('flushed\n')
      expect(run.exitCode).toBe(0)
    } finally {
      process.env.PATH = path0
      await rm(bin, { recursive: true, force: true })
    }
  })
})

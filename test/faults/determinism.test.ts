// The same input gives the same site byte for byte: run after run, in any time zone, in any locale.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashTree } from '../build/built-site.ts'
import { childProject, runBuild } from './child-build.ts'

const environments: [string, Record<string, string>][] = [
  ['TZ=UTC LANG=C', { TZ: 'UTC', LANG: 'C', LC_ALL: '' }],
  ['TZ=UTC LANG=C, a second run', { TZ: 'UTC', LANG: 'C', LC_ALL: '' }],
  ['TZ=Asia/Shanghai', { TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '' }],
  ['TZ=America/Los_Angeles (the issue date is a day earlier there)', { TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: '' }],
  ['LANG=zh_CN.UTF-8', { TZ: 'UTC', LANG: 'zh_CN.UTF-8', LC_ALL: '' }],
  ['LC_ALL=tr_TR.UTF-8 (dotted and dotless i)', { TZ: 'UTC', LANG: 'C', LC_ALL: 'tr_TR.UTF-8' }],
]

describe('deterministic output', () => {
  it(`is byte-identical across ${environments.length} builds in different time zones and locales`, async () => {
    const source = childProject(20)
    const sites: Record<string, Record<string, string>> = {}
    for (const [name, env] of environments) {
      // A fresh copy each time: no cache or previous tree carries one build's output into the next.
      const root = mkdtempSync(path.join(tmpdir(), 'news-archive-determinism-'))
      cpSync(source, root, { recursive: true })
      const result = await runBuild(root, 'dist', env)
      expect(result.code, `${name}: ${result.stderr}`).toBe(0)
      sites[name] = hashTree(path.join(root, 'dist'))
    }
    const [first, ...others] = Object.entries(sites)
    expect(Object.keys(first![1]).length).toBeGreaterThan(100)
    for (const [name, site] of others) expect(site, `${name} against ${first![0]}`).toEqual(first![1])
  }, 180_000)

  it('is byte-identical, with the same warnings, whether sources are parsed and pages rendered on one thread or shared with one or two worker threads', async () => {
    // Enough sources for a cold build to start workers, and pages enough to hand them some.
    const source = childProject(80)
    // The last source is in the worker's share of the parsing: its warning must still be reported, in its place.
    const generated = path.join(source, 'articles', 'generated')
    const last = readdirSync(generated, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.txt')).sort().at(-1)!
    const lines = readFileSync(path.join(generated, last), 'utf8').split('\n')
    const longest = lines.reduce((best, line, index) => (line.length > lines[best]!.length ? index : best), 0)
    lines[longest] = `${lines[longest]!.slice(0, 10)}\u0007${lines[longest]!.slice(10)}`
    writeFileSync(path.join(generated, last), lines.join('\n'))
    const sites: string[] = []
    const reports: string[] = []
    // With no render worker, the files past the 500th are made on a writer thread (src/build/tree-writer.ts); with one, on the main thread.
    for (const workers of ['0', '1', '2']) {
      const root = mkdtempSync(path.join(tmpdir(), 'news-archive-workers-'))
      cpSync(source, root, { recursive: true })
      const result = await runBuild(root, 'dist', { TZ: 'UTC', LANG: 'C', LC_ALL: '' }, ['--workers', workers])
      expect(result.code, result.stderr).toBe(0)
      // "(86 parsed, 40 of them by worker threads) into 928 pages (929 rendered, 420 of them by worker threads; …"
      const [parsedByWorkers, renderedByWorkers] = [/parsed, (\d+) of them by worker threads/u, /rendered, (\d+) of them by worker threads/u].map((pattern) => Number(pattern.exec(result.stderr)?.[1] ?? 0))
      if (workers === '0') expect([parsedByWorkers, renderedByWorkers]).toEqual([0, 0])
      else {
        expect(parsedByWorkers, result.stderr).toBeGreaterThan(0)
        expect(renderedByWorkers, result.stderr).toBeGreaterThan(0)
      }
      sites.push(JSON.stringify(hashTree(path.join(root, 'dist'))))
      reports.push(result.stderr.split('\n').filter((line) => !line.startsWith('Built ')).join('\n'))
    }
    expect(sites[1]).toBe(sites[0])
    expect(sites[2]).toBe(sites[0])
    expect(reports[0]).toContain(`${longest + 1}:11`)
    expect(reports[0]).toMatch(/control-character/u)
    expect(reports[1]).toBe(reports[0])
    expect(reports[2]).toBe(reports[0])
  }, 180_000)

  it('reports a template error the same, with its place, whether or not workers rendered', async () => {
    const source = childProject(80)
    // The sitemap is the last page of each script: a worker, taking pages from the end, meets it first.
    const template = path.join(source, 'templates', 'sitemap.xml.njk')
    writeFileSync(template, readFileSync(template, 'utf8').replace('{{ url.loc }}', '{{ url.loc | nosuchfilter }}'))
    const reports: string[] = []
    for (const workers of ['0', '1']) {
      const root = mkdtempSync(path.join(tmpdir(), 'news-archive-workers-'))
      cpSync(source, root, { recursive: true })
      const result = await runBuild(root, 'dist', { TZ: 'UTC', LANG: 'C', LC_ALL: '' }, ['--workers', workers])
      expect(result.code).toBe(1)
      expect(existsSync(path.join(root, 'dist'))).toBe(false)
      reports.push(result.stderr.replace(/ in [\d.]+ s/gu, ''))
    }
    expect(reports[0]).toMatch(/templates\/sitemap\.xml\.njk\n\s*\d+:\d+\s+error[\s\S]*nosuchfilter/u)
    expect(reports[1]).toBe(reports[0])
  }, 180_000)
})

// An archive too large for render workers is still parsed on every core: the workers parse their
// share, keep nothing, and end before the plan. The site and its warnings are those of one thread.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBuilder } from '../../src/build.ts'
import { defaultConfig } from '../../src/config.ts'
import { generatePages } from '../../scripts/corpus.ts'
import { tempDirs } from '../helpers/temp-dirs.ts'
import { hashTree, repositoryRoot } from './built-site.ts'

const newFolder = tempDirs('news-archive-parse-workers-')

/** A project of `sources` generated raw pages; the last one (in the workers' share) has a control character at column 11 of its longest line. */
function project(sources: number): { root: string; line: number } {
  const root = newFolder()
  const pages = []
  for (const page of generatePages({ articles: sources * 5, seed: 11 })) if (pages.push(page) === sources) break
  let line = 0
  pages.forEach((page, index) => {
    const lines = page.text.split('\n')
    if (index === pages.length - 1) {
      line = lines.reduce((longest, text, at) => (text.length > lines[longest]!.length ? at : longest), 0)
      lines[line] = `${lines[line]!.slice(0, 10)}\u0007${lines[line]!.slice(10)}`
    }
    mkdirSync(path.dirname(path.join(root, 'articles', page.path)), { recursive: true })
    writeFileSync(path.join(root, 'articles', page.path), lines.join('\n'))
  })
  for (const name of ['templates', 'public', 'tags.yaml', 'conversion-overrides.yaml']) cpSync(path.join(repositoryRoot, name), path.join(root, name), { recursive: true })
  return { root, line: line + 1 }
}

describe('workers above the render limit', () => {
  it('parse their share and render nothing, and the site and warnings are those of a build on one thread', async () => {
    const { root: source, line } = project(60)
    const results = []
    for (const workers of [0, 1]) {
      const root = newFolder()
      cpSync(source, root, { recursive: true })
      const builder = createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false, rebuilds: false, workers, renderWorkersUpTo: 59 })
      const result = await builder.build()
      expect(result.ok, result.report + result.summary).toBe(true)
      results.push({ result, site: hashTree(path.join(root, 'dist')) })
    }
    const [alone, helped] = results as [(typeof results)[0], (typeof results)[0]]
    // "(60 parsed, 29 of them by worker threads) into … pages (… rendered; …"
    expect(alone.result.summary).toMatch(/\(60 parsed\) into/u)
    expect(Number(/60 parsed, (\d+) of them by worker threads/u.exec(helped.result.summary)?.[1])).toBeGreaterThan(0)
    expect(helped.result.render?.workerPages).toBe(0)
    expect(helped.result.summary).not.toMatch(/rendered, \d+ of them by worker threads/u)
    expect(Object.keys(helped.site).length).toBeGreaterThan(100)
    expect(helped.site).toEqual(alone.site)
    // Column 11 of a line of Chinese text, counted as vfile counts: one column a character.
    expect(alone.result.report).toMatch(new RegExp(`\\n${line}:11 [^\\n]*control-character`, 'u'))
    expect(helped.result.report).toBe(alone.result.report)
  }, 120_000)
})

// A build killed with SIGKILL at any point leaves the served site byte for byte as it was, and the
// next build is correct: the same as a clean build of the same input.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashTree, listFiles } from '../build/built-site.ts'
import { childProject, runBuild, startBuild } from './child-build.ts'

/** Kill points as fractions of a timed run of the same changed build. */
const killFractions = [0.1, 0.3, 0.5, 0.7, 0.9]

/** Change some inputs: a word in five generated pages, and a comment in base.njk so that every page is rendered again. */
function changeInputs(root: string): void {
  const pages = listFiles(path.join(root, 'articles', 'generated')).filter((file) => file.endsWith('.txt'))
  for (const file of pages.filter((_, index) => index % 60 === 0).slice(0, 5)) {
    const target = path.join(root, 'articles', 'generated', file)
    writeFileSync(target, readFileSync(target, 'utf8').replace('本报讯', '本报讯 (修订)'))
  }
  appendFileSync(path.join(root, 'templates', 'base.njk'), '\n{# changed by the kill test #}\n')
}

/** Paths whose bytes differ between two sites, or that one of them lacks. */
function differingFiles(site: Record<string, string>, other: Record<string, string>): string[] {
  return [...new Set([...Object.keys(site), ...Object.keys(other)])].filter((file) => site[file] !== other[file]).sort()
}

describe('a build killed with SIGKILL', () => {
  it(`leaves the previous site byte-identical at ${killFractions.length} kill points, and the next build equals a clean one`, async () => {
    const root = childProject(300)
    const first = await runBuild(root, 'dist')
    expect(first.code, first.stderr).toBe(0)
    const previousSite = hashTree(path.join(root, 'dist'))
    changeInputs(root)

    // Time the changed build in a copy (trees, link and cache included), so kill points spread over its run.
    const rehearsal = mkdtempSync(path.join(tmpdir(), 'news-archive-faults-rehearsal-'))
    cpSync(root, rehearsal, { recursive: true, verbatimSymlinks: true })
    const timed = await runBuild(rehearsal, 'dist')
    expect(timed.code, timed.stderr).toBe(0)

    const newSite = hashTree(path.join(rehearsal, 'dist'))
    expect(differingFiles(newSite, previousSite).length).toBeGreaterThan(1000)

    // Before the link swings the site is the previous one; after it, the new one (a kill while the cache is saved). Never a mix.
    const outcomes: string[] = []
    for (const fraction of killFractions) {
      const build = startBuild(root, 'dist')
      await new Promise((resolve) => setTimeout(resolve, fraction * timed.milliseconds))
      build.child.kill('SIGKILL')
      const ended = await build.done
      if (ended.signal !== 'SIGKILL') {
        // On a loaded machine a late kill point can come after the build has finished: then the site is whole and new.
        expect(fraction, `the build at ${fraction} of its run ended by itself: ${ended.stderr}`).toBeGreaterThanOrEqual(0.7)
        expect(ended.code, ended.stderr).toBe(0)
      }
      const site = hashTree(path.join(root, 'dist'))
      const outcome = differingFiles(site, previousSite).length === 0 ? 'previous' : differingFiles(site, newSite).length === 0 ? 'new' : 'mixed'
      expect(outcome, `after the kill at ${fraction} of the run: ${differingFiles(site, previousSite).slice(0, 5).join(', ')} …`).not.toBe('mixed')
      outcomes.push(outcome)
    }
    // The swap is the build's last step: the early kills all land before it.
    expect(outcomes.slice(0, 3)).toEqual(['previous', 'previous', 'previous'])

    const final = await runBuild(root, 'dist')
    expect(final.code, final.stderr).toBe(0)
    const clean = mkdtempSync(path.join(tmpdir(), 'news-archive-faults-clean-'))
    for (const name of ['articles', 'templates', 'public', 'tags.yaml', 'conversion-overrides.yaml']) cpSync(path.join(root, name), path.join(clean, name), { recursive: true })
    const cleanBuild = await runBuild(clean, 'dist')
    expect(cleanBuild.code, cleanBuild.stderr).toBe(0)
    const finalSite = hashTree(path.join(root, 'dist'))
    expect(finalSite).not.toEqual(previousSite)
    expect(differingFiles(finalSite, hashTree(path.join(clean, 'dist'))), 'the final build against a clean build').toEqual([])
  }, 300_000)
})

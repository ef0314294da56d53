// The two site trees behind the output folder (src/build/site-trees.ts) when their files are made on
// a writer thread: the same site as made on the build's thread, and a failure there leaves the live
// site as it was.
import { readFileSync, readlinkSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { digest } from '../../src/build/fingerprint.ts'
import { SiteTrees, type TreesState } from '../../src/build/site-trees.ts'
import { tempDirs } from '../helpers/temp-dirs.ts'

const tempDir = tempDirs('site-trees-')

/** Pages `2019/12/<n>/index.html` for n in 0…count-1, with contents depending on `edition`. */
function pages(count: number, edition: string): [string, string][] {
  return Array.from({ length: count }, (_, index) => [`2019/12/${index}/index.html`, `<h1>第${index}篇 ${edition}</h1>`])
}

/** Build a site of `files` into `outDir` after `remembered`, with a writer thread from the `threadFrom`th file placed. */
async function buildSite(outDir: string, remembered: TreesState | undefined, files: [string, string][], threadFrom: number) {
  const trees = await SiteTrees.open(outDir, remembered)
  const update = trees.begin()
  update.writeOnThreadFrom(threadFrom)
  try {
    for (const [relative, contents] of files) await update.put(relative, digest(contents), contents)
    const result = await update.commit()
    return { result, state: trees.remembered }
  } finally {
    await update.close()
  }
}

describe('site trees made on a writer thread', () => {
  it('write a cold site, then link the unchanged files of the next one into the other tree', async () => {
    const outDir = path.join(tempDir(), 'dist')
    const first = await buildSite(outDir, undefined, pages(300, '初版'), 10)
    expect(first.result).toMatchObject({ written: 300, linked: 0, swapped: true })
    expect(readFileSync(path.join(outDir, '2019/12/299/index.html'), 'utf8')).toBe('<h1>第299篇 初版</h1>')

    // Every tenth page changed: the rest are hard links to the live tree's files, made on the thread.
    const next = pages(300, '初版').map(([relative, contents], index): [string, string] => [relative, index % 10 === 0 ? contents.replace('初版', '修订') : contents])
    const second = await buildSite(outDir, first.state, next, 10)
    expect(second.result).toMatchObject({ written: 30, linked: 270, swapped: true })
    for (const [relative, contents] of next) expect(readFileSync(path.join(outDir, relative), 'utf8')).toBe(contents)
    const liveTree = path.join(path.dirname(outDir), readlinkSync(outDir))
    const otherTree = path.join(path.dirname(outDir), liveTree.endsWith('-a') ? '.dist-b' : '.dist-a')
    expect(statSync(path.join(liveTree, '2019/12/1/index.html')).ino).toBe(statSync(path.join(otherTree, '2019/12/1/index.html')).ino)
  })

  it('a file the writer thread cannot make fails the commit, with its code, and the live site stays', async () => {
    const outDir = path.join(tempDir(), 'dist')
    const first = await buildSite(outDir, undefined, pages(20, '初版'), 5)
    const live = readlinkSync(outDir)
    // `2019/12/3` is a page's folder: a file of that name cannot be made beside it.
    const files: [string, string][] = [...pages(20, '修订'), ['2019/12/3', 'a file where a folder is']]
    const failure = await buildSite(outDir, first.state, files, 5).then(
      () => null,
      (error: NodeJS.ErrnoException) => error,
    )
    expect(failure?.code).toBe('EISDIR')
    expect(readlinkSync(outDir)).toBe(live)
    expect(readFileSync(path.join(outDir, '2019/12/3/index.html'), 'utf8')).toBe('<h1>第3篇 初版</h1>')
  })
})

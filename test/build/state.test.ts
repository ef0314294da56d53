// What a build remembers for the next one, as stored in the cache folder (src/build/state.ts).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { markTreeChanging, readBuildState, writeBuildState, type BuildState, type RememberedRoute } from '../../src/build/state.ts'

let cacheDir = ''
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'state-test-'))
})
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true })
})

// A large archive's state: more routes and files than one part of the file holds.
const pageCount = 40_000
const route = (n: number): [string, RememberedRoute] => [`2019/12/${n}/`, { fingerprint: `f${n}`, outputs: [[`2019/12/${n}/index.html`, `d${n}`, n]] }]
const files = (extra: string) => new Map(Array.from({ length: pageCount }, (_, n) => [`2019/12/${n}/index.html`, `d${n}${extra}`]))
const state = (): BuildState => ({
  routes: new Map(Array.from({ length: pageCount }, (_, n) => route(n))),
  trees: { live: 'b', files: { a: files('a'), b: files('b') } },
  last: { inputKey: 'k', report: '', articles: 3, pages: pageCount },
  sources: { byPath: new Map([['/archive/articles/1.txt', ['1 2 3', true, 'key']]]) },
})
const plain = (built: BuildState) => ({ ...built, routes: built.routes })

describe('the build state', () => {
  it('comes back as it was written, every route and file of a large archive included', async () => {
    const written = state()
    await writeBuildState(cacheDir, '/site', 'code-1', written)
    const read = await readBuildState(cacheDir, '/site', 'code-1')
    expect(plain(read)).toEqual(written)
    expect([...read.routes.keys()]).toEqual([...written.routes.keys()])
  })

  it('tells a tree whose files are unknown from a tree with none', async () => {
    const written: BuildState = { ...state(), trees: { live: 'a', files: { a: new Map(), b: null } } }
    await writeBuildState(cacheDir, '/site', 'code-1', written)
    expect((await readBuildState(cacheDir, '/site', 'code-1')).trees).toEqual({ live: 'a', files: { a: new Map(), b: null } })
  })

  it('forgets a tree marked as changing, and the last build with it', async () => {
    await writeBuildState(cacheDir, '/site', 'code-1', state())
    await markTreeChanging(cacheDir, '/site', 'a')
    const read = await readBuildState(cacheDir, '/site', 'code-1')
    expect(read.trees?.files.a).toBeNull()
    expect(read.trees?.files.b?.size).toBe(pageCount)
    expect(read.last).toBeUndefined()
  })

  it('is empty for other code, another output folder, or a file cut short', async () => {
    await writeBuildState(cacheDir, '/site', 'code-1', state())
    const empty = { routes: new Map(), trees: undefined, last: undefined }
    expect(plain(await readBuildState(cacheDir, '/site', 'code-2'))).toEqual(empty)
    expect(plain(await readBuildState(cacheDir, '/other', 'code-1'))).toEqual(empty)
    const file = path.join(cacheDir, (await readdir(cacheDir)).find((name) => name.endsWith('.v8')) as string)
    await writeFile(file, (await readFile(file)).subarray(0, 1 << 16))
    expect(plain(await readBuildState(cacheDir, '/site', 'code-1'))).toEqual(empty)
  })
})

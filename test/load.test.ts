// A loader that remembers its sources' stamps (the builder's, and the cache's) reads again only the sources whose file status changed.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { parseArchive } from '../src/load.ts'
import { readArchive, type SourceStamps } from '../src/scan.ts'
import type { ParseCache } from '../src/parse-cache.ts'
import { fixtureArticles } from './build/built-site.ts'
import { tempDirs } from './helpers/temp-dirs.ts'

const reads = vi.hoisted(() => ({ paths: [] as string[] }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  const readFile = ((file: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    reads.paths.push(String(file))
    return (actual.readFile as (...args: unknown[]) => unknown)(file, ...rest)
  }) as typeof actual.readFile
  return { ...actual, readFile, default: { ...actual, readFile } }
})

const newFolder = tempDirs('news-archive-load-')

function articlesFolder(): string {
  const dir = newFolder()
  cpSync(fixtureArticles, dir, { recursive: true })
  return dir
}

/** A loader as the builder keeps one: parse cache and source stamps carried from load to load; `changed` as a watcher reports. */
function loader(dir: string, settledAfter?: number) {
  let cache: ParseCache = new Map()
  let stamps: SourceStamps | undefined
  return async (changed?: string[]) => {
    reads.paths.length = 0
    const used: ParseCache = new Map()
    const changedPaths = changed && new Set(changed.map((file) => path.join(dir, file)))
    const read = await readArchive(dir, { root: dir, stamps, settledAfter, changedPaths })
    stamps = read.stamps
    const loaded = await parseArchive(read, cache, used)
    cache = used
    return { loaded, read: reads.paths.map((file) => path.relative(dir, file)).sort() }
  }
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

describe('a long-lived loader', () => {
  it('reads again only the sources whose status changed, and gives their new records', async () => {
    const dir = articlesFolder()
    await pause(20)
    const load = loader(dir, 0)
    const first = await load()
    expect(first.read.length).toBeGreaterThan(3)
    const second = await load()
    expect(second.read).toEqual([])
    expect(second.loaded.articleRecords).toEqual(first.loaded.articleRecords)
    expect(second.loaded.files.map((file) => String(file.value))).toEqual(first.loaded.files.map((file) => String(file.value)))

    const page = path.join(dir, '2019/12/24/01.txt')
    writeFileSync(page, readFileSync(page, 'utf8').replace('。', '!'))
    await pause(20)
    const third = await load()
    expect(third.read).toEqual(['2019/12/24/01.txt'])
    expect(third.loaded.keyBySource.get('2019/12/24/01.txt')).not.toBe(second.loaded.keyBySource.get('2019/12/24/01.txt'))
    expect(third.loaded.articleRecords.some((record) => record.source === '2019/12/24/01.txt' && JSON.stringify(record).includes('!'))).toBe(true)
  })

  it('reads a source again while it changed too recently for its status to be trusted', async () => {
    const dir = articlesFolder()
    const load = loader(dir)
    const first = await load()
    const second = await load()
    expect(second.read).toEqual(first.read)
  })

  it('with a watcher\'s list of changed paths, looks at those alone and finds added and removed files among them', async () => {
    const dir = articlesFolder()
    const load = loader(dir)
    const first = await load()
    const sources = first.loaded.files.map((file) => file.path)
    // Changed, but not reported: the watcher vouches for every path it does not name.
    const unreported = path.join(dir, '2019/12/24/01.txt')
    writeFileSync(unreported, readFileSync(unreported, 'utf8').replace('。', '!'))
    const quiet = await load([])
    expect(quiet.read).toEqual([])
    expect(quiet.loaded.files.map((file) => file.path)).toEqual(sources)

    const added = path.join(dir, '2019/12/24/09.txt')
    writeFileSync(added, '冬季集市开张\n\n本报讯 12月20日,控江路街道的冬季集市开张,吸引了不少居民。\n')
    rmSync(path.join(dir, '2020/01/07/01.txt'))
    const changed = await load(['2019/12/24/01.txt', '2019/12/24/09.txt', '2020/01/07/01.txt'])
    expect(changed.read).toEqual(['2019/12/24/01.txt', '2019/12/24/09.txt'])
    expect(changed.loaded.files.map((file) => file.path)).toEqual([...sources.filter((file) => file !== '2020/01/07/01.txt'), '2019/12/24/09.txt'].sort())
    expect(changed.loaded.articleRecords.some((record) => record.source === '2019/12/24/01.txt' && JSON.stringify(record).includes('!'))).toBe(true)
  })

  it('scans the whole folder again when a watcher reports a folder', async () => {
    const dir = articlesFolder()
    const load = loader(dir)
    await load()
    cpSync(path.join(dir, '2019/12/24'), path.join(dir, '2019/12/31'), { recursive: true })
    const scanned = await load(['2019/12/31'])
    expect(scanned.loaded.files.map((file) => file.path)).toContain('2019/12/31/01.txt')
  })

  it('reads and parses itself a source handed to a worker that failed to parse it', async () => {
    const dir = articlesFolder()
    const alone = await parseArchive(await readArchive(dir, { root: dir }))
    const read = await readArchive(dir, { root: dir })
    // As RenderPool.parse leaves them: the bytes moved to the worker, which sent nothing back.
    const handed = read.sources.slice(-2)
    for (const { file } of handed) file.value = ''
    const loaded = await parseArchive(read, new Map(), new Map(), { keys: new Set(handed.map(({ key }) => key)), entries: Promise.resolve(new Map()) })
    expect(loaded.parsedElsewhere).toBe(0)
    expect(loaded.parsed).toBe(read.sources.length)
    expect(loaded.articleRecords.length).toBeGreaterThan(0)
    expect(JSON.stringify(loaded.articleRecords)).toBe(JSON.stringify(alone.articleRecords))
    expect(loaded.files.map((file) => file.messages.map(String))).toEqual(alone.files.map((file) => file.messages.map(String)))
  })
})

// Rebuilds do only what changed, as Hugo's rebuild tests assert: by counting rendered pages.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBuilder, type BuildResult } from '../../src/build.ts'
import { defaultConfig } from '../../src/config.ts'
import { fixtureArticles, hashTree, listFiles, repositoryRoot } from './built-site.ts'

const temps: string[] = []
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A project folder holding a copy of the fixture archive and the repository's templates, public/ and settings. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'news-archive-incremental-'))
  temps.push(root)
  cpSync(fixtureArticles, path.join(root, 'articles'), { recursive: true })
  for (const name of ['templates', 'public', 'tags.yaml', 'conversion-overrides.yaml']) cpSync(path.join(repositoryRoot, name), path.join(root, name), { recursive: true })
  return root
}

const builderFor = (root: string) => createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false })

async function built(result: Promise<BuildResult>): Promise<BuildResult> {
  const done = await result
  expect(done.ok, done.report + done.summary).toBe(true)
  return done
}

/** mtime of every file of the live site: a file rewritten gets a new one. */
function mtimes(out: string): Record<string, number> {
  return Object.fromEntries(listFiles(out).map((file) => [file, statSync(path.join(out, file)).mtimeMs]))
}

describe('incremental builds', () => {
  it('a rebuild with nothing changed renders nothing and rewrites no file, in a new process too', async () => {
    const root = project()
    const first = await built(builderFor(root).build())
    expect(first.renderedRoutes.length).toBeGreaterThan(50)
    const out = path.join(root, 'dist')
    const before = mtimes(out)
    const warm = await built(builderFor(root).build())
    expect(warm.renderedRoutes).toEqual([])
    expect(warm.files).toEqual({ written: 0, linked: 0, removed: 0, swapped: false })
    expect(mtimes(out)).toEqual(before)
  })

  it('an edited article re-renders exactly its dependents, in both scripts', async () => {
    const root = project()
    const builder = builderFor(root)
    await built(builder.build())
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    writeFileSync(page, readFileSync(page, 'utf8').replace('区网信办在平凉路街道举办', '区网信办在殷行街道举办'))
    const edited = await built(builder.build())
    const perScript = (url: string) => [url, `zh-hant/${url}`]
    expect([...edited.renderedRoutes].sort()).toEqual(
      [
        // The article, its issue, month and year pages, the tag and author pages listing it,
        // the home page, the feeds and the search index; no other article's page.
        ...perScript('2020/01/07/1-1/'),
        ...perScript('2020/01/07/'),
        ...perScript('2020/01/'),
        ...perScript(''),
        ...perScript('feed.xml'),
        'search/index',
        ...edited.renderedRoutes.filter((route) => /(^|\/)(tags|authors)\//.test(route)),
      ].sort(),
    )
    expect(edited.renderedRoutes.filter((route) => /(^|\/)(tags|authors)\/[^/]+\/$/.test(route)).length).toBeGreaterThan(0)
    expect(edited.renderedRoutes.some((route) => /^(zh-hant\/)?2019\//.test(route))).toBe(false)
  })

  it('an edited or added article is the only story the search index reads again, and the index is a clean build\'s', async () => {
    const root = project()
    const builder = builderFor(root)
    const first = await built(builder.build())
    expect(first.render?.searchScannedStories).toBeGreaterThan(5)
    const article = path.join(root, 'articles/2019/12/24/new-year-concert.md')
    const text = readFileSync(article, 'utf8')
    writeFileSync(article, text.replace('二十余首中外名曲', '三十余首中外名曲和一首新年组曲'))
    const edited = await built(builder.build())
    expect(edited.render?.searchScannedStories).toBe(1)
    // An article on a day between the others: every later document's number moves up by one.
    writeFileSync(path.join(root, 'articles/2019/12/24/winter-fair.md'), text.replace('slug: new-year-concert', 'slug: winter-fair').replace('date: 2019-12-24', 'date: 2019-12-20').replace('新年音乐会走进社区', '冬季集市开张'))
    const added = await built(builder.build())
    expect(added.render?.searchScannedStories).toBe(1)
    const clean = project()
    cpSync(path.join(root, 'articles'), path.join(clean, 'articles'), { recursive: true })
    await built(builderFor(clean).build())
    expect(hashTree(path.join(root, 'dist/search'))).toEqual(hashTree(path.join(clean, 'dist/search')))
  })

  it('an edited template re-renders only the pages that use it', async () => {
    const root = project()
    const builder = builderFor(root)
    const first = await built(builder.build())
    const articlePages = first.renderedRoutes.filter((route) => /\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(route))
    writeFileSync(path.join(root, 'templates/article.njk'), readFileSync(path.join(root, 'templates/article.njk'), 'utf8').replace('</article>', '<p>修订</p></article>'))
    const edited = await built(builder.build())
    expect([...edited.renderedRoutes].sort()).toEqual([...articlePages].sort())
    expect(edited.files.written).toBe(articlePages.length)
  })

  it('a changed public/ file is the only file written', async () => {
    const root = project()
    const builder = builderFor(root)
    await built(builder.build())
    writeFileSync(path.join(root, 'public/style.css'), `${readFileSync(path.join(root, 'public/style.css'), 'utf8')}\n/* changed */\n`)
    const edited = await built(builder.build())
    expect(edited.renderedRoutes).toEqual([])
    expect(edited.files.written).toBe(1)
    expect(readFileSync(path.join(root, 'dist/style.css'), 'utf8')).toContain('/* changed */')
  })

  it('a removed page file takes its pages, and their folders, out of the site', async () => {
    const root = project()
    const builder = builderFor(root)
    await built(builder.build())
    // A second build that changes something makes the other tree; from then on both are known
    // and a build updates the older one in place.
    writeFileSync(path.join(root, 'public/extra.txt'), 'x')
    await built(builder.build())
    rmSync(path.join(root, 'public/extra.txt'))
    rmSync(path.join(root, 'articles/2020/01/07/01.txt'))
    const removed = await built(builder.build())
    expect(removed.files.removed).toBeGreaterThan(0)
    const out = path.join(root, 'dist')
    expect(listFiles(out).filter((file) => file.includes('2020/01/07'))).toEqual([])
    expect(existsSync(path.join(out, '2020/01/07'))).toBe(false)
    // …and the same site as a clean build of what is left.
    const clean = project()
    rmSync(path.join(clean, 'articles/2020/01/07/01.txt'))
    expect(existsSync(path.join(clean, 'public/extra.txt'))).toBe(false)
    await built(builderFor(clean).build())
    expect(hashTree(out)).toEqual(hashTree(path.join(clean, 'dist')))
  })

  it('a deleted, truncated or corrupted cache gives the same site', async () => {
    const root = project()
    await built(builderFor(root).build())
    const reference = hashTree(path.join(root, 'dist'))
    const page = path.join(root, 'articles/2019/12/24/01.txt')
    const original = readFileSync(page, 'utf8')
    const cacheFiles = () => listFiles(path.join(root, '.cache')).map((file) => path.join(root, '.cache', file))
    const damages: [string, (file: string) => void][] = [
      ['truncated', (file) => writeFileSync(file, readFileSync(file).subarray(0, 100))],
      ['corrupted', (file) => {
        const bytes = readFileSync(file)
        bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10)
        writeFileSync(file, bytes)
      }],
      ['deleted', (file) => rmSync(file)],
    ]
    for (const [, damage] of damages) {
      // Change the site and change it back, so that the damaged cache has something to be wrong about.
      writeFileSync(page, original.replace('。', '!'))
      await built(builderFor(root).build())
      writeFileSync(page, original)
      for (const file of cacheFiles()) damage(file)
      await built(builderFor(root).build())
      expect(hashTree(path.join(root, 'dist'))).toEqual(reference)
    }
  })
})

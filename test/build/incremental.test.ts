// Rebuilds do only what changed, as Hugo's rebuild tests assert: by counting rendered pages.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, createBuilder, type BuildResult } from '../../src/build.ts'
import { digest } from '../../src/build/fingerprint.ts'
import { codeDigest } from '../../src/build/inputs.ts'
import { readParseCache, readStoredTags } from '../../src/build/state.ts'
import { defaultConfig } from '../../src/config.ts'
import { generatePages } from '../../scripts/corpus.ts'
import { editOnePage } from '../../scripts/bench/edit.ts'
import { tempDirs } from '../helpers/temp-dirs.ts'
import { fixtureArticles, hashTree, listFiles, repositoryRoot } from './built-site.ts'

const newFolder = tempDirs('news-archive-incremental-')

/** A project folder holding a copy of the fixture archive and the repository's templates, public/ and settings. */
function project(): string {
  const root = newFolder()
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

/** The live site of `root` is what a clean build makes with its copy of the page `relative`. */
async function expectCleanBuildsSite(root: string, relative: string): Promise<void> {
  const clean = project()
  writeFileSync(path.join(clean, 'articles', relative), readFileSync(path.join(root, 'articles', relative)))
  await built(builderFor(clean).build())
  expect(hashTree(path.join(root, 'dist'))).toEqual(hashTree(path.join(clean, 'dist')))
}

/** mtime of every file of the live site: a file rewritten gets a new one. */
function mtimes(out: string): Record<string, number> {
  return Object.fromEntries(listFiles(out).map((file) => [file, statSync(path.join(out, file)).mtimeMs]))
}

describe('incremental builds', () => {
  it('a one-shot build (news-archive build), keeping nothing for a next build, makes the same site and cache as a builder', async () => {
    const once = project()
    expect(await build({ ...defaultConfig }, { root: once, log: () => {}, progress: false })).toBe(0)
    const kept = project()
    await built(builderFor(kept).build())
    expect(hashTree(path.join(once, 'dist'))).toEqual(hashTree(path.join(kept, 'dist')))
    // What it cached serves a builder that comes after it: nothing to do.
    expect((await built(builderFor(once).build())).summary).toMatch(/^Nothing changed/u)
  })

  it('a one-shot build caches every parse, so that the next parses only what changed, and forgets a removed source', async () => {
    const root = project()
    const summaries: string[] = []
    const once = () => build({ ...defaultConfig }, { root, log: (line) => summaries.push(line), progress: false })
    expect(await once()).toBe(0)
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    writeFileSync(page, readFileSync(page, 'utf8').replace('区网信办在平凉路街道举办', '区网信办在殷行街道举办'))
    expect(await once()).toBe(0)
    expect(summaries.at(-1)).toMatch(/ from 6 files \(1 parsed\)/u)
    rmSync(path.join(root, 'articles/2019/11/26/02.txt'))
    expect(await once()).toBe(0)
    expect(summaries.at(-1)).toMatch(/ from 5 files \(0 parsed\)/u)
    const { cache } = await readParseCache(path.join(root, '.cache'), await codeDigest(digest))
    expect(cache.size).toBe(5)
  })

  it('a build in a new process scans the search terms of the edited story only, and makes the site a clean build makes', async () => {
    const root = project()
    const once = () => built(createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false, rebuilds: false }).build())
    expect((await once()).render?.searchScannedStories).toBeGreaterThan(5)
    const relative = '2020/01/07/01.txt'
    const page = path.join(root, 'articles', relative)
    writeFileSync(page, readFileSync(page, 'utf8').replace('区网信办在平凉路街道举办', '区网信办在殷行街道举办'))
    const tagsBefore = readFileSync(path.join(root, '.cache/tags.v8'))
    const edited = await once()
    expect(edited.render?.searchScannedStories).toBe(1)
    await expectCleanBuildsSite(root, relative)
    // Every article's tags are stored too, the edited one's under its new content.
    const tags = await readStoredTags(path.join(root, '.cache'), await codeDigest(digest))
    expect(tags?.byKey.size).toBe(Number(/^Built (\d+) articles/u.exec(edited.summary)?.[1]))
    expect(readFileSync(path.join(root, '.cache/tags.v8')).equals(tagsBefore)).toBe(false)
    // The first build of a builder that builds again (news-archive dev) reads them too.
    writeFileSync(page, readFileSync(page, 'utf8').replace('区网信办在殷行街道举办', '区网信办在江浦路街道举办'))
    expect((await built(builderFor(root).build())).render?.searchScannedStories).toBe(1)
    await expectCleanBuildsSite(root, relative)
  })

  it('stores search terms and tags again only when a build redid a 64th of the archive; what is stored still serves', async () => {
    const root = newFolder()
    for (const page of generatePages({ articles: 500, seed: 3 })) {
      mkdirSync(path.dirname(path.join(root, 'articles', page.path)), { recursive: true })
      writeFileSync(path.join(root, 'articles', page.path), page.text)
    }
    for (const name of ['templates', 'public', 'tags.yaml', 'conversion-overrides.yaml']) cpSync(path.join(repositoryRoot, name), path.join(root, name), { recursive: true })
    const once = () => built(createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false, rebuilds: false, workers: 0 }).build())
    const stored = () => ['search-terms.v8', 'tags.v8'].map((name) => readFileSync(path.join(root, '.cache', name)))
    expect((await once()).render?.searchScannedStories).toBeGreaterThan(64)
    const first = stored()
    const edit = await editOnePage(path.join(root, 'articles'))
    const page = path.join(root, 'articles', edit.file)
    const edited = await once()
    // The stories of the edited page, fewer than a 64th of the archive's: the files are as they were.
    expect(edited.render?.searchScannedStories).toBeGreaterThan(0)
    expect(edited.render!.searchScannedStories * 64).toBeLessThan(500)
    expect(stored()).toEqual(first)
    // They still hold the page as it was before the edit: put back, it is scanned no more.
    writeFileSync(page, readFileSync(page, 'utf8').replace(edit.after, edit.before))
    expect((await once()).render?.searchScannedStories).toBe(0)
  })

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

  it('knows sources by their file status: a touched file is no change, an edit of the same size is seen', async () => {
    const root = project()
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const anHourAgo = new Date(Date.now() - 3_600_000)
    for (const file of listFiles(path.join(root, 'articles'))) utimesSync(path.join(root, 'articles', file), anHourAgo, anHourAgo)
    await built(builderFor(root).build())
    utimesSync(page, new Date(), new Date())
    expect((await built(builderFor(root).build())).renderedRoutes).toEqual([])
    // Same length in UTF-8, new modification time: read, and re-rendered.
    writeFileSync(page, readFileSync(page, 'utf8').replace('平凉路街道', '殷行路街道'))
    const edited = await built(builderFor(root).build())
    expect(edited.renderedRoutes).toContain('2020/01/07/1-1/')
  })

  it('sees an edit that keeps the size and puts the modification time back', async () => {
    const root = project()
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const stamp = new Date(Date.now() - 3_600_000)
    utimesSync(page, stamp, stamp)
    // Settled (unchanged for over two seconds) when the build looks at it, so its status is trusted.
    await new Promise((resolve) => setTimeout(resolve, 2100))
    await built(builderFor(root).build())
    // Changed, same size, modification time as it was: the change time still moves.
    writeFileSync(page, readFileSync(page, 'utf8').replace('平凉路街道', '殷行路街道'))
    utimesSync(page, stamp, stamp)
    const edited = await built(builderFor(root).build())
    expect(edited.renderedRoutes).toContain('2020/01/07/1-1/')
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

  it('a new process (news-archive build after an edit) renders the same pages as the builder that made the site', async () => {
    const warm = project()
    const cold = project()
    const warmBuilder = builderFor(warm)
    await built(warmBuilder.build())
    await built(builderFor(cold).build())
    const edit = (root: string) => {
      const page = path.join(root, 'articles/2020/01/07/01.txt')
      writeFileSync(page, readFileSync(page, 'utf8').replace('区网信办在平凉路街道举办', '区网信办在殷行街道举办'))
    }
    edit(warm)
    edit(cold)
    const inProcess = await built(warmBuilder.build())
    // What the last build remembered is read back from the cache folder, every page's fingerprint with it.
    const newProcess = await built(builderFor(cold).build())
    expect(newProcess.renderedRoutes.length).toBeLessThan(40)
    expect([...newProcess.renderedRoutes].sort()).toEqual([...inProcess.renderedRoutes].sort())
  })

  it('an edit past what lists show of a long article re-renders only the pages showing it whole', async () => {
    const root = project()
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    // Lists show an article's opening (its head); these paragraphs take this one well past it.
    const closing = Array.from({ length: 6 }, (_, index) => `第${index + 1}场讲座之后,社区工作人员挨家挨户上门回访,帮助老年居民在手机上安装反诈软件,并把常见的诈骗话术整理成通俗易懂的宣传册,发放到每一个楼组。`)
    writeFileSync(page, `${readFileSync(page, 'utf8').trimEnd()}\n\n${closing.join('\n\n')}\n`)
    const builder = builderFor(root)
    await built(builder.build())
    writeFileSync(page, readFileSync(page, 'utf8').replace('第6场讲座之后', '第六场讲座之后'))
    const edited = await built(builder.build())
    const perScript = (url: string) => [url, `zh-hant/${url}`]
    // The article's page and the feeds carry its whole text; its issue, month, tag and author pages show only its head.
    expect([...edited.renderedRoutes].sort()).toEqual([...perScript('2020/01/07/1-1/'), ...perScript('feed.xml'), 'search/index'].sort())
    expect(readFileSync(path.join(root, 'dist/2020/01/07/1-1/index.html'), 'utf8')).toContain('第六场讲座之后')
    await expectCleanBuildsSite(root, '2020/01/07/01.txt')
  })

  it('told what a watcher saw, still sees an edit whose build failed for another reason once that is fixed', async () => {
    const root = project()
    const builder = builderFor(root)
    const first = await built(builder.build())
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const template = path.join(root, 'templates/article.njk')
    const goodTemplate = readFileSync(template, 'utf8')
    writeFileSync(page, readFileSync(page, 'utf8').replace('网络安全知识进社区', '网络安全知识走进社区'))
    writeFileSync(template, `${goodTemplate}{% if %}`)
    expect((await builder.build({ changedPaths: [page, template] })).ok).toBe(false)
    writeFileSync(template, goodTemplate)
    // The watcher names only the template now: the page's edit is still owed from the failed build.
    const fixed = await built(builder.build({ changedPaths: [template] }))
    expect(fixed.renderedRoutes).toContain('2020/01/07/1-1/')
    expect(readFileSync(path.join(root, 'dist/2020/01/07/1-1/index.html'), 'utf8')).toContain('网络安全知识走进社区')
    // With the plan unchanged, an edit visits only the pages holding the article, and gives a clean build's site.
    writeFileSync(page, readFileSync(page, 'utf8').replace('网络诈骗', '电信诈骗'))
    const edited = await built(builder.build({ changedPaths: [page] }))
    expect(first.render?.checkedPages).toBe(first.renderedRoutes.length - 1)
    expect(edited.render?.checkedPages).toBe(edited.renderedRoutes.filter((route) => route !== 'search/index').length)
    expect(edited.render?.checkedPages).toBeLessThan((first.render?.checkedPages ?? 0) / 4)
    await expectCleanBuildsSite(root, '2020/01/07/01.txt')
  })

  it('prepared in idle time, the second tree leaves the first edit only the files it changes', async () => {
    const root = project()
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const builder = builderFor(root)
    const first = await built(builder.build())
    const out = path.join(root, 'dist')
    const before = mtimes(out)
    await builder.prepare()
    // The live site is not touched while the other tree is made.
    expect(mtimes(out)).toEqual(before)
    writeFileSync(page, readFileSync(page, 'utf8').replace('网络安全知识进社区', '网络安全知识走进社区'))
    const edited = await built(builder.build())
    expect(edited.files.linked).toBe(0)
    expect(edited.files.written).toBeLessThan(first.files.written / 4)
    expect(edited.files.written).toBeGreaterThan(0)
    // …and a new process finds both trees known: it links only what the last edit changed.
    writeFileSync(page, readFileSync(page, 'utf8').replace('网络诈骗', '电信诈骗'))
    const again = await built(builderFor(root).build())
    expect(again.files.linked + again.files.written).toBeLessThan(first.files.written / 2)
    await expectCleanBuildsSite(root, '2020/01/07/01.txt')
  })

  it('after a build that failed half-way through writing the other tree, a new process trusts nothing it wrote there', async () => {
    const root = project()
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const original = readFileSync(page, 'utf8')
    const builder = builderFor(root)
    await built(builder.build())
    writeFileSync(page, original.replace('网络安全知识进社区', '网络安全知识走进社区'))
    await built(builder.build())
    // Both trees are known now. This build writes its pages into the older tree, then stops at the public/ clash.
    writeFileSync(page, original.replace('网络安全知识进社区', '网络安全知识再进社区'))
    mkdirSync(path.join(root, 'public/2020/01/07/1-1'), { recursive: true })
    writeFileSync(path.join(root, 'public/2020/01/07/1-1/index.html'), 'clash')
    expect((await builder.build()).ok).toBe(false)
    rmSync(path.join(root, 'public/2020'), { recursive: true })
    // Back to what the older tree held before that build: a builder trusting the cache would keep the pages written since.
    writeFileSync(page, original)
    await built(builderFor(root).build())
    expect(readFileSync(path.join(root, 'dist/2020/01/07/1-1/index.html'), 'utf8')).not.toContain('再进社区')
    await expectCleanBuildsSite(root, '2020/01/07/01.txt')
  })

  it('edits in one builder, to text, a headline and the tags, give what a clean build of the same articles gives', async () => {
    const root = project()
    const builder = builderFor(root)
    await built(builder.build())
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const edits: [string, string, { othersKept: boolean }][] = [
      // Body text only: the plan is kept, with the new record in its entry.
      ['向居民讲解了识别网络诈骗的方法', '向居民讲解了识别电信诈骗的方法', { othersKept: true }],
      // The headline: shown on the issue, month, home, tag and author pages that list the article.
      ['网络安全知识进社区', '网络安全知识走进社区', { othersKept: true }],
      // A vocabulary term gives the article a tag (so older articles a new related one): the plan is made anew.
      ['不少居民留言表示收获很大', '不少老年人留言表示收获很大', { othersKept: false }],
    ]
    for (const [from, to, { othersKept }] of edits) {
      writeFileSync(page, readFileSync(page, 'utf8').replace(from, to))
      const edited = await built(builder.build())
      expect(edited.renderedRoutes).toContain('2020/01/07/1-1/')
      expect(edited.renderedRoutes).toContain('zh-hant/2020/01/07/1-1/')
      expect(edited.renderedRoutes.some((route) => /^(zh-hant\/)?2019\//.test(route))).toBe(!othersKept)
      await expectCleanBuildsSite(root, '2020/01/07/01.txt')
    }
  })

  it('an edited headline re-renders the pages that list the article, in both scripts', async () => {
    const root = project()
    const builder = builderFor(root)
    await built(builder.build())
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    writeFileSync(page, readFileSync(page, 'utf8').replace('网络安全知识进社区', '网络安全知识走进社区'))
    const edited = await built(builder.build())
    for (const url of ['2020/01/07/', '2020/01/', '', 'zh-hant/2020/01/07/', 'zh-hant/2020/01/', 'zh-hant/']) expect(edited.renderedRoutes).toContain(url)
    expect(readFileSync(path.join(root, 'dist/2020/01/07/index.html'), 'utf8')).toContain('网络安全知识走进社区')
    expect(readFileSync(path.join(root, 'dist/zh-hant/2020/01/07/index.html'), 'utf8')).toContain('知識走進社區')
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

  it('an edited card macro shows on every list that renders cards through the card() global', async () => {
    const root = project()
    const builder = builderFor(root)
    await built(builder.build())
    const macros = path.join(root, 'templates/_macros.njk')
    writeFileSync(macros, readFileSync(macros, 'utf8').replace('<article class="card">', '<article class="card card-edited">'))
    const edited = await built(builder.build())
    for (const route of ['tags/', '2019/12/10/', 'zh-hant/2019/12/10/', '']) {
      expect(edited.renderedRoutes, route).toContain(route)
    }
    const issuePage = readFileSync(path.join(root, 'dist/2019/12/10/index.html'), 'utf8')
    expect(issuePage).toContain('card card-edited')
    expect(issuePage).not.toContain('<article class="card">')
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

  it('the same folders named another way (./articles, an absolute path) find nothing changed', async () => {
    const root = project()
    const first = await built(builderFor(root).build())
    const renamed = { ...defaultConfig, articlesDir: './articles', outDir: path.join(root, 'dist'), vocabulary: path.join(root, 'tags.yaml'), conversionOverrides: './conversion-overrides.yaml' }
    const again = await built(createBuilder(renamed, { root, log: () => {}, progress: false }).build())
    expect(again.summary).toMatch(/^Nothing changed/u)
    // A setting that shows on every page still counts.
    const retitled = await built(createBuilder({ ...renamed, title: '杨浦时报档案' }, { root, log: () => {}, progress: false }).build())
    expect(retitled.renderedRoutes).toEqual(first.renderedRoutes)
  })

  it('a builder that saves in the background has its cache written once settled, and the next builder finds nothing changed', async () => {
    const root = project()
    const builder = createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false, saveInBackground: true })
    await built(builder.build())
    await builder.settled()
    expect(listFiles(path.join(root, '.cache', 'parse')).length).toBeGreaterThan(3)
    const again = await built(builderFor(root).build())
    expect(again.renderedRoutes).toEqual([])
    expect(again.summary).toMatch(/^Nothing changed/u)
  })

  it('an edit rewrites only the parse-cache shards whose sources changed', async () => {
    const root = project()
    await built(builderFor(root).build())
    const shards = path.join(root, '.cache', 'parse')
    const before = mtimes(shards)
    expect(Object.keys(before).length).toBeGreaterThan(3)
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    writeFileSync(page, readFileSync(page, 'utf8').replace('区网信办在平凉路街道举办', '区网信办在殷行街道举办'))
    await built(builderFor(root).build())
    const after = mtimes(shards)
    const changed = Object.keys({ ...before, ...after }).filter((shard) => before[shard] !== after[shard])
    // The shard the new parse goes into, and the one the old parse leaves.
    expect(changed.length).toBeGreaterThan(0)
    expect(changed.length).toBeLessThanOrEqual(2)
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

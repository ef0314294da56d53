// The built site in both scripts: every zh-Hans page has a zh-Hant twin, each links to the other,
// and an article written in Traditional is shown as written and converted only the other way.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { build } from '../../src/build.ts'
import { buildSite, listFiles, readPageText, repositoryRoot, sampleArticles, tempDir } from './built-site.ts'

const traditionalSource = path.join(repositoryRoot, 'test/fixtures/parse/traditional-script/input.txt')
const base = 'http://127.0.0.1:8080/'

/** The `href` of the first element matching `pattern`'s capture in `html`. */
function attribute(html: string, pattern: RegExp): string | undefined {
  return pattern.exec(html)?.[1]
}

describe('a build in both scripts', () => {
  let out: string
  let summary: string
  let pages: string[]

  beforeAll(async () => {
    const root = await tempDir()
    const articles = path.join(root, 'articles')
    mkdirSync(path.join(articles, '2019/12/10'), { recursive: true })
    copyFileSync(path.join(sampleArticles, '2019/12/10/02.txt'), path.join(articles, '2019/12/10/02.txt'))
    // A page a Taiwan contributor sent, in Traditional (its front matter names 2020-12-15, page 6).
    mkdirSync(path.join(articles, '2020/12/15'), { recursive: true })
    copyFileSync(traditionalSource, path.join(articles, '2020/12/15/06.txt'))
    out = path.join(root, 'dist')
    const result = await buildSite(articles, out)
    expect(result.code, result.stderr).toBe(0)
    summary = result.stderr
    pages = listFiles(out).filter((file) => file.endsWith('.html'))
  }, 60_000)

  it('gives every zh-Hans page a zh-Hant twin at the same path under zh-hant/, each linking to the other', () => {
    const hansPages = pages.filter((file) => !file.startsWith('zh-hant/'))
    expect(hansPages.length).toBeGreaterThan(20)
    expect(pages.filter((file) => file.startsWith('zh-hant/'))).toHaveLength(hansPages.length)
    for (const file of hansPages) {
      const twinFile = `zh-hant/${file}`
      expect(existsSync(path.join(out, twinFile)), twinFile).toBe(true)
      const hans = readFileSync(path.join(out, file), 'utf8')
      const hant = readFileSync(path.join(out, twinFile), 'utf8')
      expect(hans, file).toMatch(/^<!DOCTYPE html>\n<html lang="zh-Hans">/)
      expect(hant, twinFile).toMatch(/^<!DOCTYPE html>\n<html lang="zh-Hant">/)
      if (file === '404.html') continue
      const urlPath = file.replace(/index\.html$/, '')
      // The header switch lands on the twin of this very page.
      expect(attribute(hans, /<a href="([^"]*)" lang="zh-Hant" hreflang="zh-Hant">/), file).toBe(`/zh-hant/${urlPath}`)
      expect(attribute(hant, /<a href="([^"]*)" lang="zh-Hans" hreflang="zh-Hans">/), twinFile).toBe(`/${urlPath}`)
      for (const html of [hans, hant]) {
        expect(html).toContain(`<link rel="alternate" hreflang="zh-Hans" href="${base}${urlPath}">`)
        expect(html).toContain(`<link rel="alternate" hreflang="zh-Hant" href="${base}zh-hant/${urlPath}">`)
        expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${base}${urlPath}">`)
      }
    }
  })

  it('links every page header to the search page in its own script', () => {
    expect(pages).toContain('search/index.html')
    expect(readPageText(out, '/2019/12/10/2-1/')).toContain('<a href="/search/">搜索</a>')
    expect(readPageText(out, '/zh-hant/2019/12/10/2-1/')).toContain('<a href="/zh-hant/search/">搜索</a>')
    expect(readPageText(out, '/zh-hant/search/')).toContain('data-search-index="/search/"')
  })

  it('shows a Simplified article in Traditional on its zh-Hant page, with the author linked to the same page', () => {
    const hans = readPageText(out, '/2019/12/10/2-1/')
    const hant = readPageText(out, '/zh-hant/2019/12/10/2-1/')
    expect(hans).toContain('杨晓梅')
    for (const word of ['楊曉梅', '養老', '區委', '垃圾分類']) expect(hant).toContain(word)
    expect(hant).not.toContain('杨晓梅')
    expect(hans).toContain('<a href="/authors/yang-xiao-mei/">杨晓梅</a>')
    expect(hant).toContain('<a href="/zh-hant/authors/yang-xiao-mei/">楊曉梅</a>')
    expect(readPageText(out, '/zh-hant/authors/yang-xiao-mei/')).toContain('楊曉梅')
  })

  it('keeps a Traditional source unchanged on its zh-Hant page and converts its zh-Hans twin tw→cn', () => {
    const hant = readPageText(out, '/zh-hant/2020/12/15/6-1/')
    const hans = readPageText(out, '/2020/12/15/6-1/')
    expect(hant).toContain('<h1 class="headline">楓林老街打造友善步行空間</h1>')
    // cn→tw would turn 里長 into 裡長 and 台北 into 臺北: the source is never converted into its own script.
    expect(hant).toContain('里長陳文雄表示，過去老街騎樓高低不平')
    expect(hant).not.toContain('裡長')
    expect(hans).toContain('<h1 class="headline">枫林老街打造友善步行空间</h1>')
    expect(hans).toContain('里长陈文雄表示')
    // The authors of the Traditional article have one page each, at the same slug in both scripts.
    const hansAuthor = attribute(hans, /<span class="role">记者<\/span> <a href="([^"]+)">林志明<\/a>/)
    expect(hansAuthor).toMatch(/^\/authors\/[a-z-]+\/$/)
    expect(hant).toContain(`<a href="/zh-hant${hansAuthor}">林志明</a>`)
  })

  it('lists both scripts in the sitemap and writes a feed per script with its language', () => {
    const sitemap = readPageText(out, '/sitemap.xml')
    expect(sitemap).toContain(`<loc>${base}2019/12/10/2-1/</loc>`)
    expect(sitemap).toContain(`<loc>${base}zh-hant/2019/12/10/2-1/</loc>`)
    expect(readPageText(out, '/feed.xml')).toMatch(/<feed[^>]*>[\s\S]*?<title[^>]*>杨浦时报数字报刊档案<\/title>/)
    const hantAtom = readPageText(out, '/zh-hant/feed.xml')
    expect(hantAtom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant">')
    expect(hantAtom).toContain('楊浦時報數字報刊檔案')
    expect(hantAtom).toContain(`${base}zh-hant/2019/12/10/2-1/`)
    expect(JSON.parse(readPageText(out, '/zh-hant/feed.json')).language).toBe('zh-Hant')
    expect(readPageText(out, '/zh-hant/rss.xml')).toContain('<language>zh-Hant</language>')
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(readPageText(out, '/zh-hant/2019/12/10/2-1/'))![1]!
    expect(JSON.parse(jsonLd)).toMatchObject({ inLanguage: 'zh-Hant', headline: '大格局謀發展 高質量抓落實' })
  })

  it('writes the search index and reports its size and the share of conversion in the summary', () => {
    expect(listFiles(out)).toEqual(expect.arrayContaining(['search/meta.json', 'search/shards/0.bin', 'search/docs/zh-hans/0.json', 'search/docs/zh-hant/0.json']))
    expect(summary).toMatch(/Built 5 articles from 2 files/)
    expect(summary).toMatch(/Search index: \d+ KB in \d+ files/)
    expect(summary).toMatch(/Script conversion \(zh-Hans ⇄ zh-Hant\): \d+\.\d\d s, \d+\.\d% of the build/)
  })
})

describe('the conversion override table', () => {
  const rawPage = '\n社区一出门就是公园\n\n■记者 杨晓梅\n\n本报讯 居民一出门就能走进口袋公园。\n'

  async function buildWith(overrides: string | null) {
    const root = await tempDir()
    mkdirSync(path.join(root, 'articles/2019/12/10'), { recursive: true })
    writeFileSync(path.join(root, 'articles/2019/12/10/03.txt'), rawPage)
    if (overrides !== null) writeFileSync(path.join(root, 'conversion-overrides.yaml'), overrides)
    const lines: string[] = []
    const code = await build({ ...defaultConfig, outDir: 'dist' }, { root, log: (line) => lines.push(line), progress: false })
    return { code, log: lines.join('\n'), out: path.join(root, 'dist') }
  }

  it('corrects what OpenCC gets wrong (一出门 is not the measure word 齣) and is optional', async () => {
    const edited = await buildWith(readFileSync(path.join(repositoryRoot, 'conversion-overrides.yaml'), 'utf8'))
    expect(edited.code, edited.log).toBe(0)
    expect(readPageText(edited.out, '/zh-hant/2019/12/10/3-1/')).toContain('居民一出門就能走進口袋公園')
    const plain = await buildWith(null)
    expect(plain.code, plain.log).toBe(0)
    expect(readPageText(plain.out, '/zh-hant/2019/12/10/3-1/')).toContain('一齣門')
  }, 30_000)

  it('stops the build on a bad table, naming its file, line and column', async () => {
    const broken = await buildWith('toHant:\n  一齣門: 一出門\ntoHanz:\n  x: y\n')
    expect(broken.code).toBe(1)
    expect(broken.log).toMatch(/conversion-overrides\.yaml[\s\S]*3:1[\s\S]*Unknown direction `toHanz`/)
    expect(existsSync(broken.out)).toBe(false)
  }, 30_000)
})

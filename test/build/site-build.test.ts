// The whole site built from the fixture archive (test/fixtures/archive/) through the CLI, as an editor runs it.
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toText } from 'hast-util-to-text'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { buildSite, fixtureArticles, hashTree, linkTargets, listFiles, readPage, readPageText, repositoryRoot, tempDir } from './built-site.ts'

const temps: string[] = []
let out = ''
let firstBuild: Awaited<ReturnType<typeof buildSite>>

beforeAll(async () => {
  const dir = await tempDir()
  temps.push(dir)
  out = path.join(dir, 'site')
  firstBuild = await buildSite(fixtureArticles, out)
}, 60_000)

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

const hrefs = (tree: Root, selector = 'a[href]') => selectAll(selector, tree).map((a) => String(a.properties.href))
const text = (tree: Root, selector: string) => {
  const element = select(selector, tree)
  return element ? toText(element).trim() : null
}

describe('building the fixture archive', () => {
  it('exits 0 and ends with a summary', () => {
    expect(firstBuild.stderr).toMatch(/Built 9 articles from 6 files/)
    expect(firstBuild.code).toBe(0)
  })

  it('writes every kind of page the archive needs', () => {
    const files = new Set(listFiles(out))
    const expected = [
      'index.html',
      // articles by issue date, page and position, or by their front matter slug
      '2019/11/26/1-1/index.html',
      '2019/11/26/1-2/index.html',
      '2019/11/26/2-1/index.html',
      '2019/11/26/2-2/index.html',
      '2019/12/10/riverside-walk/index.html',
      '2019/12/10/1-2/index.html',
      '2019/12/24/1-1/index.html',
      '2019/12/24/new-year-concert/index.html',
      '2020/01/07/1-1/index.html',
      // issues, months, years
      '2019/11/26/index.html',
      '2019/12/10/index.html',
      '2019/12/24/index.html',
      '2020/01/07/index.html',
      '2019/11/index.html',
      '2019/12/index.html',
      '2020/01/index.html',
      '2019/index.html',
      '2020/index.html',
      // tags: from the vocabulary (养老, 垃圾分类, 宪法) and from front matter (公共空间, 文化)
      'tags/index.html',
      'tags/yang-lao/index.html',
      'tags/la-ji-fen-lei/index.html',
      'tags/xian-fa/index.html',
      'tags/gong-gong-kong-jian/index.html',
      'tags/wen-hua/index.html',
      // authors named in bylines, including a brief's trailing byline and a Markdown article's
      'authors/index.html',
      'authors/yang-xiao-mei/index.html',
      'authors/mao-xin-hui/index.html',
      'authors/cheng-jia-jia/index.html',
      'authors/sun-li/index.html',
      'authors/qian-cheng/index.html',
      '404.html',
      'robots.txt',
      'sitemap.xml',
      'feed.xml',
      'rss.xml',
      'feed.json',
    ]
    expect(expected.filter((file) => !files.has(file))).toEqual([])
  })

  it('never gives the article a correction replaced its position URL to', () => {
    expect(existsSync(path.join(out, '2019/12/10/1-1'))).toBe(false)
  })

  it('copies public/ as it is', () => {
    for (const file of listFiles(path.join(repositoryRoot, 'public'))) {
      expect(readFileSync(path.join(out, file)), file).toEqual(readFileSync(path.join(repositoryRoot, 'public', file)))
    }
    expect(existsSync(path.join(out, 'style.css'))).toBe(true)
  })

  it('applies a raw page’s front matter: corrected headline, slug URL and tag', () => {
    const article = readPage(out, '/2019/12/10/riverside-walk/')
    expect(text(article, 'h1')).toBe('滨江南段公共空间全线贯通')
    expect(text(article, 'title')).toContain('滨江南段公共空间全线贯通')
    expect(readPageText(out, '/2019/12/10/riverside-walk/')).not.toContain('贯同')
    expect(hrefs(article)).toContain('/tags/gong-gong-kong-jian/')
    expect(hrefs(readPage(out, '/tags/gong-gong-kong-jian/'))).toContain('/2019/12/10/riverside-walk/')
    expect(hrefs(readPage(out, '/2019/12/10/'))).toContain('/2019/12/10/riverside-walk/')
    // The article keeps the tags the vocabulary gives it on top of the corrected ones.
    expect(hrefs(article)).toContain('/tags/yang-pu-bin-jiang/')
  })

  it('publishes a Markdown article like a parsed one', () => {
    const article = readPage(out, '/2019/12/24/new-year-concert/')
    expect(text(article, 'h1')).toBe('新年音乐会走进社区')
    expect(toText(article)).toContain('文化惠民')
    expect(text(article, '.article-body h2')).toBe('家门口的音乐厅')
    expect(text(article, '.meta')).toContain('2019年12月24日 第4版')
    expect(hrefs(article)).toEqual(expect.arrayContaining(['/authors/cheng-jia-jia/', '/tags/wen-hua/', '/2019/12/24/']))
    const issue = readPage(out, '/2019/12/24/')
    expect(selectAll('section h2', issue).map((heading) => toText(heading))).toEqual(['第1版', '第4版'])
    expect(hrefs(issue)).toContain('/2019/12/24/new-year-concert/')
    expect(hrefs(readPage(out, '/authors/cheng-jia-jia/'))).toContain('/2019/12/24/new-year-concert/')
  })

  it('links the two parts of a continued article to each other', () => {
    const first = readPage(out, '/2019/11/26/1-1/')
    const second = readPage(out, '/2019/11/26/2-1/')
    const continuation = (tree: Root) => selectAll('.article-body a', tree).map((a) => [toText(a), a.properties.href])
    expect(continuation(first)).toContainEqual(['（下转第2版）', '/2019/11/26/2-1/'])
    expect(continuation(second)).toContainEqual(['（上接第1版）', '/2019/11/26/1-1/'])
  })

  it('renders markup-like source text as that text', () => {
    const html = readPageText(out, '/2020/01/07/1-1/')
    const article = readPage(out, '/2020/01/07/1-1/')
    const paragraphs = selectAll('.article-body p', article).map((p) => toText(p))
    expect(paragraphs).toContainEqual(expect.stringContaining('<script>alert("x")</script>'))
    expect(paragraphs).toContainEqual(expect.stringContaining('{{ x }}'))
    expect(paragraphs).toContainEqual(expect.stringContaining('*stars*'))
    expect(paragraphs).toContainEqual(expect.stringMatching(/^1\.不要点击/))
    expect(paragraphs).toContainEqual(expect.stringMatching(/^#网络安全进社区#/))
    // Nothing in the body became an element: no script, no emphasis, no list, no heading.
    expect(selectAll('.article-body script, .article-body em, .article-body ol, .article-body h1, .article-body h2', article)).toEqual([])
    expect(selectAll('script', article).map((script) => script.properties.type)).toEqual(['application/ld+json'])
    expect(html).not.toMatch(/<script>alert/i)
    expect(html).toMatch(/(&lt;|&#x3C;|&#60;)script>alert/)
    expect(html).toContain('{{ x }}')
  })

  it('links each year to its days with issues and each month to its own issues only', () => {
    const year2019 = hrefs(readPage(out, '/2019/'))
    expect(year2019).toEqual(expect.arrayContaining(['/2019/11/26/', '/2019/12/10/', '/2019/12/24/']))
    expect(year2019).not.toContain('/2020/01/07/')
    const december = hrefs(readPage(out, '/2019/12/'))
    expect(december).toEqual(expect.arrayContaining(['/2019/12/10/', '/2019/12/24/']))
    expect(december).not.toContain('/2019/11/26/')
    expect(hrefs(readPage(out, '/2020/'))).toContain('/2020/01/07/')
  })

  it('leads from the home page to the latest issue, the years, tags and authors', () => {
    const home = hrefs(readPage(out, '/'))
    expect(home).toEqual(expect.arrayContaining(['/2020/01/07/', '/2020/01/07/1-1/', '/2019/', '/2020/', '/tags/', '/authors/']))
  })

  it('lists every tag and author page from its index', () => {
    const tagPages = listFiles(path.join(out, 'tags')).filter((file) => file !== 'index.html').map((file) => `/tags/${file.replace(/index\.html$/, '')}`)
    expect(hrefs(readPage(out, '/tags/'))).toEqual(expect.arrayContaining(tagPages))
    const authorPages = listFiles(path.join(out, 'authors')).filter((file) => file !== 'index.html').map((file) => `/authors/${file.replace(/index\.html$/, '')}`)
    expect(hrefs(readPage(out, '/authors/'))).toEqual(expect.arrayContaining(authorPages))
    const yang = hrefs(readPage(out, '/authors/yang-xiao-mei/'))
    expect(yang).toEqual(expect.arrayContaining(['/2019/11/26/1-1/', '/2019/11/26/2-1/', '/2019/12/10/1-2/']))
  })

  it('lists every HTML page but the 404 pages in the sitemap, and points robots.txt at it', () => {
    const sitemap = readFileSync(path.join(out, 'sitemap.xml'), 'utf8')
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1])
    const pages = listFiles(out)
      .filter((file) => file.endsWith('.html') && path.basename(file) !== '404.html')
      .map((file) => `http://127.0.0.1:8080/${file.replace(/index\.html$/, '')}`)
    expect([...locs].sort()).toEqual(pages.sort())
    expect(readFileSync(path.join(out, 'robots.txt'), 'utf8')).toContain('Sitemap: http://127.0.0.1:8080/sitemap.xml')
  })

  it('writes feeds of the articles, newest first, with absolute links', () => {
    const jsonFeed = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8')) as { items: { url: string }[] }
    expect(jsonFeed.items.map((item) => item.url)).toEqual(expect.arrayContaining(['http://127.0.0.1:8080/2020/01/07/1-1/', 'http://127.0.0.1:8080/2019/12/24/new-year-concert/']))
    expect(jsonFeed.items[0]!.url).toBe('http://127.0.0.1:8080/2020/01/07/1-1/')
    expect(readFileSync(path.join(out, 'feed.xml'), 'utf8')).toMatch(/^<\?xml[^]*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"[^]*<link href="http:\/\/127\.0\.0\.1:8080\/2020\/01\/07\/1-1\/"/)
    expect(readFileSync(path.join(out, 'rss.xml'), 'utf8')).toMatch(/^<\?xml[^]*<rss[^]*<link>http:\/\/127\.0\.0\.1:8080\/2020\/01\/07\/1-1\/<\/link>/)
  })

  it('writes byte-identical files when built twice', async () => {
    const dir = await tempDir()
    temps.push(dir)
    const again = await buildSite(fixtureArticles, path.join(dir, 'site'))
    expect(again.code).toBe(0)
    expect(hashTree(path.join(dir, 'site'))).toEqual(hashTree(out))
  }, 60_000)
})

describe('a failed build', () => {
  /** A copy of the fixture archive, built once into `site/`, to break afterwards. */
  async function builtCopy(): Promise<{ articles: string; site: string; before: Record<string, string> }> {
    const dir = await tempDir()
    temps.push(dir)
    const articles = path.join(dir, 'articles')
    const site = path.join(dir, 'site')
    cpSync(fixtureArticles, articles, { recursive: true })
    expect((await buildSite(articles, site)).code).toBe(0)
    return { articles, site, before: hashTree(site) }
  }

  it('stops on an empty page, names it, and leaves the previous site as it was', async () => {
    const { articles, site, before } = await builtCopy()
    writeFileSync(path.join(articles, '2020/01/07/02.txt'), '')
    const result = await buildSite(articles, site)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(path.join('2020', '01', '07', '02.txt'))
    expect(result.stderr).toMatch(/empty/i)
    expect(hashTree(site)).toEqual(before)
    // Beside the output is only the tree it links to: the failed build started no other.
    expect(readdirSync(path.dirname(site)).sort()).toEqual(['.cache', '.site-a', 'articles', 'site'])
    expect(readlinkSync(site)).toBe('.site-a')
  }, 60_000)

  it('stops when two articles claim one slug, naming both files', async () => {
    const { articles, site, before } = await builtCopy()
    writeFileSync(
      path.join(articles, '2019/12/10/riverside-again.md'),
      ['---', 'headline: 滨江再添新景点', 'date: 2019-12-10', 'page: 3', 'slug: riverside-walk', '---', '', '本报讯 12月9日,滨江又有两处新景点对外开放。', ''].join('\n'),
    )
    const result = await buildSite(articles, site)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('riverside-walk')
    expect(result.stderr).toContain(path.join('2019', '12', '10', 'riverside-again.md'))
    expect(result.stderr).toContain(path.join('2019', '12', '10', '01.txt'))
    expect(hashTree(site)).toEqual(before)
  }, 60_000)
})

// Editors write the base URL with or without its final slash.
describe.each(['https://example.org/archive/', 'https://example.org/archive'])('the base URL %s', (baseUrl) => {
  let archiveOut = ''

  beforeAll(async () => {
    const dir = await tempDir()
    temps.push(dir)
    archiveOut = path.join(dir, 'site')
    const result = await buildSite(fixtureArticles, archiveOut, ['--base-url', baseUrl])
    expect(result.code, result.stderr).toBe(0)
  }, 60_000)

  it('puts every internal href and src of every page under that path', () => {
    const wrong: string[] = []
    let checked = 0
    for (const file of listFiles(archiveOut).filter((name) => name.endsWith('.html'))) {
      const tree = readPage(archiveOut, file)
      for (const element of selectAll('[href], [src], [srcset]', tree) as Element[]) {
        for (const target of linkTargets(element)) {
          if (target.startsWith('#')) continue
          checked++
          if (/^https?:/i.test(target)) {
            // Absolute links to the site itself (canonical, Open Graph) carry the path too.
            if (new URL(target).host === 'example.org' && !target.startsWith('https://example.org/archive/')) wrong.push(`${file}: ${target}`)
            continue
          }
          if (!target.startsWith('/archive/')) wrong.push(`${file}: ${target}`)
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(wrong).toEqual([])
  })

  it('puts the path into the sitemap, robots.txt and feeds', () => {
    const sitemap = readFileSync(path.join(archiveOut, 'sitemap.xml'), 'utf8')
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!)
    expect(locs.length).toBeGreaterThan(10)
    expect(locs.filter((loc) => !loc.startsWith('https://example.org/archive/'))).toEqual([])
    expect(readFileSync(path.join(archiveOut, 'robots.txt'), 'utf8')).toContain('Sitemap: https://example.org/archive/sitemap.xml')
    const jsonFeed = JSON.parse(readFileSync(path.join(archiveOut, 'feed.json'), 'utf8')) as { feed_url: string; items: { url: string }[] }
    expect(jsonFeed.feed_url).toBe('https://example.org/archive/feed.json')
    expect(jsonFeed.items.filter((item) => !item.url.startsWith('https://example.org/archive/'))).toEqual([])
  })
})

describe('a base URL given on the command line', () => {
  it('is refused before building when it is not an absolute http(s) URL, naming --base-url (exit 1)', async () => {
    const { code, stderr } = await runCli(['build', '--out', path.join(tmpdir(), 'news-archive-never-built'), '--base-url', 'example.org/archive'])
    expect(code).toBe(1)
    expect(stderr).toContain('--base-url must be an absolute http(s) URL')
    expect(existsSync(path.join(tmpdir(), 'news-archive-never-built'))).toBe(false)
  })
})

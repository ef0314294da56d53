// Article text, front matter, bylines, tags and settings holding markup, template syntax and
// javascript: URLs come out as text in every output format: pages, JSON-LD, feeds, sitemap, search index.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toText } from 'hast-util-to-text'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src/site/layout.ts'
import { listFiles } from '../build/built-site.ts'
import { articles, buildInjectionSite, hostile, type InjectionSite } from './injection-site.ts'
import { htmlFragment, htmlTextOnly, injectedElements, parseXml, xmlChildren, xmlElements } from './output-checks.ts'

const baseUrl = 'https://example.org/archive/'
const basePath = '/archive/'

let site: InjectionSite
let files: string[] = []
const read = (file: string) => readFileSync(path.join(site.out, file), 'utf8')
const page = (file: string): Root => fromHtml(read(file))
const textOf = (tree: Root, selector: string) => {
  const element = select(selector, tree)
  if (!element) throw new Error(`no ${selector}`)
  return toText(element)
}
const textsOf = (tree: Root, selector: string) => selectAll(selector, tree).map((element) => toText(element))
// The site's own scripts are files of public/ under the base path.
const publicFiles = new Set(listFiles(path.resolve(import.meta.dirname, '../../public')))
const ownScript = (src: string) => src.startsWith(basePath) && publicFiles.has(src.slice(basePath.length))

beforeAll(async () => {
  site = await buildInjectionSite(baseUrl)
  files = listFiles(site.out)
})
afterAll(() => site?.remove())

describe('the injection fixture', () => {
  it('builds', () => {
    expect(site.code, site.log).toBe(0)
    expect(files).toContain(`${articles.markdown.url}index.html`)
  })
})

describe('HTML pages', () => {
  const htmlFiles = () => files.filter((file) => file.endsWith('.html'))

  it('hold no injected element, event handler, javascript: URL or script on any page, in either script', () => {
    expect(htmlFiles().length).toBeGreaterThan(40)
    const found = htmlFiles().flatMap((file) => injectedElements(page(file), ownScript, file.endsWith('search/index.html')).map((what) => `${file}: ${what}`))
    expect(found).toEqual([])
  })

  it('carry the Content-Security-Policy before anything the page loads', () => {
    for (const file of htmlFiles()) {
      const head = select('head', page(file))!
      const elements = head.children.filter((node): node is Element => node.type === 'element')
      expect(elements[0]?.properties.charSet, file).toBe('utf-8')
      expect(elements[1]?.properties, file).toMatchObject({ httpEquiv: ['Content-Security-Policy'], content: contentSecurityPolicy })
    }
  })

  it('show the site title and paper from the config as text in the title, header, footer and Open Graph tags', () => {
    const home = page('index.html')
    expect(textOf(home, 'title')).toBe(hostile.siteTitle)
    expect(textOf(home, '.site-title')).toBe(hostile.siteTitle)
    expect(select('meta[property="og:site_name"]', home)?.properties.content).toBe(hostile.siteTitle)
    expect(textOf(home, '.site-footer p')).toMatch(new RegExp(`^${escapeRegExp(hostile.paper)} · `))
    expect(textOf(page('zh-hant/index.html'), '.site-footer p').startsWith('"><img src=x onerror="window.__pwned=1">{{ 7*7 }}時報')).toBe(true)
  })

  it('show a parsed headline, markup in paragraphs and front matter tags as text', () => {
    const tree = page(`${articles.parsed.url}index.html`)
    expect(textOf(tree, 'h1')).toBe(articles.parsed.headline)
    expect(textOf(tree, 'title')).toBe(`${articles.parsed.headline} - ${hostile.siteTitle}`)
    const body = textOf(tree, '.article-body')
    for (const text of [hostile.script, hostile.endScript, hostile.img, hostile.markdownLink, hostile.javascriptUrl, hostile.expression, hostile.include, hostile.raw, '<a href="javascript:window.__pwned=1">点这里</a>', '<!-- 注释 -->', '&lt;script&gt;']) {
      expect(body).toContain(text)
    }
    expect(textOf(tree, '.article-body h2')).toBe('模板{{ 7*7 }}小标题')
    expect(textsOf(tree, '.tag-list a')).toEqual([...articles.parsed.tags, hostile.vocabularyTag])
    // The byline-shaped line with an <img> in it has no name the parser reads as a person: it stays text.
    expect(textOf(tree, '.subheadline')).toBe('■记者 <img src=x onerror=alert(1)>')
  })

  it('show front matter overrides as text, {{ }} unevaluated', () => {
    const tree = page(`${articles.overridden.url}index.html`)
    expect(textOf(tree, 'h1')).toBe(articles.overridden.headline)
    expect(textOf(tree, '.kicker')).toBe(articles.overridden.kicker)
    expect(select('meta[property="og:title"]', tree)?.properties.content).toBe(`${articles.overridden.headline} - ${hostile.siteTitle}`)
    // The neighbours' headlines in the pager are text too.
    expect(textOf(tree, '.pager-prev')).toContain(articles.parsed.headline)
  })

  it('show every front matter field of a Markdown article as text, and its Markdown link without the link', () => {
    const tree = page(`${articles.markdown.url}index.html`)
    expect(textOf(tree, 'h1')).toBe(articles.markdown.headline)
    expect(textOf(tree, '.kicker')).toBe(articles.markdown.kicker)
    expect(textOf(tree, '.subheadline')).toBe(articles.markdown.subheadline)
    expect(textsOf(tree, '.tag-list a')).toEqual(expect.arrayContaining(articles.markdown.tags))
    expect(textsOf(tree, '.bylines .role')).toEqual(['记者', hostile.endScript])
    expect(textsOf(tree, '.bylines a')).toContain(hostile.script)
    expect(textOf(tree, '.article-body h2')).toBe('<img src=x onerror="window.__pwned=1">小标题{{ 7*7 }}')
    const body = textOf(tree, '.article-body')
    for (const text of ['点我', hostile.javascriptUrl, hostile.script, hostile.img, hostile.expression, hostile.include, '<a href="javascript:window.__pwned=1">点这里</a>', hostile.endScript]) expect(body).toContain(text)
    expect(selectAll('.article-body a', tree).map((link) => String(link.properties.href))).toEqual(['#section-2'])
  })

  it('show hostile tag and author names as text on their own pages and indexes', () => {
    const tagPages = files.filter((file) => /^tags\/[^/]+\/index\.html$/.test(file))
    const tagTitles = tagPages.map((file) => textOf(page(file), 'h1'))
    for (const name of [...articles.parsed.tags, ...articles.markdown.tags, hostile.vocabularyTag]) expect(tagTitles.join('\n')).toContain(name)
    expect(textsOf(page('authors/index.html'), 'main a')).toContain(hostile.script)
  })

  it('list hostile tags as text in the search page filter', () => {
    const labels = textsOf(page('search/index.html'), '#search-tag option')
    for (const name of [...articles.parsed.tags, hostile.vocabularyTag]) expect(labels.some((label) => label.startsWith(`${name} (`))).toBe(true)
  })
})

describe('JSON-LD', () => {
  const blocks = () =>
    files
      .filter((file) => file.endsWith('.html'))
      .flatMap((file) => selectAll('script[type="application/ld+json"]', page(file)).map((script) => ({ file, json: toText(script) })))

  it('cannot end its script element or open a comment, and parses as JSON on every page', () => {
    expect(blocks().length).toBeGreaterThan(0)
    for (const { file, json } of blocks()) {
      expect(json, file).not.toMatch(/<\/script|<script|<!--/i)
      expect(() => JSON.parse(json), file).not.toThrow()
    }
    // The raw page source: the element ends at the first `</script`, so the whole JSON must be before it.
    const source = read(`${articles.markdown.url}index.html`)
    const start = source.indexOf('<script type="application/ld+json">') + '<script type="application/ld+json">'.length
    expect(() => JSON.parse(source.slice(start, source.indexOf('</script', start)))).not.toThrow()
  })

  it('holds the literal text of headline, authors, keywords and publisher', () => {
    const json = blocks().find(({ file }) => file === `${articles.markdown.url}index.html`)!.json
    const data = JSON.parse(json) as { headline: string; keywords: string[]; author: { name: string }[]; publisher: { name: string } }
    expect(data.headline).toBe(articles.markdown.headline)
    expect(data.keywords).toEqual(expect.arrayContaining(articles.markdown.tags))
    expect(data.author.map((author) => author.name)).toContain(hostile.script)
    expect(data.publisher.name).toBe(hostile.paper)
  })
})

describe('Atom and RSS feeds', () => {
  const feedFiles = ['feed.xml', 'rss.xml', 'zh-hant/feed.xml', 'zh-hant/rss.xml']

  it('are well-formed XML with no element but the feed format’s own', () => {
    for (const file of feedFiles) {
      const { root, errors } = parseXml(read(file))
      expect(errors, file).toEqual([])
      const names = new Set(xmlElements(root!).map((element) => element.name))
      for (const name of ['script', 'img', 'svg']) expect(names.has(name), file).toBe(false)
    }
  })

  it('Atom: the feed title is text; entry titles and summaries (type="html") decode to text only; categories keep their names', () => {
    const { root } = parseXml(read('feed.xml'))
    const feed = root!
    expect(xmlChildren(feed, 'title')[0]?.text).toBe(hostile.siteTitle)
    const entries = xmlChildren(feed, 'entry')
    const entry = (url: string) => entries.find((candidate) => xmlChildren(candidate, 'id')[0]?.text === `${baseUrl}${url}`)!
    for (const { url, headline } of [articles.parsed, articles.overridden, articles.markdown]) {
      const title = xmlChildren(entry(url), 'title')[0]!
      expect(title.attributes.type).toBe('html')
      expect(htmlTextOnly(title.text)).toBe(headline)
      htmlTextOnly(xmlChildren(entry(url), 'summary')[0]!.text)
      expect(injectedElements(htmlFragment(xmlChildren(entry(url), 'content')[0]!.text), () => false)).toEqual([])
    }
    expect(htmlTextOnly(xmlChildren(entry(articles.parsed.url), 'summary')[0]!.text)).toContain(hostile.endScript)
    expect(xmlChildren(entry(articles.parsed.url), 'category').map((category) => category.attributes.label)).toEqual([...articles.parsed.tags, hostile.vocabularyTag])
    expect(xmlChildren(entry(articles.markdown.url), 'category').map((category) => category.attributes.label)).toEqual(expect.arrayContaining(articles.markdown.tags))
  })

  it('RSS: item titles and descriptions decode to text only; content is escaped HTML', () => {
    const { root } = parseXml(read('rss.xml'))
    const channel = xmlChildren(root!, 'channel')[0]!
    expect(xmlChildren(channel, 'title')[0]?.text).toBe(hostile.siteTitle)
    const items = xmlChildren(channel, 'item')
    expect(items.map((item) => htmlTextOnly(xmlChildren(item, 'title')[0]!.text))).toEqual(expect.arrayContaining([articles.parsed.headline, articles.overridden.headline, articles.markdown.headline]))
    for (const item of items) {
      htmlTextOnly(xmlChildren(item, 'description')[0]!.text)
      expect(injectedElements(htmlFragment(xmlChildren(item, 'content:encoded')[0]!.text), () => false)).toEqual([])
    }
    const categories = items.flatMap((item) => xmlChildren(item, 'category').map((category) => category.text))
    expect(categories).toEqual(expect.arrayContaining([...articles.parsed.tags, ...articles.markdown.tags]))
  })
})

describe('JSON Feed', () => {
  it('parses, and holds titles, summaries and tags as the plain text they are', () => {
    for (const file of ['feed.json', 'zh-hant/feed.json']) {
      const feed = JSON.parse(read(file)) as { title: string; items: { url: string; title: string; summary: string; content_html: string; tags?: string[] }[] }
      expect(feed.title.startsWith('</title><script>window.__pwned=1</script>')).toBe(true)
      for (const item of feed.items) expect(injectedElements(htmlFragment(item.content_html), () => false), item.url).toEqual([])
    }
    const feed = JSON.parse(read('feed.json')) as { title: string; items: { url: string; title: string; summary: string; tags?: string[] }[] }
    expect(feed.title).toBe(hostile.siteTitle)
    const item = (url: string) => feed.items.find((candidate) => candidate.url === `${baseUrl}${url}`)!
    expect(item(articles.parsed.url).title).toBe(articles.parsed.headline)
    expect(item(articles.parsed.url).summary).toContain(hostile.endScript)
    expect(item(articles.parsed.url).tags).toEqual([...articles.parsed.tags, hostile.vocabularyTag])
    expect(item(articles.markdown.url).title).toBe(articles.markdown.headline)
    expect(item(articles.markdown.url).tags).toEqual(expect.arrayContaining(articles.markdown.tags))
  })
})

describe('sitemap.xml', () => {
  it('is well-formed and holds only the sitemap’s elements and the site’s ASCII URLs', () => {
    const { root, errors } = parseXml(read('sitemap.xml'))
    expect(errors).toEqual([])
    const elements = xmlElements(root!)
    expect(new Set(elements.map((element) => element.name))).toEqual(new Set(['urlset', 'url', 'loc', 'lastmod', 'xhtml:link']))
    const urls = [...elements.filter((element) => element.name === 'loc').map((element) => element.text), ...elements.filter((element) => element.name === 'xhtml:link').map((element) => element.attributes.href ?? '')]
    for (const url of urls) expect(url).toMatch(/^https:\/\/example\.org\/archive\/[a-z0-9/-]*$/)
  })
})

describe('the search index', () => {
  it('holds headlines as plain JSON strings and links as site paths', () => {
    for (const lang of ['zh-hans', 'zh-hant']) {
      const documents = files.filter((file) => file.startsWith(`search/docs/${lang}/`)).flatMap((file) => JSON.parse(read(file)) as [string, string, string][])
      expect(documents.length).toBe(3)
      for (const [url, , date] of documents) {
        expect(url).toMatch(/^(zh-hant\/)?[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/[a-z0-9-]+\/$/)
        expect(date).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
      }
      if (lang === 'zh-hans') expect(documents.map(([, headline]) => headline).sort()).toEqual([articles.parsed.headline, articles.overridden.headline, articles.markdown.headline].sort())
    }
  })

  it('lists hostile tag names as plain strings in meta.json', () => {
    const meta = JSON.parse(read('search/meta.json')) as { tags: [string, string, string, number][] }
    const names = meta.tags.map(([, hans]) => hans)
    expect(names).toEqual(expect.arrayContaining([...articles.parsed.tags, ...articles.markdown.tags, hostile.vocabularyTag]))
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { createRenderContext, emptyVocabulary, planSite, renderRoute, type TagVocabulary } from '../../src/site/index.ts'
import { pinyinSlug } from '../../src/site/urls.ts'
import { fixtureArchive, makeRecord } from './records.ts'

describe('URL collisions', () => {
  it('is an error naming both source files when two articles want one URL', () => {
    const raw = makeRecord({ issueDate: '2019-12-10', page: 2, position: 1, source: '2019/12/10/02.txt', sourceLines: [3, 53] })
    const markdown = makeRecord({ issueDate: '2019-12-10', page: 5, position: 1, slug: '2-1', source: '2019/12/10/huiyi.md', sourceLines: [1, 20] })
    const { routes, messages } = planSite([raw, markdown], defaultConfig, emptyVocabulary)
    expect(messages).toHaveLength(1)
    const [message] = messages
    expect(message!.fatal).toBe(true)
    expect(message!.ruleId).toBe('url-collision')
    expect(message!.reason).toContain('2019/12/10/02.txt:3')
    expect(message!.reason).toContain('2019/12/10/huiyi.md:1')
    expect(message!.file).toBe('2019/12/10/huiyi.md')
    expect(routes.filter((route) => route.url === '2019/12/10/2-1/')).toHaveLength(1)
  })

  it('is an error naming both sources when two tags read the same in pinyin', () => {
    const vocabulary: TagVocabulary = { source: 'tags.yaml', tags: [{ name: '宪法', terms: ['宪法'], slug: null, line: 4 }], authors: [] }
    const record = makeRecord({ issueDate: '2019-12-10', page: 1, position: 1, tags: ['先发'], source: '2019/12/10/xianfa.md', paragraphs: ['宪法日。'] })
    const { messages } = planSite([record], defaultConfig, vocabulary)
    expect(messages.map((message) => message.reason)).toEqual([expect.stringMatching(/宪法.*tags\.yaml:4.*先发.*2019\/12\/10\/xianfa\.md:1.*tags\/xian-fa\//)])
  })

  it('rejects a slug that is not lowercase ASCII and falls back to page and position', () => {
    const record = makeRecord({ issueDate: '2019-12-10', page: 3, position: 2, slug: '养老 新闻' })
    const { routes, messages } = planSite([record], defaultConfig, emptyVocabulary)
    expect(messages[0]?.ruleId).toBe('slug-invalid')
    expect(routes.some((route) => route.url === '2019/12/10/3-2/')).toBe(true)
  })
})

describe('slugs', () => {
  it('reads tags and names as ASCII pinyin', () => {
    expect(pinyinSlug('垃圾分类')).toBe('la-ji-fen-lei')
    expect(pinyinSlug('单雄', { surname: true })).toBe('shan-xiong')
    expect(pinyinSlug('吕布', { surname: true })).toBe('lv-bu')
    expect(pinyinSlug('5G网络')).toBe('5g-wang-luo')
  })
})

describe('a base URL with a path', () => {
  const config = { ...defaultConfig, baseUrl: 'https://example.org/archive/' }
  const { routes } = planSite(fixtureArchive(), config, emptyVocabulary)
  const context = createRenderContext(config)
  const files = routes.flatMap((route) => renderRoute(route, context))
  const paths = new Set(files.map((file) => file.path))

  it('makes every internal link resolve to a written file under that path', () => {
    const pages = files.filter((file) => file.path.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(20)
    for (const page of pages) {
      const hrefs = [...String(page.contents).matchAll(/\b(?:href|src)="([^"]+)"/g)].map((match) => match[1]!)
      for (const href of hrefs) {
        if (href.startsWith('#')) continue
        const url = new URL(href, `https://example.org/archive/${page.path}`)
        if (url.origin !== 'https://example.org') continue
        expect(url.pathname.startsWith('/archive/'), `${href} in ${page.path}`).toBe(true)
        const target = url.pathname.slice('/archive/'.length)
        const file = target === '' || target.endsWith('/') ? `${target}index.html` : target
        // style.css, favicon.svg and the search client come from public/, copied as they are.
        if (file === 'style.css' || file === 'favicon.svg' || file === 'search.js') continue
        expect(paths.has(file), `${href} in ${page.path}`).toBe(true)
      }
    }
  })

  it('gives canonical URLs, feeds and the sitemap the full base URL', () => {
    const article = String(files.find((file) => file.path === '2019/12/10/2-1/index.html')!.contents)
    expect(article).toContain('<link rel="canonical" href="https://example.org/archive/2019/12/10/2-1/">')
    expect(String(files.find((file) => file.path === 'sitemap.xml')!.contents)).toContain('<loc>https://example.org/archive/2019/12/10/2-1/</loc>')
    expect(String(files.find((file) => file.path === 'feed.xml')!.contents)).toContain('https://example.org/archive/2019/12/10/2-1/')
    expect(String(files.find((file) => file.path === 'robots.txt')!.contents)).toContain('Sitemap: https://example.org/archive/sitemap.xml')
  })
})

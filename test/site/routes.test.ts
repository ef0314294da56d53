import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { planSite, type Route, type TagVocabulary } from '../../src/site/index.ts'
import { fixtureArchive, makeRecord } from './records.ts'

const vocabulary: TagVocabulary = {
  source: 'tags.yaml',
  tags: [
    { name: '养老', terms: ['养老', '老年人'], slug: null, line: 1 },
    { name: '宪法', terms: ['宪法'], slug: null, line: 2 },
    { name: '进博会', terms: ['进博会', '进口博览会'], slug: 'ciie', line: 3 },
  ],
  authors: [],
}

function plan(records = fixtureArchive(), config = defaultConfig) {
  return planSite(records, config, vocabulary)
}

function routesOf<K extends Route['kind']>(routes: Route[], kind: K): Extract<Route, { kind: K }>[] {
  return routes.filter((route): route is Extract<Route, { kind: K }> => route.kind === kind)
}

describe('article routes', () => {
  const { routes, messages } = plan()
  const articles = routesOf(routes, 'article')
  const byUrl = (url: string) => articles.find((route) => route.url === url)!

  it('gives every article a URL from date, page and position, or its slug', () => {
    expect(messages).toEqual([])
    expect(articles.map((route) => route.url)).toEqual([
      '2019/11/05/1-1/',
      '2019/11/05/3-1/',
      '2019/12/10/1-1/',
      '2019/12/10/2-1/',
      '2019/12/10/2-2/',
      '2019/12/10/2-3/',
      '2020/01/07/yang-lao-fu-wu/',
    ])
    expect(articles.map((route) => route.template)).toEqual(Array(7).fill('article.njk'))
  })

  it('keeps the URL when the headline is corrected', () => {
    const records = fixtureArchive()
    records[0] = { ...records[0]!, headline: '大格局谋发展 高质量抓落实(更正)' }
    expect(routesOf(plan(records).routes, 'article').map((route) => route.url)).toEqual(articles.map((route) => route.url))
  })

  it('links previous and next within the issue only', () => {
    expect(byUrl('2019/12/10/1-1/').prev).toBeNull()
    expect(byUrl('2019/12/10/1-1/').next?.url).toBe('2019/12/10/2-1/')
    expect(byUrl('2019/12/10/2-3/').next).toBeNull()
    expect(byUrl('2019/12/10/2-3/').prev?.url).toBe('2019/12/10/2-2/')
  })

  it('finds the other part of a continued article', () => {
    expect(byUrl('2019/12/10/2-2/').continuedFrom?.url).toBe('2019/12/10/1-1/')
    expect(byUrl('2019/12/10/1-1/').continuedTo?.url).toBe('2019/12/10/2-2/')
    expect(byUrl('2019/12/10/2-1/').continuedFrom).toBeNull()
  })

  it('tags articles from front matter and vocabulary terms, and relates articles sharing tags', () => {
    expect(byUrl('2019/12/10/2-3/').entry.tags.map((tag) => tag.name)).toEqual(['宪法'])
    expect(byUrl('2020/01/07/yang-lao-fu-wu/').entry.tags.map((tag) => tag.name)).toEqual(['民生', '养老'])
    const related = byUrl('2020/01/07/yang-lao-fu-wu/').related.map((entry) => entry.url)
    expect(related).toContain('2019/12/10/2-1/')
    expect(related).not.toContain('2019/12/10/2-3/')
  })

  it('tags the same records again when the vocabulary’s terms change, and alike when it is the same', () => {
    const records = fixtureArchive()
    const tagsOf = (vocabularyNow: TagVocabulary) =>
      routesOf(planSite(records, defaultConfig, vocabularyNow).routes, 'article').find((route) => route.url === '2019/12/10/2-3/')!.entry.tags.map((tag) => tag.name)
    expect(tagsOf(vocabulary)).toEqual(['宪法'])
    const withoutTerm = { ...vocabulary, tags: vocabulary.tags.map((tag) => (tag.name === '宪法' ? { ...tag, terms: ['宪法修正案'] } : tag)) }
    expect(tagsOf(withoutTerm)).toEqual([])
    expect(tagsOf({ ...vocabulary })).toEqual(['宪法'])
  })

  it('depends on the articles it shows', () => {
    const route = byUrl('2019/12/10/2-2/')
    expect(route.dependsOn).toContain('2019-12-10/2-2')
    expect(route.dependsOn).toContain('2019-12-10/1-1')
    expect(route.dependsOn).toContain('2019-12-10/2-3')
  })
})

describe('issue, month, year and archive routes', () => {
  const { routes } = plan()

  it('lists an issue’s pages in order with their articles', () => {
    const issue = routesOf(routes, 'issue').find((route) => route.url === '2019/12/10/')!
    expect(issue.pages.map((page) => [page.page, page.articles.map((entry) => entry.record.position)])).toEqual([
      [1, [1]],
      [2, [1, 2, 3]],
    ])
    expect(issue.prevIssue?.url).toBe('2019/11/05/')
    expect(issue.nextIssue?.url).toBe('2020/01/07/')
  })

  it('has one month page per month with issues and one year page per year', () => {
    expect(routesOf(routes, 'month').map((route) => route.url)).toEqual(['2019/11/', '2019/12/', '2020/01/'])
    const year = routesOf(routes, 'year').find((route) => route.year === '2019')!
    expect(year.issues.map((issue) => issue.date)).toEqual(['2019-11-05', '2019-12-10'])
    expect(year.nextYear?.url).toBe('2020/')
    expect(routesOf(routes, 'archive')[0]!.years.map((year) => [year.name, year.issueCount, year.count])).toEqual([
      ['2020', 1, 1],
      ['2019', 2, 6],
    ])
  })
})

describe('tag and author routes', () => {
  it('paginates a tag’s articles newest first', () => {
    const records = Array.from({ length: 5 }, (_, index) => makeRecord({ issueDate: `2019-12-0${index + 1}`, page: 1, position: 1, paragraphs: ['宪法宣传周活动。'] }))
    const { routes } = plan(records, { ...defaultConfig, pageSize: 2 })
    const pages = routesOf(routes, 'tag')
    expect(pages.map((route) => route.url)).toEqual(['tags/xian-fa/', 'tags/xian-fa/page/2/', 'tags/xian-fa/page/3/'])
    expect(pages[0]!.entries.map((entry) => entry.record.issueDate)).toEqual(['2019-12-05', '2019-12-04'])
    expect(pages[1]!.pagination).toEqual({ pageNumber: 2, pageCount: 3, prevUrl: 'tags/xian-fa/', nextUrl: 'tags/xian-fa/page/3/' })
  })

  it('counts tags in the index and uses a vocabulary slug', () => {
    const { routes } = plan()
    const index = routesOf(routes, 'tag-index')[0]!
    expect(index.tags.find((tag) => tag.name === '养老')).toEqual({ name: '养老', url: 'tags/yang-lao/', count: 3 })
    expect(index.tags.find((tag) => tag.name === '进博会')?.url).toBe('tags/ciie/')
  })

  it('gives every byline name an author page with their articles', () => {
    const { routes } = plan()
    const yang = routesOf(routes, 'author').find((route) => route.author.name === '杨晓梅')!
    expect(yang.url).toBe('authors/yang-xiao-mei/')
    expect(yang.entries.map((entry) => entry.url)).toEqual(['2020/01/07/yang-lao-fu-wu/', '2019/12/10/2-1/', '2019/12/10/2-3/', '2019/11/05/1-1/'])
    expect(routesOf(routes, 'author-index')[0]!.authors.map((author) => author.name)).toEqual(['成佳佳', '毛信慧', '钱程', '杨晓梅'])
  })
})

describe('home, feeds, sitemap, robots and 404', () => {
  const { routes } = plan()

  it('shows the latest issue and recent articles of earlier issues on the home page', () => {
    const home = routesOf(routes, 'home')[0]!
    expect(home.url).toBe('')
    expect(home.latestIssue?.date).toBe('2020-01-07')
    expect(home.recent[0]!.record.issueDate).toBe('2019-12-10')
    expect(home.recent.some((entry) => entry.record.issueDate === '2020-01-07')).toBe(false)
  })

  it('feeds the newest articles and dates the feed by its newest issue', () => {
    const { routes: limited } = plan(fixtureArchive(), { ...defaultConfig, feedSize: 2 })
    const feeds = routesOf(limited, 'feeds')[0]!
    expect(feeds.entries.map((entry) => entry.url)).toEqual(['2020/01/07/yang-lao-fu-wu/', '2019/12/10/1-1/'])
    expect(feeds.updated).toBe('2020-01-07')
  })

  it('lists every HTML page but the 404 in the sitemap', () => {
    const sitemap = routesOf(routes, 'sitemap')[0]!
    const htmlRoutes = routes.filter((route) => route.template !== null && !['sitemap', 'not-found'].includes(route.kind))
    expect(sitemap.pages.map((page) => page.url).sort()).toEqual(htmlRoutes.map((route) => route.url).sort())
    expect(routesOf(routes, 'robots')[0]!.url).toBe('robots.txt')
    expect(routesOf(routes, 'not-found')[0]!.url).toBe('404.html')
  })

  it('gives every route a unique URL', () => {
    expect(new Set(routes.map((route) => route.url)).size).toBe(routes.length)
  })
})

import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parse as parseYaml } from 'yaml'
import { generateMarkdownArticles, generatePages, type GeneratedPage } from '../scripts/corpus.ts'
import { vocabularyTerms } from '../scripts/corpus-phrases.ts'
import { parseMarkdownArticle } from '../src/parse/markdown.ts'
import { parseRawPage } from '../src/parse/raw-page.ts'

const pagesOf = (articles: number, seed?: number, startDate?: string) => [...generatePages({ articles, ...(seed === undefined ? {} : { seed }), ...(startDate === undefined ? {} : { startDate }) })]
const issueOf = (page: GeneratedPage) => page.path.slice(0, 10)
const weekday = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay()

describe('generatePages: determinism', () => {
  it('writes the same pages for the same seed', () => {
    expect(pagesOf(800, 42)).toEqual(pagesOf(800, 42))
  })

  it('writes different text for a different seed, and the default seed is fixed', () => {
    const texts = (pages: GeneratedPage[]) => pages.map((page) => page.text).join('\n')
    expect(texts(pagesOf(800, 42))).not.toBe(texts(pagesOf(800, 43)))
    expect(texts(pagesOf(300))).toBe(texts(pagesOf(300, 1)))
  })
})

describe('generatePages: counts and layout', () => {
  for (const articles of [1, 2, 7, 1000, 2345]) {
    it(`writes exactly ${articles} article(s), each page counting what it holds`, () => {
      const pages = pagesOf(articles, 3)
      expect(pages.reduce((sum, page) => sum + page.articleCount, 0)).toBe(articles)
      for (const page of pages) expect(page.articles).toHaveLength(page.articleCount)
    })
  }

  it('publishes on Tuesdays and Fridays, pages 1…n (4–8) an issue, 2–5 articles a page, in path order', () => {
    const pages = pagesOf(3000, 5)
    const paths = pages.map((page) => page.path)
    expect([...paths].sort()).toEqual(paths)
    const issues = new Map<string, GeneratedPage[]>()
    for (const page of pages) issues.set(issueOf(page), [...(issues.get(issueOf(page)) ?? []), page])
    const issueDates = [...issues.keys()].map((key) => key.replaceAll('/', '-'))
    for (const date of issueDates) expect([2, 5]).toContain(weekday(date))
    // No issue is skipped: consecutive issues are 3 or 4 days apart.
    for (let index = 1; index < issueDates.length; index++) {
      const gap = (Date.parse(issueDates[index] as string) - Date.parse(issueDates[index - 1] as string)) / 86_400_000
      expect([3, 4]).toContain(gap)
    }
    const issueList = [...issues.values()]
    issueList.forEach((issuePages, index) => {
      const last = index === issueList.length - 1
      expect(issuePages.map((page) => page.page)).toEqual(issuePages.map((_, position) => position + 1))
      expect(issuePages.every((page) => page.path.endsWith(`/${String(page.page).padStart(2, '0')}.txt`))).toBe(true)
      if (!last) expect(issuePages.length).toBeGreaterThanOrEqual(4)
      expect(issuePages.length).toBeLessThanOrEqual(8)
      for (const page of issuePages) {
        if (!last) expect(page.articleCount).toBeGreaterThanOrEqual(2)
        expect(page.articleCount).toBeLessThanOrEqual(5)
      }
    })
  })

  it('starts at the first Tuesday or Friday on or after startDate, 2010-01-05 by default', () => {
    expect(pagesOf(1)[0]?.path).toBe('2010/01/05/01.txt')
    expect(pagesOf(1, 1, '2019-12-07')[0]?.path).toBe('2019/12/10/01.txt')
  })

  it('keeps articles at 1,500–3,000 characters and paragraphs at 80–600, briefs short', () => {
    const articles = pagesOf(3000, 9).flatMap((page) => page.articles)
    for (const article of articles) {
      if (article.kind === 'brief') expect(article.characters).toBeLessThan(1500)
      else expect(article.characters).toBeGreaterThanOrEqual(1500)
      expect(article.characters).toBeLessThanOrEqual(3000)
      for (const paragraph of article.sections.flatMap((section) => section.paragraphs)) {
        expect(paragraph.length).toBeGreaterThanOrEqual(80)
        expect(paragraph.length).toBeLessThanOrEqual(600)
      }
    }
    const kinds = new Set(articles.map((article) => article.kind))
    expect(kinds).toEqual(new Set(['article', 'brief', 'continued']))
    expect(articles.some((article) => article.sections.some((section) => section.heading !== null))).toBe(true)
    expect(articles.every((article) => article.tags.length > 0 && article.tags.every((tag) => (vocabularyTerms as readonly string[]).includes(tag)))).toBe(true)
  })

  it('continues a page-1 story on the page it jumps to, under the same headline', () => {
    const pages = pagesOf(3000, 4)
    const jumps = pages.flatMap((page) => page.articles.filter((article) => article.continuedTo !== null).map((article) => ({ page, article })))
    expect(jumps.length).toBeGreaterThan(10)
    for (const { page, article } of jumps) {
      expect(page.page).toBe(1)
      const target = pages.find((other) => issueOf(other) === issueOf(page) && other.page === article.continuedTo)
      expect(target?.articles.find((other) => other.continuedFrom === 1)?.headline).toBe(article.headline)
    }
  })
})

describe('the parser reads generated pages as the generator wrote them', () => {
  // A sample across shapes: every page of a 1,500-article corpus.
  const pages = pagesOf(1500, 17)

  it('finds each page’s articles, heads, continuations and paragraphs, with no message', () => {
    for (const page of pages) {
      const file = new VFile({ path: `articles/${page.path}`, value: page.text })
      const parsed = parseRawPage(file)
      expect(file.messages.map(String), page.path).toEqual([])
      expect(parsed?.articles.length, page.path).toBe(page.articleCount)
      // The same fields of what the parser read and of what the generator wrote; only the names differ in shape.
      const fields = (article: { headline: string | null; kicker: string | null; subheadline: string | null; continuedFrom: number | null; continuedTo: number | null; sections: { heading: string | null; paragraphs: string[] }[] }, names: (string | undefined)[]) => ({
        headline: article.headline,
        kicker: article.kicker,
        subheadline: article.subheadline,
        continuedFrom: article.continuedFrom,
        continuedTo: article.continuedTo,
        headings: article.sections.map((section) => section.heading),
        paragraphs: article.sections.flatMap((section) => section.paragraphs),
        names,
      })
      const seen = parsed?.articles.map((article) => fields(article, article.bylines.flatMap((byline) => byline.names)))
      const written = page.articles.map((article) => fields(article, article.credits.map((credit) => credit.split(' ').at(-1))))
      expect(seen, page.path).toEqual(written)
    }
  })

  it('reads datelines on or before the issue date', () => {
    let dated = 0
    for (const page of pages.slice(0, 200)) {
      const parsed = parseRawPage(new VFile({ path: `articles/${page.path}`, value: page.text }))
      for (const article of parsed?.articles ?? []) {
        if (article.dateline?.start) {
          dated++
          expect(article.dateline.start <= page.issueDate).toBe(true)
        }
      }
    }
    expect(dated).toBeGreaterThan(100)
  })
})

describe('generateMarkdownArticles', () => {
  it('writes the same articles as Markdown with front matter news-archive reads back', () => {
    const pages = pagesOf(400, 8)
    const markdown = [...generateMarkdownArticles({ articles: 400, seed: 8 })]
    expect(markdown).toHaveLength(400)
    const articles = pages.flatMap((page) => page.articles.map((article, index) => ({ page, article, position: index + 1 })))
    markdown.forEach((file, index) => {
      const { page, article, position } = articles[index] as (typeof articles)[number]
      expect(file.path).toBe(page.path.replace(/\.txt$/u, `-${position}.md`))
      const frontMatter = parseYaml(file.text.split('\n---\n')[0]?.replace(/^---\n/u, '') ?? '') as Record<string, unknown>
      expect(frontMatter).toMatchObject({ headline: article.headline, date: page.issueDate, page: page.page, position, bylines: article.credits, tags: article.tags })
      const parsed = parseMarkdownArticle(new VFile({ path: file.path, value: file.text }))
      const record = parsed?.articles[0]
      expect(record?.headline).toBe(article.headline)
      expect(record?.sections.map((section) => section.heading)).toEqual(article.sections.map((section) => section.heading))
      expect(record?.sections.flatMap((section) => section.paragraphs)).toEqual(article.sections.flatMap((section) => section.paragraphs))
    })
  })
})

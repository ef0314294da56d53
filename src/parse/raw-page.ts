// A raw page file (bytes) → its parsed page: decode, front matter, where it sits in the paper, articles.
import type { VFile } from 'vfile'
import type { ArticleRecord, ParsedPage } from '../types.ts'
import { reportSuspiciousCharacters } from './characters.ts'
import { decodePage } from './decode.ts'
import { readFrontMatter, type FrontMatter } from './front-matter.ts'
import { parsePage, type PageMeta } from './page.ts'
import { slugProblem } from './patterns.ts'

/** What the command line may say about a page, over its front matter and path. */
export interface PageOverrides {
  issueDate?: string
  page?: number
}

/** The path convention: `…/2019/12/10/02.txt` is page 2 of the issue of 2019-12-10. */
const pathConvention = /(?:^|[/\\])(\d{4})[/\\](\d{2})[/\\](\d{2})[/\\](\d{1,3})\.txt$/u

/** Fields front matter may correct, per article position: `articles: {1: {headline: …, tags: […]}}`. */
const overridableFields = ['headline', 'kicker', 'subheadline', 'slug', 'tags'] as const
const pageKeys = new Set(['date', 'page', 'paper', 'articles'])

/** Parse one raw page file whose `value` holds its bytes; null when it cannot be read (a fatal message says why). */
export function parseRawPage(file: VFile, overrides: PageOverrides = {}, today = new Date()): ParsedPage | null {
  const decoded = decodePage(file.value instanceof Uint8Array ? file.value : new TextEncoder().encode(String(file.value)))
  if (!decoded.ok) {
    for (const problem of decoded.problems) file.message(problem.reason, problem.place, problem.ruleId).fatal = true
    return null
  }
  // Messages are positioned on the decoded text, so the file holds it from here on.
  file.value = decoded.text
  reportSuspiciousCharacters(decoded.text, file)
  const frontMatter = readFrontMatter(decoded.text, file)
  for (const key of Object.keys(frontMatter.data)) {
    if (!pageKeys.has(key)) {
      file.message(`Unknown front matter key \`${key}\` (a page takes: ${[...pageKeys].join(', ')})`, frontMatter.places[key], 'news-archive:front-matter-unknown-key').fatal = true
    }
  }
  const meta = pageMeta(file, frontMatter, overrides, today)
  if (meta === null || file.messages.some((message) => message.fatal)) return null
  const page = parsePage(frontMatter.body, meta, file, frontMatter.bodyLine)
  applyArticleOverrides(page.articles, frontMatter, file)
  return page
}

function pageMeta(file: VFile, frontMatter: FrontMatter, overrides: PageOverrides, today: Date): PageMeta | null {
  const fromPath = pathConvention.exec(file.path)
  const { data, places } = frontMatter
  const dateValue = overrides.issueDate ?? data.date ?? (fromPath ? `${fromPath[1]}-${fromPath[2]}-${fromPath[3]}` : undefined)
  const pageValue = overrides.page ?? data.page ?? (fromPath ? Number(fromPath[4]) : undefined)
  const at = (key: string) => places[key] ?? { line: 1, column: 1 }
  if (dateValue === undefined || pageValue === undefined) {
    const missing = [dateValue === undefined ? 'issue date' : '', pageValue === undefined ? 'page' : ''].filter(Boolean).join(' and ')
    file.message(
      `Cannot tell the ${missing} of this page: put it at articles/YYYY/MM/DD/NN.txt or start it with front matter (\`date: 2019-12-10\`, \`page: 2\`)`,
      { line: 1, column: 1 },
      'news-archive:page-meta-missing',
    ).fatal = true
    return null
  }
  const issueDate = String(dateValue)
  const dateProblem = checkIssueDate(issueDate, today)
  if (dateProblem) file.message(dateProblem, at('date'), 'news-archive:issue-date').fatal = true
  const page = Number(pageValue)
  if (!Number.isInteger(page) || page < 1 || page > 999) {
    file.message(`Page must be a whole number from 1 to 999, not \`${String(pageValue)}\``, at('page'), 'news-archive:page-number').fatal = true
  }
  const paper = data.paper === undefined ? null : String(data.paper)
  return dateProblem || !Number.isInteger(page) || page < 1 || page > 999 ? null : { issueDate, page, paper }
}

/** A reason the issue date is wrong, or null: a real calendar day from 1900 to today. */
export function checkIssueDate(issueDate: string, today: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(issueDate)
  if (!match) return `Issue date must be written YYYY-MM-DD, not \`${issueDate}\``
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `Issue date ${issueDate} is not a day of the calendar`
  if (year < 1900) return `Issue date ${issueDate} is before 1900`
  if (issueDate > today.toISOString().slice(0, 10)) return `Issue date ${issueDate} is in the future`
  return null
}

function applyArticleOverrides(articles: ArticleRecord[], frontMatter: FrontMatter, file: VFile): void {
  const overrides = frontMatter.data.articles
  if (overrides === undefined) return
  const place = frontMatter.places.articles ?? { line: 1, column: 1 }
  const at = (path: string) => frontMatter.places[path] ?? place
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    file.message('`articles` must map an article\'s position on the page to the fields to correct', place, 'news-archive:front-matter-type').fatal = true
    return
  }
  for (const [key, fields] of Object.entries(overrides as Record<string, unknown>)) {
    const article = articles[Number(key) - 1]
    if (!article || typeof fields !== 'object' || fields === null) {
      file.message(`\`articles.${key}\` names no article of this page (it has ${articles.length})`, at(`articles.${key}`), 'news-archive:front-matter-type').fatal = true
      continue
    }
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      const fieldPlace = at(`articles.${key}.${field}`)
      if (!(overridableFields as readonly string[]).includes(field)) {
        file.message(`\`articles.${key}.${field}\` cannot be corrected here (only ${overridableFields.join(', ')})`, fieldPlace, 'news-archive:front-matter-unknown-key').fatal = true
      } else if (field === 'tags') {
        if (Array.isArray(value) && value.every((tag) => typeof tag === 'string')) article.tags = value
        else file.message(`\`articles.${key}.tags\` must be a list of strings`, fieldPlace, 'news-archive:front-matter-type').fatal = true
      } else if (field === 'slug' && typeof value === 'string' && slugProblem(value)) {
        file.message(slugProblem(value) as string, fieldPlace, 'news-archive:slug-invalid').fatal = true
      } else if (typeof value === 'string' || value === null) {
        ;(article as unknown as Record<string, unknown>)[field] = value
      } else {
        file.message(`\`articles.${key}.${field}\` must be a string`, fieldPlace, 'news-archive:front-matter-type').fatal = true
      }
    }
  }
}

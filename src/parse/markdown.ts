// A Markdown article with YAML front matter → a page holding that one article, like a parsed raw page.
import type { Heading, Paragraph, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { ArticleRecord, Byline, ParsedPage, Section } from '../types.ts'
import { detectScript } from '../variants/detect.ts'
import { reportSuspiciousCharacters } from './characters.ts'
import { parseDateline } from './dateline.ts'
import { decodePage } from './decode.ts'
import { readFrontMatter } from './front-matter.ts'
import { slugProblem } from './patterns.ts'
import { checkIssueDate } from './raw-page.ts'

const articleKeys = ['headline', 'kicker', 'subheadline', 'date', 'page', 'position', 'paper', 'bylines', 'tags', 'slug', 'continuedFrom', 'continuedTo'] as const

/** Parse a `.md` article; front matter gives headline, date and page (required) and the other fields. */
export function parseMarkdownArticle(file: VFile, today = new Date()): ParsedPage | null {
  const decoded = decodePage(file.value instanceof Uint8Array ? file.value : new TextEncoder().encode(String(file.value)))
  if (!decoded.ok) {
    for (const problem of decoded.problems) file.message(problem.reason, problem.place, problem.ruleId).fatal = true
    return null
  }
  const text = decoded.text
  file.value = text
  reportSuspiciousCharacters(text, file)
  const { data, places, body, bodyLine } = readFrontMatter(text, file)
  const fail = (key: string, reason: string, rule = 'news-archive:front-matter-type') => {
    file.message(reason, places[key] ?? { line: 1, column: 1 }, rule).fatal = true
  }
  for (const key of Object.keys(data)) {
    if (!(articleKeys as readonly string[]).includes(key)) fail(key, `Unknown front matter key \`${key}\` (an article takes: ${articleKeys.join(', ')})`, 'news-archive:front-matter-unknown-key')
  }
  for (const key of ['headline', 'date', 'page'] as const) {
    if (data[key] === undefined) fail(key, `Markdown article needs \`${key}\` in its front matter`, 'news-archive:front-matter-missing')
  }
  const optionalString = (key: string): string | null => {
    const value = data[key]
    if (value === undefined || value === null) return null
    if (typeof value !== 'string') fail(key, `\`${key}\` must be a string`)
    return String(value)
  }
  const issueDate = String(data.date ?? '')
  const dateProblem = data.date === undefined || data.date === null ? null : checkIssueDate(issueDate, today)
  if (dateProblem) fail('date', dateProblem, 'news-archive:issue-date')
  const page = Number(data.page)
  if (data.page !== undefined && !(Number.isInteger(page) && page >= 1 && page <= 999)) fail('page', 'Page must be a whole number from 1 to 999')
  const position = data.position === undefined ? 1 : Number(data.position)
  if (!(Number.isInteger(position) && position >= 1)) fail('position', '`position` must be a whole number from 1')
  const tags = data.tags ?? []
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) fail('tags', '`tags` must be a list of strings')
  const bylines = readBylines(data.bylines, () => fail('bylines', '`bylines` must be a list of `{role, names}` or of strings like `记者 杨晓梅`'))
  const headline = optionalString('headline')
  const kicker = optionalString('kicker')
  const subheadline = optionalString('subheadline')
  const slug = optionalString('slug')
  if (slug !== null && typeof data.slug === 'string' && slugProblem(slug)) fail('slug', slugProblem(slug) as string, 'news-archive:slug-invalid')
  const paper = optionalString('paper')
  if (file.messages.some((message) => message.fatal)) return null

  const tree = unified().use(remarkParse).parse(body) as Root
  const sections = toSections(tree, bodyLine)
  // Articles are plain text: a link or image keeps its words, and the editor hears that its address is dropped.
  visit(tree, (node) => {
    if (!['link', 'image', 'linkReference', 'imageReference'].includes(node.type)) return
    const start = node.position?.start
    const place = start ? { line: start.line + bodyLine - 1, column: start.column } : undefined
    const what = node.type.startsWith('image') ? 'An image' : 'A link'
    file.message(`${what} in Markdown is kept as its text only; its address is dropped (articles are plain text)`, { place, ruleId: 'markdown-markup', source: 'news-archive' })
  })
  if (sections.every((section) => section.paragraphs.length === 0)) {
    file.message('Markdown article has no text below its front matter', { line: bodyLine, column: 1 }, 'news-archive:no-articles').fatal = true
    return null
  }
  const first = sections[0]?.paragraphs[0]
  const record: ArticleRecord = {
    id: `${issueDate}/${page}-${position}`,
    source: file.path,
    paper,
    issueDate,
    page,
    position,
    headline,
    kicker,
    subheadline,
    headLines: { headline: places.headline?.line ?? null, kicker: places.kicker?.line ?? null, subheadline: places.subheadline?.line ?? null },
    bylines: bylines.map((byline) => ({ ...byline, line: places.bylines?.line ?? 1 })),
    dateline: first ? (parseDateline(first, issueDate)?.dateline ?? null) : null,
    continuedFrom: typeof data.continuedFrom === 'number' ? data.continuedFrom : null,
    continuedTo: typeof data.continuedTo === 'number' ? data.continuedTo : null,
    continuationMarkers: [],
    sections,
    sourceLines: [1, bodyLine + body.split('\n').length - 1],
    tags: tags as string[],
    slug,
    script: detectScript([headline ?? '', ...sections.flatMap((section) => section.paragraphs)].join('')),
  }
  return { issueDate, page, paper, articles: [record], furniture: [] }
}

function readBylines(value: unknown, fail: () => void): Omit<Byline, 'line'>[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    fail()
    return []
  }
  return value.flatMap((entry): Omit<Byline, 'line'>[] => {
    if (typeof entry === 'string') {
      const [first = '', ...rest] = entry.trim().split(/\s+/u)
      return rest.length > 0 ? [{ role: first, names: rest, text: entry }] : [{ role: null, names: [first], text: entry }]
    }
    if (typeof entry === 'object' && entry !== null && Array.isArray((entry as { names?: unknown }).names)) {
      const { role = null, names } = entry as { role?: string | null; names: string[] }
      return [{ role, names: names.map(String), text: [role, ...names].filter(Boolean).join(' ') }]
    }
    fail()
    return []
  })
}

/** Headings start sections; every other block becomes a paragraph of plain text. */
function toSections(tree: Root, bodyLine: number): Section[] {
  const sections: Section[] = []
  const lineOf = (node: Heading | Paragraph | Root['children'][number]) => (node.position?.start.line ?? 1) + bodyLine - 1
  for (const node of tree.children) {
    if (node.type === 'heading') {
      sections.push({ heading: toString(node), headingLine: lineOf(node), paragraphs: [], paragraphLines: [] })
      continue
    }
    const text = toString(node).trim()
    if (text === '') continue
    if (sections.length === 0) sections.push({ heading: null, headingLine: null, paragraphs: [], paragraphLines: [] })
    const section = sections.at(-1) as Section
    section.paragraphs.push(text)
    section.paragraphLines.push([lineOf(node)])
  }
  return sections
}

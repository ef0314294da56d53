// A deterministic corpus of raw pages in the sample's format (seeded, no downloads), for benchmarks.
// Two issues a week (Tuesday and Friday), 4–8 pages an issue, 2–5 articles a page, generated lazily.
import * as phrases from './corpus-phrases.ts'

type Theme = (typeof phrases.vocabularyTerms)[number]

/** One article as the generator wrote it: what the parser should find, and what Markdown gets. */
export interface GeneratedArticle {
  kind: 'article' | 'brief' | 'continued'
  headline: string | null
  kicker: string | null
  subheadline: string | null
  /** Byline lines as printed (`■记者 顾文杰`); a brief prints its one credit at the end of its paragraph. */
  bylines: string[]
  /** Credits for front matter, as `记者 顾文杰`. */
  credits: string[]
  bylineAtEnd: boolean
  sections: { heading: string | null; paragraphs: string[] }[]
  continuedFrom: number | null
  continuedTo: number | null
  /** Vocabulary terms that occur in the article's text. */
  tags: string[]
  /** Characters of the article's text lines (head, bylines, markers, paragraphs). */
  characters: number
}

export interface GeneratedPage {
  /** Relative to the articles folder: `2019/12/10/02.txt` is page 2 of the issue of 2019-12-10. */
  path: string
  issueDate: string
  page: number
  text: string
  articleCount: number
  articles: GeneratedArticle[]
}

export interface CorpusOptions {
  articles: number
  seed?: number
  /** First issue on or after this day (the next Tuesday or Friday); default 2010-01-05. */
  startDate?: string
}

/** mulberry32: a tiny seeded PRNG, good enough for text and fast. */
function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  }
}
type Random = ReturnType<typeof createRandom>

/** Punctuation a page prints ASCII (like the sample) or full-width. */
interface Punctuation { comma: string; semicolon: string; colon: string; question: string; open: string; close: string }
const asciiPunctuation: Punctuation = { comma: ',', semicolon: ';', colon: ':', question: '?', open: '(', close: ')' }
const fullPunctuation: Punctuation = { comma: '，', semicolon: '；', colon: '：', question: '？', open: '（', close: '）' }
const finalMark = /[。！？…”’」』.!?｡]$/u

/** Generate `articles` articles as raw pages, lazily, page by page, in date order. */
export function* generatePages(options: CorpusOptions): Generator<GeneratedPage> {
  const random = createRandom(options.seed ?? 1)
  let remaining = Math.max(0, Math.floor(options.articles))
  let day = firstIssueDay(options.startDate ?? '2010-01-05')
  while (remaining > 0) {
    const plan: number[] = []
    const pageCount = random.int(4, 8)
    for (let page = 0; page < pageCount && remaining > 0; page++) {
      const count = Math.min(random.int(2, 5), remaining)
      plan.push(count)
      remaining -= count
    }
    yield* generateIssue(random, day, plan)
    day += new Date(day).getUTCDay() === 2 ? 3 * 86_400_000 : 4 * 86_400_000
  }
}

/** One issue: pages in order; a story on page 1 may jump to a later page (`下转` / `上接`). */
function* generateIssue(random: Random, day: number, plan: number[]): Generator<GeneratedPage> {
  const issueDate = isoDay(day)
  const [, year, month, date] = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(issueDate) as unknown as [string, string, string, string]
  // Page 1 jumps to a page that has room; the continuation takes one of that page's articles.
  const jumpTarget = plan.length >= 2 && (plan[0] as number) >= 2 && random.chance(0.6) ? random.int(2, plan.length) : null
  let jumpedHeadline: { headline: string; themes: Theme[] } | null = null
  for (let index = 0; index < plan.length; index++) {
    const pageNumber = index + 1
    const punctuation = random.chance(0.7) ? asciiPunctuation : fullPunctuation
    const writer = new ArticleWriter(random, punctuation, day)
    const count = plan[index] as number
    const articles: GeneratedArticle[] = []
    const continuedAt = pageNumber === jumpTarget && jumpedHeadline ? random.int(0, count - 1) : -1
    for (let position = 0; position < count; position++) {
      if (position === continuedAt && jumpedHeadline) {
        articles.push(writer.continued(jumpedHeadline.headline, jumpedHeadline.themes))
      } else if (pageNumber === 1 && jumpTarget !== null && position === count - 1) {
        const article = writer.article(jumpTarget)
        jumpedHeadline = { headline: article.headline as string, themes: writer.lastThemes }
        articles.push(article)
      } else if (pageNumber > 1 && random.chance(0.12)) {
        articles.push(writer.brief())
      } else {
        articles.push(writer.article(null))
      }
    }
    yield {
      path: `${year}/${month}/${date}/${String(pageNumber).padStart(2, '0')}.txt`,
      issueDate,
      page: pageNumber,
      text: renderPage(random, articles),
      articleCount: articles.length,
      articles,
    }
  }
}

/** Writes articles for one page: its punctuation style and its issue date. */
class ArticleWriter {
  lastThemes: Theme[] = []
  constructor(private random: Random, private p: Punctuation, private issueDay: number) {}

  /** A full article: head, byline at top or end, dateline on most, sections in longer ones. */
  article(jumpsTo: number | null): GeneratedArticle {
    const { random } = this
    const themes = this.themes()
    const headline = this.headline(themes)
    const subheadline = random.chance(0.2) ? `——${random.pick(phrases.subjects)}${random.pick(phrases.headlineClauses)}${random.pick(phrases.subheadlineTails)}` : null
    let kicker = random.chance(0.15) ? random.pick(phrases.kickers) : null
    // Without a subheadline, a kicker is read as one only when markedly shorter than the headline.
    if (kicker && !subheadline && kicker.length >= 0.6 * headline.length) kicker = null
    const bylineAtEnd = jumpsTo === null && random.chance(0.25)
    const { lines: bylines, credits } = this.byline()
    // An article must announce itself with a byline on top or a dateline, or its headline reads as a section heading.
    const dated = bylineAtEnd || random.chance(0.85)
    const target = random.int(1500, 2850)
    const headChars = headline.length + (kicker?.length ?? 0) + (subheadline?.length ?? 0) + bylines.join('').length
    const sections = this.body(target - headChars, dated ? this.dateline() : '', themes)
    const article = this.finish({ kind: 'article', headline, kicker, subheadline, bylines, credits, bylineAtEnd, sections, continuedFrom: null, continuedTo: jumpsTo, tags: [], characters: 0 })
    if (jumpsTo !== null) article.characters += `(下转第${jumpsTo}版)`.length
    return article
  }

  /** The rest of a page-1 story: same headline, opening `(上接第1版)`, byline at the end. */
  continued(headline: string, themes: Theme[]): GeneratedArticle {
    const { lines: bylines, credits } = this.byline()
    const target = this.random.int(1500, 2850)
    // The marker opens the first paragraph (`(上接第1版)把…`) or, now and then, stands alone above it.
    const standalone = this.random.chance(0.2)
    const opening = standalone ? '' : `${this.p.open}上接第1版${this.p.close}`
    const sections = this.body(target - headline.length - bylines.join('').length, opening, themes)
    const article = this.finish({ kind: 'continued', headline, kicker: null, subheadline: null, bylines, credits, bylineAtEnd: true, sections, continuedFrom: 1, continuedTo: null, tags: [], characters: 0 })
    if (standalone) article.characters += '》》》上接01版'.length
    return article
  }

  /** A brief: one headline-less `本报讯 …` paragraph ending in its credit. */
  brief(): GeneratedArticle {
    const themes = this.themes()
    const name = this.random.pick(phrases.reporterNames)
    const length = this.random.int(150, 500)
    let text = this.dateline()
    while (text.length < length) text += this.sentence(themes, text.length < 20)
    return this.finish({ kind: 'brief', headline: null, kicker: null, subheadline: null, bylines: [`■${name}`], credits: [name], bylineAtEnd: true, sections: [{ heading: null, paragraphs: [text] }], continuedFrom: null, continuedTo: null, tags: [], characters: 0 })
  }

  private finish(article: GeneratedArticle): GeneratedArticle {
    const head = [article.headline, article.kicker, article.subheadline, ...article.bylines]
    const texts = [...head, ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs])].filter((text): text is string => text !== null)
    const joined = texts.join('')
    article.characters = joined.length
    article.tags = phrases.vocabularyTerms.filter((term) => joined.includes(term))
    return article
  }

  private themes(): Theme[] {
    const first = this.random.pick(phrases.vocabularyTerms)
    let second = this.random.pick(phrases.vocabularyTerms)
    if (second === first) second = this.random.pick(phrases.vocabularyTerms)
    this.lastThemes = [first, second]
    return this.lastThemes
  }

  private headline(themes: Theme[]): string {
    const { random } = this
    const object = random.pick(phrases.objectsByTheme[themes[0] as Theme])
    const shape = random.int(0, 2)
    if (shape === 1) return `${random.pick(phrases.headlineClauses)} ${random.pick(phrases.headingPhrases)}`
    // A headline ending in a closing quote (`…“回头看”`) reads as a finished sentence to the parser: keep the verb last then.
    if (shape === 0 && !object.endsWith('”')) return `${random.pick(phrases.subjects)}${random.pick(phrases.headlineVerbs)}${object}`
    return `${random.pick(phrases.places)}${object}${random.pick(phrases.headlineVerbs)}`
  }

  /** Byline lines and credits: one or two reporters, `□name`, or `记者 X 通讯员 Y`. */
  private byline(): { lines: string[]; credits: string[] } {
    const { random } = this
    const first = random.pick(phrases.reporterNames)
    const second = random.pick(phrases.reporterNames)
    const shape = random.next()
    if (shape < 0.6 || second === first) return { lines: [`■记者 ${first}`], credits: [`记者 ${first}`] }
    if (shape < 0.8) return { lines: [`■记者 ${first} ${second}`], credits: [`记者 ${first}`, `记者 ${second}`] }
    if (shape < 0.9) return { lines: [`□${first}`], credits: [first] }
    return { lines: [`记者 ${first} 通讯员 ${second}`], credits: [`记者 ${first}`, `通讯员 ${second}`] }
  }

  /** `本报讯 12月7日,`, a range `7日至8日`, or `近日`, always on or before the issue date. */
  private dateline(): string {
    const { random, p } = this
    const shape = random.next()
    if (shape < 0.15) return `本报讯 近日${p.comma}`
    const end = new Date(this.issueDay - random.int(1, 5) * 86_400_000)
    const label = `${end.getUTCMonth() + 1}月`
    if (shape < 0.3) {
      const start = new Date(end.getTime() - 86_400_000)
      const startLabel = start.getUTCMonth() === end.getUTCMonth() ? '' : `${start.getUTCMonth() + 1}月`
      return `本报讯 ${startLabel || label}${start.getUTCDate()}日至${startLabel ? label : ''}${end.getUTCDate()}日${p.comma}`
    }
    return `本报讯 ${label}${end.getUTCDate()}日${p.comma}`
  }

  /** Paragraphs (80–600 characters) up to `target` characters, with headings when long; `opening` starts the first. */
  private body(target: number, opening: string, themes: Theme[]): GeneratedArticle['sections'] {
    const { random } = this
    const sections: GeneratedArticle['sections'] = [{ heading: null, paragraphs: [] }]
    const headingEvery = target > 1900 ? random.int(2, 4) : Infinity
    let written = 0
    let paragraphCount = 0
    while (written < target) {
      const left = target - written
      if (paragraphCount > 0 && paragraphCount % headingEvery === 0 && left > 300) {
        const used = sections.map((section) => section.heading)
        let heading = random.pick(phrases.headingPhrases)
        while (used.includes(heading)) heading = random.pick(phrases.headingPhrases)
        sections.push({ heading, paragraphs: [] })
        written += heading.length
      }
      const paragraph = this.paragraph(left < 700 ? Math.max(80, left) : random.int(80, 600), paragraphCount === 0 ? opening : '', themes)
      ;(sections.at(-1) as { paragraphs: string[] }).paragraphs.push(paragraph)
      written += paragraph.length
      paragraphCount++
    }
    return sections
  }

  private paragraph(target: number, opening: string, themes: Theme[]): string {
    let text = opening
    for (;;) {
      // After a dateline the sentence goes straight to its subject (no `此外,`, no quote).
      const sentence = this.sentence(themes, text !== '' && text === opening)
      if (text.length >= 80 && text.length + sentence.length > 600) return text
      text += sentence
      if (text.length >= target) return text
    }
  }

  private sentence(themes: Theme[], afterDateline = false): string {
    const { random, p } = this
    // Mostly the article's own themes, so that it carries a few tags rather than all of them.
    const theme = random.chance(0.97) ? random.pick(themes) : random.pick(phrases.vocabularyTerms)
    const object = random.pick(phrases.objectsByTheme[theme])
    switch (afterDateline ? random.pick([1, 3, 4]) : random.int(0, 5)) {
      case 0: return `${random.pick(phrases.openings)}${p.comma}${random.pick(phrases.subjects)}${random.pick(phrases.verbs)}${object}${p.comma}${random.pick(phrases.purposes)}。`
      case 1: return `${random.pick(phrases.subjects)}在${random.pick(phrases.places)}${random.pick(phrases.verbs)}${object}${p.comma}累计覆盖${random.int(3, 2400)}${random.pick(phrases.measures)}${p.semicolon}${random.pick(phrases.verbs)}${random.pick(phrases.objectsByTheme[random.pick(themes)])}、${random.pick(phrases.objectsByTheme[theme])}。`
      case 2: {
        const [first, second] = [random.pick(phrases.quoted), random.pick(phrases.quoted)]
        return first === second ? `“${first}。”${random.pick(phrases.speakers)}说。` : `“${first}${p.comma}${second}。”${random.pick(phrases.speakers)}说。`
      }
      case 3: return `如何做好${object}这篇文章${p.question}${random.pick(phrases.subjects)}将从三方面发力${p.colon}${random.pick(phrases.verbs)}${random.pick(phrases.objectsByTheme[random.pick(themes)])}${p.semicolon}${random.pick(phrases.verbs)}${random.pick(phrases.objectsByTheme[theme])}${p.semicolon}${random.pick(phrases.purposes)}。`
      case 4: return `${new Date(this.issueDay).getUTCFullYear() + random.int(0, 1)}年${p.comma}${random.pick(phrases.subjects)}计划新增${object}${random.int(2, 60)}${random.pick(phrases.measures)}${p.open}含${random.pick(phrases.places)}等${random.int(2, 9)}处${p.close}${p.comma}${random.pick(phrases.purposes)}。`
      default: return `${random.pick(phrases.openings)}${p.comma}${random.pick(phrases.places)}一带的${object}已初见成效${p.comma}${random.pick(phrases.subjects)}将${random.pick(phrases.verbs)}相关工作${p.comma}${random.pick(phrases.purposes)}。`
    }
  }
}

/** Lay articles out as blocks separated by blank lines, breaking some paragraphs across a column. */
function renderPage(random: Random, articles: GeneratedArticle[]): string {
  const blocks: string[] = []
  articles.forEach((article, index) => {
    // Runs of blank lines between articles are a hint the parser must not rely on.
    if (index > 0 && random.chance(0.2)) blocks.push('')
    if (article.kicker) blocks.push(article.kicker)
    if (article.headline) blocks.push(article.headline)
    if (article.subheadline) blocks.push(article.subheadline)
    if (article.kind === 'continued' && !article.sections[0]?.paragraphs[0]?.startsWith('(上接') && !article.sections[0]?.paragraphs[0]?.startsWith('（上接')) blocks.push('》》》上接01版')
    if (!article.bylineAtEnd) blocks.push(...article.bylines)
    for (const section of article.sections) {
      if (section.heading) blocks.push(section.heading)
      for (const paragraph of section.paragraphs) blocks.push(...(article.kind === 'brief' ? [`${paragraph} ${article.bylines[0]}`] : columnBreak(random, paragraph)))
    }
    // A standalone marker: `…。(下转第2版)` ending a paragraph mid-page would run on into the next headline.
    if (article.continuedTo !== null) blocks.push(`(下转第${article.continuedTo}版)`)
    if (article.bylineAtEnd && article.kind !== 'brief') blocks.push(...article.bylines)
  })
  return `${blocks.join('\n\n')}\n`
}

/** Some long paragraphs break mid-sentence, the rest in the next block; the first part never ends a sentence. */
function columnBreak(random: Random, paragraph: string): string[] {
  if (paragraph.length < 160 || !random.chance(0.15)) return [paragraph]
  let at = random.int(Math.floor(paragraph.length * 0.35), Math.floor(paragraph.length * 0.8))
  while (at > 45 && finalMark.test(paragraph.slice(0, at))) at--
  if (at <= 45 || paragraph.length - at < 12) return [paragraph]
  return [paragraph.slice(0, at), paragraph.slice(at)]
}

function firstIssueDay(startDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(startDate)
  if (!match) throw new Error(`startDate must be YYYY-MM-DD, not ${startDate}`)
  let day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  while (![2, 5].includes(new Date(day).getUTCDay())) day += 86_400_000
  return day
}

function isoDay(day: number): string {
  return new Date(day).toISOString().slice(0, 10)
}

/** One article as Markdown with YAML front matter; `path` is `YYYY/MM/DD/PP-N.md` under the output folder. */
export interface GeneratedMarkdown {
  path: string
  text: string
}

/** The same articles as generatePages, one Markdown file each, for other generators to build identical content. */
export function* generateMarkdownArticles(options: CorpusOptions): Generator<GeneratedMarkdown> {
  for (const page of generatePages(options)) {
    const stem = page.path.replace(/\.txt$/u, '')
    for (const [index, article] of page.articles.entries()) yield { path: `${stem}-${index + 1}.md`, text: toMarkdown(page, article, index + 1) }
  }
}

/** Front matter in the keys news-archive's own Markdown reader takes; JSON strings are valid YAML scalars. */
function toMarkdown(page: GeneratedPage, article: GeneratedArticle, position: number): string {
  const lines = ['---', `headline: ${JSON.stringify(article.headline)}`]
  if (article.kicker) lines.push(`kicker: ${JSON.stringify(article.kicker)}`)
  if (article.subheadline) lines.push(`subheadline: ${JSON.stringify(article.subheadline)}`)
  lines.push(`date: ${page.issueDate}`, `page: ${page.page}`, `position: ${position}`, `bylines: ${JSON.stringify(article.credits)}`, `tags: ${JSON.stringify(article.tags)}`)
  if (article.continuedFrom !== null) lines.push(`continuedFrom: ${article.continuedFrom}`)
  if (article.continuedTo !== null) lines.push(`continuedTo: ${article.continuedTo}`)
  lines.push('---', '')
  for (const section of article.sections) {
    if (section.heading) lines.push(`## ${section.heading}`, '')
    for (const paragraph of section.paragraphs) lines.push(paragraph, '')
  }
  return lines.join('\n')
}

// One raw page's text → article records, every doubtful guess a positioned message on the file.
import type { VFile } from 'vfile'
import type { ArticleRecord, Byline, ParsedPage, Section } from '../types.ts'
import { detectScript } from '../variants/detect.ts'
import { hardWrapWidth, splitBlocks } from './blocks.ts'
import { parseInlineCredits } from './byline.ts'
import { characterCount } from './character-count.ts'
import { parseDateline } from './dateline.ts'
import { extractionSpace, leadingMarker, trailingMarker } from './patterns.ts'
import { segment, type ArticleDraft } from './segment.ts'
import { markerTarget, toUnits } from './units.ts'

/** Where a page sits in the paper: its issue date, page number and paper name. */
export interface PageMeta {
  issueDate: string
  page: number
  paper: string | null
}

/**
 * Parse a page's body text (front matter already removed; `firstLine` is the file line it starts on).
 * Messages go on `file`; a page with no article gets a fatal one.
 */
export function parsePage(text: string, meta: PageMeta, file: VFile, firstLine = 1): ParsedPage {
  const blocks = splitBlocks(text, firstLine)
  const wrapWidth = hardWrapWidth(blocks)
  if (wrapWidth !== null) {
    file.info(`Read as a hard-wrapped page (lines of about ${wrapWidth} characters): paragraphs end at short lines`, { line: blocks[0]?.line ?? firstLine, column: blocks[0]?.column ?? 1 }, 'news-archive:hard-wrapped')
  }
  const { drafts, furniture } = segment(toUnits(blocks, wrapWidth, file), file)
  const isArticle = (draft: ArticleDraft) => draft.head.length + draft.body.length + draft.bylines.length > 0
  const articles = drafts.filter(isArticle).map((draft, index) => toRecord(draft, meta, index + 1, file))
  reportOutsizedText(articles, file)
  // A continuation marker with no article around it is kept with the furniture, so no text is lost.
  const strayMarkers = drafts.filter((draft) => !isArticle(draft)).flatMap((draft) => draft.markers)
  if (articles.length === 0) {
    const place = blocks[0] ? { line: blocks[0].line, column: blocks[0].column } : { line: firstLine, column: 1 }
    const what = blocks.length === 0 ? 'holds no text' : 'holds no article (only page furniture or continuation markers)'
    file.message(`Page ${what}`, place, 'news-archive:no-articles').fatal = true
  }
  const furnitureLines = [...furniture, ...strayMarkers].sort((a, b) => a.block.line - b.block.line)
  return { ...meta, articles, furniture: furnitureLines.map((unit) => ({ text: unit.text, line: unit.block.line })) }
}

function toRecord(draft: ArticleDraft, meta: PageMeta, position: number, file: VFile): ArticleRecord {
  const head = assignHead(draft, file)
  const paragraphs = draft.body.flatMap((part) => (part.kind === 'paragraph' ? [part.unit] : []))
  const first = paragraphs[0]
  const dateline = first ? parseDateline(first.text, meta.issueDate) : null
  const bylines: Byline[] = draft.bylines.flatMap((found) =>
    found.credits.map(({ offset: _offset, ...credit }) => ({ ...credit, line: found.line })),
  )
  if (dateline && first) {
    for (const { offset: _offset, ...credit } of parseInlineCredits(dateline.dateline.text)) {
      bylines.push({ ...credit, line: first.block.line, inParagraph: true })
    }
  }

  const lines = [
    ...draft.head.map((unit) => unit.block.line),
    ...draft.bylines.map((found) => found.line),
    ...draft.body.flatMap((part) => (part.kind === 'paragraph' ? part.unit.parts.map((block) => block.line) : [part.unit.block.line])),
    ...draft.markers.map((unit) => unit.block.line),
  ]
  const sourceLines: [number, number] = [lines.reduce((min, line) => Math.min(min, line)), lines.reduce((max, line) => Math.max(max, line))]
  const record: ArticleRecord = {
    id: `${meta.issueDate}/${meta.page}-${position}`,
    source: file.path,
    paper: meta.paper,
    issueDate: meta.issueDate,
    page: meta.page,
    position,
    ...head,
    bylines,
    dateline: dateline?.dateline ?? null,
    continuedFrom: continuation(draft, 'from'),
    continuedTo: continuation(draft, 'to'),
    continuationMarkers: draft.markers.map((unit) => ({ text: unit.text, line: unit.block.line, direction: unit.direction, page: unit.page })),
    sections: toSections(draft),
    sourceLines,
    tags: [],
    slug: null,
    script: 'hans',
  }
  record.script = detectScript([record.headline ?? '', ...paragraphs.map((unit) => unit.text)].join(''))

  if (bylines.length === 0) {
    file.message('Article has no byline: check that its credit was not read as text or lost', { line: sourceLines[0], column: 1 }, 'news-archive:no-byline')
  }
  if (dateline?.dateline.start && first && dateline.dateline.start > meta.issueDate) {
    const column = first.block.column + dateline.dateOffset
    file.message(`Dateline date ${dateline.dateline.start} falls after the issue date ${meta.issueDate}`, { line: first.block.line, column }, 'news-archive:dateline-after-issue')
  }
  reportExtractionSpaces(paragraphs, dateline?.dateline.text.length ?? 0, file)
  return record
}

/** Kicker, headline and subheadline from the short lines above an article's body. */
function assignHead(draft: ArticleDraft, file: VFile): Pick<ArticleRecord, 'headline' | 'kicker' | 'subheadline' | 'headLines'> {
  const head = draft.head
  const pick = (index: number) => head[index] ?? null
  let [kicker, headline, subheadline] = [null as (typeof head)[number] | null, pick(0), null as (typeof head)[number] | null]
  if (head.length === 2) {
    const [upper, lower] = head as [(typeof head)[number], (typeof head)[number]]
    // A line below starting with a dash is a subheadline; a markedly shorter line above is a kicker.
    const kickerAbove = !/^[—─-]/u.test(lower.text) && characterCount(upper.text) < 0.6 * characterCount(lower.text)
    ;[kicker, headline, subheadline] = kickerAbove ? [upper, lower, null] : [null, upper, lower]
  } else if (head.length >= 3) {
    ;[kicker, headline, subheadline] = [pick(head.length - 3), pick(head.length - 2), pick(head.length - 1)]
    if (head.length > 3) {
      const extra = head[0] as (typeof head)[number]
      file.message(`${head.length} short lines above the article: read the last three as kicker, headline and subheadline, the rest as kicker`, { line: extra.block.line, column: extra.block.column }, 'news-archive:long-head')
      kicker = { ...(kicker as (typeof head)[number]), text: head.slice(0, head.length - 2).map((unit) => unit.text).join(' ') }
    }
  }
  return {
    headline: headline?.text ?? null,
    kicker: kicker?.text ?? null,
    subheadline: subheadline?.text ?? null,
    headLines: { headline: headline?.block.line ?? null, kicker: kicker?.block.line ?? null, subheadline: subheadline?.block.line ?? null },
  }
}

function toSections(draft: ArticleDraft): Section[] {
  const sections: Section[] = []
  for (const part of draft.body) {
    if (part.kind === 'heading') {
      sections.push({ heading: part.unit.text, headingLine: part.unit.block.line, paragraphs: [], paragraphLines: [] })
      continue
    }
    if (sections.length === 0) sections.push({ heading: null, headingLine: null, paragraphs: [], paragraphLines: [] })
    const section = sections.at(-1) as Section
    section.paragraphs.push(part.unit.text)
    section.paragraphLines.push(part.unit.parts.map((block) => block.line))
  }
  return sections
}

function continuation(draft: ArticleDraft, direction: 'from' | 'to'): number | null {
  const standalone = draft.markers.find((unit) => unit.direction === direction)
  if (standalone) return standalone.page
  const paragraphs = draft.body.flatMap((part) => (part.kind === 'paragraph' ? [part.unit.text] : []))
  for (const text of direction === 'from' ? paragraphs.slice(0, 1) : paragraphs) {
    const match = (direction === 'from' ? leadingMarker : trailingMarker).exec(text)
    if (match && markerTarget(match).direction === direction) return markerTarget(match).page
  }
  return null
}

function reportExtractionSpaces(paragraphs: ArticleDraft['body'][number]['unit'][], datelineLength: number, file: VFile): void {
  paragraphs.forEach((unit, index) => {
    if (unit.kind !== 'paragraph') return
    for (const block of unit.parts) {
      // The space after a dateline word (`本报讯 近日`) is the paper's own, not the extractor's.
      const skip = index === 0 && block === unit.parts[0] ? datelineLength : 0
      extractionSpace.lastIndex = 0
      const found = [...block.text.matchAll(extractionSpace)].find((match) => (match.index ?? 0) >= skip)
      if (found) {
        const column = block.column + (found.index ?? 0)
        file.message('Spaces between Chinese characters, as PDF extraction inserts them; the record keeps them, rendering removes them', { line: block.line, column }, 'news-archive:extraction-spaces')
      }
    }
  })
}

/** A printed page holds some 7,000 characters and a few dozen articles at most; far more means lost line or page breaks. */
export const pageLimits = { paragraphCharacters: 10_000, articles: 200 }

function reportOutsizedText(articles: ArticleRecord[], file: VFile): void {
  if (articles.length > pageLimits.articles) {
    const first = articles[pageLimits.articles] as ArticleRecord
    file.message(`${articles.length} articles on one page, more than the ${pageLimits.articles} a printed page can hold: is this several pages in one file?`, { line: first.sourceLines[0], column: 1 }, 'news-archive:many-articles')
  }
  for (const record of articles) {
    for (const section of record.sections) {
      section.paragraphs.forEach((paragraph, index) => {
        if (paragraph.length <= pageLimits.paragraphCharacters) return
        const line = section.paragraphLines[index]?.[0] ?? record.sourceLines[0]
        file.message(`Paragraph of ${paragraph.length} characters, more than a printed page holds (${pageLimits.paragraphCharacters}): were its line ends lost?`, { line, column: 1 }, 'news-archive:long-paragraph')
      })
    }
  }
}

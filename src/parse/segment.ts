// Units → article drafts: where one article ends and the next begins, and what each unit is to it.
import type { VFile } from 'vfile'
import { parseBylineText, type Credit } from './byline.ts'
import { datelineOpening, leadingMarker, trailingByline } from './patterns.ts'
import type { Unit } from './units.ts'

type Of<K extends Unit['kind']> = Extract<Unit, { kind: K }>

/** A byline as found: a whole line, or a credit split off the end of a brief's paragraph. */
export interface FoundByline {
  credits: Credit[]
  line: number
  /** Column where the byline text starts on its line. */
  column: number
}

export type BodyPart = { kind: 'heading'; unit: Of<'short'> } | { kind: 'paragraph'; unit: Of<'paragraph'> }

/** One article as the segmenter sees it, before fields are read off it. */
export interface ArticleDraft {
  head: Of<'short'>[]
  bylines: FoundByline[]
  body: BodyPart[]
  markers: Of<'marker'>[]
  /** A byline after the body closed the article: what follows starts another. */
  closed: boolean
}

/** Split a page's units into article drafts and furniture, reporting boundaries decided on weak evidence. */
export function segment(units: Unit[], file: VFile): { drafts: ArticleDraft[]; furniture: Of<'furniture'>[] } {
  const drafts: ArticleDraft[] = []
  const furniture: Of<'furniture'>[] = []
  let current: ArticleDraft | null = null
  const open = (): ArticleDraft => {
    current = { head: [], bylines: [], body: [], markers: [], closed: false }
    drafts.push(current)
    return current
  }

  units.forEach((unit, index) => {
    const draft: ArticleDraft | null = current
    const hasBody = draft !== null && draft.body.length > 0
    switch (unit.kind) {
      case 'furniture':
        furniture.push(unit)
        return
      case 'short': {
        if (draft === null || draft.closed) open().head.push(unit)
        else if (!hasBody) draft.head.push(unit)
        else if (opensArticle(units, index)) open().head.push(unit)
        else if (units[index + 1]?.kind === 'short' && units[index - 1]?.kind !== 'short') {
          // Two short lines in a row inside a body read as a new headline and subheadline.
          weakBoundary(file, unit, 'two short lines in a row inside an article')
          open().head.push(unit)
        } else draft.body.push({ kind: 'heading', unit })
        return
      }
      case 'byline': {
        const found = { credits: unit.credits, line: unit.block.line, column: unit.block.column }
        const previous = units[index - 1]
        if (draft === null || (draft.closed && previous?.kind !== 'byline')) open().bylines.push(found)
        else if (!hasBody || draft.closed) draft.bylines.push(found)
        else closeWith(draft, found, drafts, file)
        return
      }
      case 'marker': {
        if (unit.direction === 'from' && (draft === null || hasBody || draft.closed)) open().markers.push(unit)
        else (draft ?? open()).markers.push(unit)
        return
      }
      case 'paragraph': {
        const startsNew = draft === null || draft.closed || (hasBody && (datelineOpening.test(unit.text) || isLeadingFrom(unit.text)))
        const target = startsNew ? open() : (draft as ArticleDraft)
        const trailing = splitTrailingByline(unit)
        target.body.push({ kind: 'paragraph', unit })
        if (trailing) {
          target.bylines.push(trailing)
          target.closed = true
        }
        return
      }
    }
  })
  return { drafts, furniture }
}

/** Does a run of short lines starting here lead to a byline, dateline or continuation marker? */
function opensArticle(units: Unit[], index: number): boolean {
  let next = index
  while (units[next]?.kind === 'short' || units[next]?.kind === 'furniture') next++
  const unit = units[next]
  if (unit === undefined) return false
  if (unit.kind === 'byline') return true
  if (unit.kind === 'marker') return unit.direction === 'from'
  return unit.kind === 'paragraph' && (datelineOpening.test(unit.text) || isLeadingFrom(unit.text))
}

function isLeadingFrom(text: string): boolean {
  const marker = leadingMarker.exec(text)
  return marker !== null && /上/u.test(marker[0])
}

/**
 * A byline after the body closes the article. When the article already had a byline at its top,
 * the closing one belongs to a second article whose headline was taken for a section heading.
 */
function closeWith(draft: ArticleDraft, found: FoundByline, drafts: ArticleDraft[], file: VFile): void {
  const isPhotoCredit = found.credits.every((credit) => credit.role !== null && /^(摄|攝|摄影|攝影|图|圖)$/u.test(credit.role))
  const lastHeading = draft.body.findLastIndex((part) => part.kind === 'heading')
  if (draft.bylines.length > 0 && !isPhotoCredit && lastHeading > 0) {
    const [heading, ...rest] = draft.body.splice(lastHeading)
    const unit = (heading as BodyPart).unit as Of<'short'>
    weakBoundary(file, unit, 'a second byline closes the text after this heading, so it is read as a new headline')
    drafts.push({ head: [unit], bylines: [found], body: rest, markers: [], closed: true })
    return
  }
  draft.bylines.push(found)
  draft.closed = true
}

function splitTrailingByline(unit: Of<'paragraph'>): FoundByline | null {
  const match = trailingByline.exec(unit.text)
  if (!match) return null
  const credits = parseBylineText(match[1] as string)
  if (credits.length === 0) return null
  const credit = match[1] as string
  unit.text = unit.text.slice(0, match.index)
  // The credit ends the paragraph, so it ends the paragraph's last block too.
  const lastBlock = unit.parts.at(-1) as Unit['block']
  return { credits, line: lastBlock.line, column: lastBlock.column + lastBlock.text.length - credit.length }
}

function weakBoundary(file: VFile, unit: Unit, why: string): void {
  file.message(`Started a new article here on weak evidence: ${why}`, { line: unit.block.line, column: unit.block.column }, 'news-archive:weak-boundary')
}

// Continuation notes inside paragraph text: `(上接第1版)` opening a paragraph, `(下转第2版)` closing one.
// The shapes are the parser's own, so what it read as a marker is what the page shows as one.
import { leadingMarker, trailingMarker } from '../parse/patterns.ts'
import { markerTarget } from '../parse/units.ts'

export interface ContinuationNote {
  /** The note exactly as the source wrote it. */
  text: string
  direction: 'from' | 'to'
  page: number
}

/** The continuation note a paragraph opens with, if any. */
export function leadingContinuation(paragraph: string): ContinuationNote | null {
  return toNote(leadingMarker.exec(paragraph.trimStart()))
}

/** The continuation note a paragraph ends with, if any. */
export function trailingContinuation(paragraph: string): ContinuationNote | null {
  return toNote(trailingMarker.exec(paragraph.trimEnd()))
}

function toNote(match: RegExpExecArray | null): ContinuationNote | null {
  if (!match) return null
  const { direction, page } = markerTarget(match)
  return Number.isInteger(page) && page > 0 ? { text: match[0], direction, page } : null
}

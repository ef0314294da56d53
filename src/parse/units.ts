// Blocks → units: each block classified, and paragraphs broken by a column break joined again.
import type { VFile } from 'vfile'
import type { Block } from './blocks.ts'
import { parseBylineText, type Credit } from './byline.ts'
import { characterCount } from './character-count.ts'
import { parseNumeral } from './dateline.ts'
import { clauseComma, datelineOpening, finalPunctuation, isBylineBlock, isFurniture, leadingMarker, trailingByline, trailingMarker, wholeMarker } from './patterns.ts'

/** The longest a headline, kicker or section heading runs, in characters. */
export const shortLineMax = 40
/** A joined-on fragment this short may have lost text at a page jump. */
const suspiciousFragment = 12

export type Unit =
  | { kind: 'short'; text: string; block: Block }
  | { kind: 'paragraph'; text: string; block: Block; parts: Block[] }
  | { kind: 'byline'; text: string; block: Block; credits: Credit[] }
  | { kind: 'marker'; text: string; block: Block; direction: 'from' | 'to'; page: number }
  | { kind: 'furniture'; text: string; block: Block }

/** Classify blocks and join column-broken paragraphs; `wrapWidth` is set for a hard-wrapped page. */
export function toUnits(blocks: Block[], wrapWidth: number | null, file: VFile): Unit[] {
  const units: Unit[] = []
  for (const block of blocks) {
    const unit = classify(block, wrapWidth)
    const previous = units.at(-1)
    if (unit.kind === 'paragraph' || unit.kind === 'short') {
      if (previous?.kind === 'paragraph' && continuesInto(previous, unit, wrapWidth)) {
        joinInto(previous, unit, wrapWidth, file)
        continue
      }
    }
    units.push(unit)
  }
  return units
}

function classify(block: Block, wrapWidth: number | null): Unit {
  const { text } = block
  if (isFurniture(text)) return { kind: 'furniture', text, block }
  const marker = wholeMarker.exec(text)
  if (marker) return { kind: 'marker', text, block, ...markerTarget(marker) }
  if (isBylineBlock(text)) {
    const credits = parseBylineText(text)
    if (credits.length > 0) return { kind: 'byline', text, block, credits }
  }
  if (isShort(text, wrapWidth)) return { kind: 'short', text, block }
  return { kind: 'paragraph', text, block, parts: [block] }
}

/** Direction and page of a matched continuation marker. */
export function markerTarget(match: RegExpExecArray): { direction: 'from' | 'to'; page: number } {
  const word = (match[1] ?? match[3]) as string
  const page = parseNumeral((match[2] ?? match[4]) as string)
  return { direction: word.startsWith('上') ? 'from' : 'to', page }
}

/** Headlines may exclaim or ask (`你家的垃圾分对了吗？`): a short line ending so is still a head line. */
const headlineEnding = /[！？!?][”’」』"']?$/u
const exclaimedHeadlineMax = 24

function isShort(text: string, wrapWidth: number | null): boolean {
  const length = characterCount(text)
  if (length > shortLineMax || clauseComma.test(text)) return false
  if (finalPunctuation.test(text) && !(headlineEnding.test(text) && length <= exclaimedHeadlineMax)) return false
  if (datelineOpening.test(text) || leadingMarker.test(text)) return false
  return wrapWidth === null || length < wrapWidth - 2
}

function continuesInto(previous: Extract<Unit, { kind: 'paragraph' }>, next: Unit, wrapWidth: number | null): boolean {
  if (datelineOpening.test(next.text) || leadingMarker.test(next.text)) return false
  // A hard-wrapped line runs on while it fills the width; elsewhere a block runs on when it stops mid-sentence.
  if (wrapWidth !== null) return characterCount((previous.parts.at(-1) as Block).text) >= wrapWidth - 2
  // A paragraph that ends in its credit or a jump marker (`…。(下转第2版)`) is complete.
  if (finalPunctuation.test(previous.text) || trailingByline.test(previous.text) || trailingMarker.test(previous.text)) return false
  return characterCount(previous.text) > shortLineMax || clauseComma.test(previous.text)
}

function joinInto(paragraph: Extract<Unit, { kind: 'paragraph' }>, next: Unit, wrapWidth: number | null, file: VFile): void {
  const gap = next.block.blankLinesBefore
  const fragment = characterCount(next.text)
  if (wrapWidth === null && (fragment < suspiciousFragment || gap >= 3)) {
    const why = gap >= 3 ? `${gap} blank lines apart` : `the second part is only ${fragment} characters`
    file.message(
      `Joined this block to the paragraph above across a column break, but ${why}: text may be missing at the break`,
      { line: next.block.line, column: next.block.column },
      'news-archive:column-join',
    )
  }
  paragraph.text += next.text
  paragraph.parts.push(next.block)
}

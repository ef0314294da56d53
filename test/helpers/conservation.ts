// Conservation: every non-blank character of a page lands in exactly one element of the parse.
import type { ParsedPage } from '../../src/types.ts'

/** The texts of every element the parser produced, each once (credits read out of a dateline are views, not texts). */
export function elementTexts(page: ParsedPage): string[] {
  return [
    ...page.furniture.map((line) => line.text),
    ...page.articles.flatMap((record) => [
      record.kicker ?? '',
      record.headline ?? '',
      record.subheadline ?? '',
      ...record.bylines.filter((byline) => !byline.inParagraph).map((byline) => byline.text),
      ...record.continuationMarkers.map((marker) => marker.text),
      ...record.sections.flatMap((section) => [section.heading ?? '', ...section.paragraphs]),
    ]),
  ]
}

/** Sorted non-blank characters: equal for input and output when nothing was lost or doubled. */
export function nonBlankCharacters(text: string): string {
  return [...text.replace(/[\s\u3000\ufeff]/gu, '')].sort().join('')
}

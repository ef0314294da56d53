// The head of a record: what lists show of an article (title, kicker, bylines, tags, an excerpt),
// without the rest of its text. Lists show every article of the archive in the other script too;
// converting and keeping only heads there keeps a build's memory to one copy of the archive's text.
import type { ArticleRecord } from '../types.ts'

/**
 * Characters of opening text a head keeps. Far more than a list shows: an excerpt is 90 characters
 * and a brief's title 24, so a head gives the same excerpt and title as the whole record, even where
 * a continuation note at the end of the kept text is dropped from it or conversion changes a length.
 */
export const headCharacters = 400

/** `record` with its paragraphs cut after the first `headCharacters` characters (itself when it is no longer). */
export function headOf(record: ArticleRecord): ArticleRecord {
  let kept = 0
  const sections: ArticleRecord['sections'] = []
  for (const section of record.sections) {
    if (kept >= headCharacters) break
    let count = 0
    while (count < section.paragraphs.length && kept < headCharacters) kept += (section.paragraphs[count++] as string).trim().length
    sections.push(count === section.paragraphs.length ? section : { ...section, paragraphs: section.paragraphs.slice(0, count), paragraphLines: section.paragraphLines.slice(0, count) })
  }
  const whole = sections.length === record.sections.length && sections.every((section, index) => section === record.sections[index])
  return whole ? record : { ...record, sections }
}

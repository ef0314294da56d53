// Lists show other articles from their heads: the same title, bylines and excerpt as from the whole record.
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { generatePages } from '../../scripts/corpus.ts'
import { parseRawPage } from '../../src/parse/raw-page.ts'
import { displayTitle, excerptSource } from '../../src/site/views.ts'
import type { ArticleRecord } from '../../src/types.ts'
import { headCharacters, headOf } from '../../src/variants/head.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { variantsFor } from '../../src/variants/record.ts'
import { articleRecord, seedRecords } from '../search/records.ts'

const generatedRecords = [...generatePages({ articles: 300, seed: 11 })].flatMap((page) => parseRawPage(new VFile({ path: page.path, value: page.text }))?.articles ?? [])

/** What a list shows of a record. */
const listed = (record: ArticleRecord) => ({ title: displayTitle(record), excerpt: excerptSource(record), bylines: record.bylines, kicker: record.kicker, tags: record.tags })

describe('a record\'s head', () => {
  it('keeps the opening text and cuts the rest', () => {
    const long = generatedRecords.find((record) => record.sections.flatMap((section) => section.paragraphs).join('').length > 3 * headCharacters)!
    const head = headOf(long)
    const kept = head.sections.flatMap((section) => section.paragraphs).join('')
    expect(kept.length).toBeGreaterThanOrEqual(headCharacters)
    expect(kept.length).toBeLessThan(long.sections.flatMap((section) => section.paragraphs).join('').length)
    expect(head.sections.every((section) => section.paragraphs.length === section.paragraphLines.length)).toBe(true)
    const short = articleRecord({ id: 'short', sections: [{ heading: null, headingLine: null, paragraphs: ['一句话。'], paragraphLines: [[3]] }] })
    expect(headOf(short)).toBe(short)
  })

  it(`lists ${generatedRecords.length} generated articles and the sample page the same from heads as from whole records, in both scripts`, () => {
    const records = [...generatedRecords, ...seedRecords()]
    // A short article ending in a jump to another page: its whole text is its head.
    records.push(articleRecord({ id: 'jump', sections: [{ heading: null, headingLine: null, paragraphs: ['本报讯 区里开会。', '会议强调要抓落实。(下转第2版)'], paragraphLines: [[2], [3]] }] }))
    for (const variant of variantsFor(createConverters('tw'))) {
      for (const record of records) expect(listed(variant.head(record)), `${variant.lang} ${record.id}`).toEqual(listed(variant.record(record)))
    }
  })
})

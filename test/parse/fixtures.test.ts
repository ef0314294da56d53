import { describe, expect, it } from 'vitest'
import type { ArticleRecord } from '../../src/types.ts'
import { parseFixture, parserFixtures } from '../helpers/fixtures.ts'

// Fields compared with no tolerance; byline `text` and `line` only where the fixture states them.
function comparable(record: ArticleRecord, expected: Record<string, unknown>) {
  const expectedBylines = (expected.bylines ?? []) as Record<string, unknown>[]
  return {
    headline: record.headline,
    kicker: record.kicker,
    subheadline: record.subheadline,
    bylines: record.bylines.map((byline, index) => {
      const shape: Record<string, unknown> = { role: byline.role, names: byline.names }
      if (expectedBylines[index] && 'text' in expectedBylines[index]) shape.text = byline.text
      if (expectedBylines[index] && 'line' in expectedBylines[index]) shape.line = byline.line
      return shape
    }),
    dateline: record.dateline,
    continuedFrom: record.continuedFrom,
    continuedTo: record.continuedTo,
    sections: record.sections.map((section) => ({ heading: section.heading, paragraphs: section.paragraphs })),
    sourceLines: record.sourceLines,
  }
}

describe('parser fixtures', () => {
  for (const fixture of parserFixtures()) {
    describe(fixture.name, () => {
      const { page, file } = parseFixture(fixture)

      it('parses every article exactly as expected', () => {
        expect(page).not.toBeNull()
        const articles = page?.articles ?? []
        expect(articles.map((record, index) => comparable(record, fixture.expected.articles[index] ?? {}))).toEqual(
          fixture.expected.articles.map((article) => {
            const { headline, kicker, subheadline, bylines, dateline, continuedFrom, continuedTo, sections, sourceLines } = article
            return { headline, kicker, subheadline, bylines, dateline, continuedFrom, continuedTo, sections, sourceLines }
          }),
        )
      })

      it('takes issue date and page into every record', () => {
        for (const record of page?.articles ?? []) {
          expect(record.issueDate).toBe(fixture.expected.issueDate)
          expect(record.page).toBe(fixture.expected.page)
        }
      })

      if (fixture.expected.furniture) {
        it('keeps page furniture out of the articles', () => {
          expect(page?.furniture).toEqual(fixture.expected.furniture)
        })
      }

      if (fixture.expected.messages) {
        it('reports its doubtful guesses at their line', () => {
          const found = file.messages.map((message) => ({ ruleId: `${message.source}:${message.ruleId}`, line: message.line }))
          for (const message of fixture.expected.messages ?? []) expect(found).toContainEqual({ ruleId: message.ruleId, line: message.line })
          expect(file.messages.filter((message) => message.fatal)).toEqual([])
        })
      }
    })
  }
})

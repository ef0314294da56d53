// Minimal ArticleRecords for search and variant tests, built from the seed's ground truth.
import { readFileSync } from 'node:fs'
import type { ArticleRecord } from '../../src/types.ts'

interface ExpectedArticle {
  headline: string | null
  kicker: string | null
  subheadline: string | null
  bylines: { role: string | null; names: string[] }[]
  dateline: { text: string; start: string | null; end: string | null } | null
  continuedFrom: number | null
  continuedTo: number | null
  sections: { heading: string | null; paragraphs: string[] }[]
  sourceLines: [number, number]
}

/** A record with every field filled; `fields` overrides any of them. */
export function articleRecord(fields: Partial<ArticleRecord> & Pick<ArticleRecord, 'id'>): ArticleRecord {
  return {
    source: `${fields.id}.txt`,
    paper: '杨浦时报',
    issueDate: '2019-12-10',
    page: 1,
    position: 1,
    headline: null,
    kicker: null,
    subheadline: null,
    headLines: { headline: null, kicker: null, subheadline: null },
    bylines: [],
    dateline: null,
    continuedFrom: null,
    continuedTo: null,
    continuationMarkers: [],
    sections: [],
    sourceLines: [1, 1],
    tags: [],
    slug: null,
    script: 'hans',
    ...fields,
  }
}

/** The three articles of the sample page 2019-12-10/2. */
export function seedRecords(): ArticleRecord[] {
  const url = new URL('../fixtures/seed/expected.json', import.meta.url)
  const expected = JSON.parse(readFileSync(url, 'utf8')) as { issueDate: string; page: number; articles: ExpectedArticle[] }
  return expected.articles.map((article, index) =>
    articleRecord({
      id: `${expected.issueDate}/${expected.page}-${index + 1}`,
      source: '2019/12/10/02.txt',
      issueDate: expected.issueDate,
      page: expected.page,
      position: index + 1,
      headline: article.headline,
      kicker: article.kicker,
      subheadline: article.subheadline,
      bylines: article.bylines.map((byline) => ({
        ...byline,
        text: `■${byline.role ?? ''} ${byline.names.join(' ')}`,
        line: article.sourceLines[0],
      })),
      dateline: article.dateline,
      continuedFrom: article.continuedFrom,
      continuedTo: article.continuedTo,
      sections: article.sections.map((section) => ({
        heading: section.heading,
        headingLine: null,
        paragraphs: section.paragraphs,
        paragraphLines: section.paragraphs.map(() => []),
      })),
      sourceLines: article.sourceLines,
    }),
  )
}

// Minimal ArticleRecords for search and variant tests; the sample page's come parsed.
import { seedRecords } from '../helpers/records.ts'
import type { ArticleRecord } from '../../src/types.ts'

export { seedRecords }

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


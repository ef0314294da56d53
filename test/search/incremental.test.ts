// A long-lived builder keeps each story's terms and the last shard files: a rebuild must give, byte
// for byte, the index a build from scratch gives, whatever changed in between.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildSearchIndex, SearchMemory, type SearchIndex } from '../../src/search/build.ts'
import type { ArticleRecord } from '../../src/types.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { variantsFor } from '../../src/variants/record.ts'
import { generateArticles } from './corpus.ts'

const variants = variantsFor(createConverters('tw'))
const articlePath = (record: ArticleRecord) => `${record.id}/`
// Small shards, so that an archive of a few dozen articles has many of them.
const shardBytes = 2048
// The build keys a record by the digest of its source; any text that changes with the record will do here.
const recordKey = (record: ArticleRecord) => JSON.stringify(record)

const pool = generateArticles(120, 300, 5)
const archive = pool.slice(0, 40)
const paragraphs = (record: ArticleRecord) => record.sections.flatMap((section) => section.paragraphs)
const withParagraphs = (record: ArticleRecord, texts: string[]): ArticleRecord => ({
  ...record,
  sections: [{ heading: null, headingLine: null, paragraphs: texts, paragraphLines: texts.map(() => []) }],
})

/** The files of an index, comparable with toEqual and readable in a failure. */
function contents(index: SearchIndex): Record<string, string> {
  return Object.fromEntries(index.files.map((file) => [file.path, Buffer.from(file.contents).toString('base64')]))
}

const fromScratch = (records: ArticleRecord[]) => buildSearchIndex(records, { variants, articlePath, shardBytes })

/** A builder's sequence of indexes over one memory. */
function rebuilder() {
  const memory = new SearchMemory()
  return (records: ArticleRecord[]) => buildSearchIndex(records, { variants, articlePath, shardBytes, memory, recordKey })
}

describe('a search index rebuilt from memory', () => {
  it('is the index from scratch after an edit, and scans and writes only what the edit touched', () => {
    const rebuild = rebuilder()
    const first = rebuild(archive)
    expect(first.stats.scannedStories).toBe(40)
    const edited = [...archive]
    const [opening, ...rest] = paragraphs(edited[20]!)
    edited[20] = withParagraphs(edited[20]!, [`${opening}新增了“蔚蓝2026”的说法`, ...rest])
    const after = rebuild(edited)
    expect(contents(after)).toEqual(contents(fromScratch(edited)))
    expect(after.stats.scannedStories).toBe(1)
    expect(after.stats.serializedShards).toBeGreaterThan(0)
    expect(after.stats.serializedShards).toBeLessThan(after.stats.shards / 4)
  })

  it('is, on its first build, the index a build that keeps no memory makes', () => {
    // A build without memory may stream its stories' terms (see term-stream.ts) rather than keep them.
    const larger = generateArticles(300, 600, 7)
    expect(contents(rebuilder()(larger))).toEqual(contents(buildSearchIndex(larger, { variants, articlePath, shardBytes, compactTerms: true })))
    expect(contents(rebuilder()(larger))).toEqual(contents(buildSearchIndex(larger, { variants, articlePath, shardBytes, compactTerms: false })))
  })

  it('writes nothing again when nothing changed', () => {
    const rebuild = rebuilder()
    const first = rebuild(archive)
    const again = rebuild([...archive].reverse())
    expect(again.stats).toMatchObject({ scannedStories: 0, serializedShards: 0 })
    expect(contents(again)).toEqual(contents(first))
  })

  it('is the index from scratch after an article is added at the end, in the middle, or removed', () => {
    const rebuild = rebuilder()
    rebuild(archive)
    const added = [...archive, pool[100]!]
    expect(contents(rebuild(added))).toEqual(contents(fromScratch(added)))
    const inserted = [...added, { ...pool[101]!, id: 'inserted', issueDate: archive[12]!.issueDate }]
    expect(contents(rebuild(inserted))).toEqual(contents(fromScratch(inserted)))
    const removed = inserted.filter((_, at) => at !== 30)
    expect(contents(rebuild(removed))).toEqual(contents(fromScratch(removed)))
    const removedLast = removed.slice(0, -1)
    const last = rebuild(removedLast)
    expect(contents(last)).toEqual(contents(fromScratch(removedLast)))
    expect(last.stats.scannedStories).toBe(0)
  })

  it('is the index from scratch after any sequence of edits, additions, removals and retagging', () => {
    type Step = { kind: 'rewrite' | 'reorder' | 'retitle' | 'retag' | 'remove' | 'add'; at: number; other: number }
    const step = fc.record({ kind: fc.constantFrom('rewrite', 'reorder', 'retitle', 'retag', 'remove', 'add'), at: fc.nat(), other: fc.nat() }) as fc.Arbitrary<Step>
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const rebuild = rebuilder()
        let records = archive.slice(0, 24)
        rebuild(records)
        let added = 0
        for (const { kind, at, other } of steps) {
          const index = at % records.length
          const record = records[index]!
          const source = pool[(other % 80) + 40]!
          records = [...records]
          // Another article's text, the same text in another order (so its terms first occur in
          // another order), another headline, other tags, one article fewer, one more on any day of the archive.
          if (kind === 'rewrite') records[index] = withParagraphs(record, paragraphs(source))
          else if (kind === 'reorder') records[index] = withParagraphs(record, paragraphs(record).reverse())
          else if (kind === 'retitle') records[index] = { ...record, headline: source.headline }
          else if (kind === 'retag') records[index] = { ...record, tags: source.tags }
          else if (kind === 'remove' && records.length > 1) records.splice(index, 1)
          else if (kind === 'add') records.push({ ...source, id: `added-${added++}`, issueDate: record.issueDate })
          expect(contents(rebuild(records))).toEqual(contents(fromScratch(records)))
        }
      }),
      { numRuns: 40 },
    )
  })
})

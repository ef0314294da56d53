import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byNewest } from '../../src/site/archive.ts'
import { relatedEntries } from '../../src/site/related.ts'
import type { ArticleEntry, TagRef } from '../../src/site/route-types.ts'
import type { ArticleRecord } from '../../src/types.ts'

const tagPool: TagRef[] = ['养老', '宪法', '进博会', '教育', '交通', '医疗'].map((name, index) => ({ name, slug: `t${index}`, url: `tags/t${index}/` }))

function entry(id: string, issueDate: string, page: number, position: number, tags: TagRef[]): ArticleEntry {
  const record = { id, issueDate, page, position } as ArticleRecord
  return { id, url: `${id}/`, record, tags, authors: [] }
}

/** The rule as a reader states it: every other article with a shared tag, most shared tags first, then newest. */
function reference(target: ArticleEntry, entries: ArticleEntry[], count: number): ArticleEntry[] {
  if (target.tags.length === 0) return []
  return entries
    .filter((other) => other !== target)
    .map((other) => ({ other, shared: other.tags.filter((tag) => target.tags.includes(tag)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || byNewest(a.other, b.other))
    .slice(0, count)
    .map(({ other }) => other)
}

describe('relatedEntries', () => {
  it('ranks by shared tags, then newest issue, then reading order', () => {
    const [yang, xian, jin] = tagPool as [TagRef, TagRef, TagRef]
    const a = entry('a', '2020-01-07', 1, 1, [yang, xian])
    const b = entry('b', '2019-12-10', 2, 1, [yang, xian])
    const c = entry('c', '2020-01-07', 2, 1, [yang])
    const d = entry('d', '2020-01-07', 1, 2, [yang, jin])
    const e = entry('e', '2021-01-01', 1, 1, [jin])
    const f = entry('f', '2019-01-01', 1, 1, [])
    const related = relatedEntries([a, b, c, d, e, f], 5)
    expect(related.get(a)!.map((other) => other.id)).toEqual(['b', 'd', 'c'])
    expect(related.get(e)!.map((other) => other.id)).toEqual(['d'])
    expect(related.get(f)).toEqual([])
  })

  it('agrees with comparing every pair of articles', () => {
    const entryArbitrary = fc.record({
      day: fc.integer({ min: 1, max: 6 }),
      page: fc.integer({ min: 1, max: 3 }),
      tags: fc.array(fc.constantFrom(...tagPool), { maxLength: 4 }),
    })
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (specs, count) => {
        const entries = specs.map((spec, index) => entry(`e${index}`, `2020-01-0${spec.day}`, spec.page, index, spec.tags))
        const related = relatedEntries(entries, count)
        for (const target of entries) expect(related.get(target)!.map((other) => other.id)).toEqual(reference(target, entries, count).map((other) => other.id))
      }),
      { numRuns: 300 },
    )
  })

  it('answers with the entries it is given when a second archive has the same tags as the first', () => {
    const [yang, xian] = tagPool as [TagRef, TagRef]
    const archive = () => [entry('a', '2020-01-07', 1, 1, [yang, xian]), entry('b', '2019-12-10', 2, 1, [yang]), entry('c', '2019-12-10', 3, 1, [xian])]
    const first = archive()
    const second = archive()
    relatedEntries(first, 5)
    const related = relatedEntries(second, 5)
    expect(related.get(second[0]!)).toEqual([second[1], second[2]])
    expect(related.get(second[0]!)![0]).toBe(second[1])
    expect(related.get(second[1]!)).toEqual([second[0]])
  })

  it('ranks again when an article’s tags change between archives', () => {
    const [yang, xian, jin] = tagPool as [TagRef, TagRef, TagRef]
    const before = [entry('a', '2020-01-07', 1, 1, [yang]), entry('b', '2019-12-10', 2, 1, [yang]), entry('c', '2019-12-10', 3, 1, [jin])]
    expect(relatedEntries(before, 5).get(before[0]!)!.map((other) => other.id)).toEqual(['b'])
    const after = [entry('a', '2020-01-07', 1, 1, [yang, jin]), entry('b', '2019-12-10', 2, 1, [xian]), entry('c', '2019-12-10', 3, 1, [jin])]
    expect(relatedEntries(after, 5).get(after[0]!)!.map((other) => other.id)).toEqual(['c'])
  })
})

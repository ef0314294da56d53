// What a parse keeps is copied out of the source's text and sized to fit, and stays so through V8's
// serializer, which carries parsed pages to the main thread from a worker and to and from the parse cache.
import { deserialize, serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { detach } from '../../src/parse/detach.ts'

// V8's serialization tags for a list: written whole (read back at its length) or item by item (read back with room for 16).
const denseList = 0x41 // 'A'
const sparseList = 0x61 // 'a'

describe('detach', () => {
  it('keeps the value as it was', () => {
    const page = { articles: [{ headline: '区城管执法局升级垃圾分类“定时定点”投放', paragraphs: ['第一段', '第二段'.repeat(10)], tags: [] }], position: 3, missing: null }
    expect(detach(structuredClone(page))).toEqual(page)
  })

  it('makes lists that V8 serializes whole, so that they are read back at their length, as a parse of thousands of pages does', () => {
    // Optimized, map makes holey lists, which V8 serializes item by item: run it as often as a parse does.
    const detached = Array.from({ length: 200_000 }, (_, index) => detach({ lists: [[index, 2], [3]] }))
    for (const value of [detached[0], detached.at(-1)]) {
      const serialized = serialize(value)
      expect(serialized.includes(denseList)).toBe(true)
      expect(serialized.includes(sparseList)).toBe(false)
      expect(deserialize(serialized)).toEqual(value)
    }
  })
})

// A one-shot build keeps its stories' terms in a TermStream until the shards are written: what it
// gives back must be every posting, in document order, whatever the chunks.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TermStream } from '../../src/search/term-stream.ts'

describe('a term stream', () => {
  it('gives back each document’s terms and bytes, in document order and by ascending term, across chunks', () => {
    // A story: distinct terms (some past one-byte and two-byte varints) with their posting bytes.
    const story = fc.uniqueArray(fc.record({ term: fc.oneof(fc.nat(200), fc.nat(3_000_000)), byte: fc.nat(255) }), { selector: (pair) => pair.term, maxLength: 40 })
    fc.assert(
      fc.property(fc.array(story, { maxLength: 30 }), fc.constantFrom(16, 64, 1 << 20), (stories, chunkBytes) => {
        const stream = new TermStream(chunkBytes)
        // Local numbers are the terms themselves here.
        for (const pairs of stories) stream.append({ terms: Int32Array.from(pairs, (pair) => pair.term), bytes: Uint8Array.from(pairs, (pair) => pair.byte) }, (term) => term)
        const replayed: [number, number, number][] = []
        stream.replay((doc, term, byte) => replayed.push([doc, term, byte]))
        const expected = stories.flatMap((pairs, doc) => [...pairs].sort((a, b) => a.term - b.term).map(({ term, byte }): [number, number, number] => [doc, term, byte]))
        expect(replayed).toEqual(expected)
      }),
    )
  })
})

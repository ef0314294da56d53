// Lines are measured in characters as a reader counts them: a character beyond the BMP is one.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { characterCount } from '../../src/parse/character-count.ts'

describe('characterCount', () => {
  it('counts a character beyond the BMP as one, and a lone surrogate as one', () => {
    expect(characterCount('杨浦时报')).toBe(4)
    expect(characterCount('𠮷野家')).toBe(3)
    expect(characterCount('a\ud842b\udfb7c\udfb7\ud842')).toBe(7)
    expect(characterCount('')).toBe(0)
  })

  it('counts as string iteration does, whatever the UTF-16 units', () => {
    const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff })).map((units) => String.fromCharCode(...units))
    fc.assert(fc.property(fc.oneof(anyUnits, fc.string({ unit: 'binary' })), (text) => characterCount(text) === [...text].length), { numRuns: 2000 })
  })
})

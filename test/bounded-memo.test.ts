// The bounded memo of cards and converted heads (src/bounded-memo.ts).
import { describe, expect, it } from 'vitest'
import { boundedMemo } from '../src/bounded-memo.ts'

describe('boundedMemo', () => {
  it('gives back what was set, and never holds more than its capacity', () => {
    const memo = boundedMemo<number, string>(10, (value) => value.length)
    for (let key = 0; key < 100; key++) {
      memo.set(key, 'x'.repeat(1 + (key % 3)))
      let held = 0
      for (let earlier = key; earlier >= 0; earlier--) held += memo.get(earlier)?.length ?? 0
      expect(held).toBeLessThanOrEqual(10)
      expect(memo.get(key)).toBe('x'.repeat(1 + (key % 3)))
    }
  })

  it('counts a key set again once, with its new value', () => {
    const memo = boundedMemo<string, string>(4, (value) => value.length)
    memo.set('a', 'xx')
    memo.set('a', 'x')
    memo.set('b', 'xxx')
    expect([memo.get('a'), memo.get('b')]).toEqual(['x', 'xxx'])
  })

  it('drops what was set first, whatever was used since', () => {
    const memo = boundedMemo<string, number>(3)
    memo.set('a', 1)
    memo.set('b', 2)
    memo.set('c', 3)
    expect(memo.get('a')).toBe(1)
    memo.set('d', 4)
    expect([memo.get('a'), memo.get('b'), memo.get('c'), memo.get('d')]).toEqual([undefined, 2, 3, 4])
  })

  it('does not keep a value larger than its capacity, nor drop the others for it', () => {
    const memo = boundedMemo<string, string>(2, (value) => value.length)
    memo.set('short', 'x')
    memo.set('long', 'xxxx')
    expect([memo.get('long'), memo.get('short')]).toEqual([undefined, 'x'])
  })

  it('keeps values that weigh nothing, one to a place', () => {
    const memo = boundedMemo<number, string>(2, (value) => value.length)
    for (const key of [1, 2, 3]) memo.set(key, '')
    expect([memo.get(1), memo.get(2), memo.get(3)]).toEqual([undefined, '', ''])
  })

  it('holds nothing with no capacity', () => {
    const memo = boundedMemo<string, string>(0)
    memo.set('a', 'x')
    expect(memo.get('a')).toBeUndefined()
  })
})

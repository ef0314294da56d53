// The compiled conversion must convert exactly as opencc-js does: same dictionaries, same steps,
// same longest matches; only faster.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { compileDictionaryGroup } from '../../src/variants/dictionary-trie.ts'
import { createConverters, type Traditional } from '../../src/variants/opencc.ts'
import type { ConversionOverrides } from '../../src/variants/overrides.ts'

type Group = readonly (string | readonly (readonly [string, string])[])[]
const locale = OpenCC.Locale as { from: Record<string, Group[]>; to: Record<string, Group[]> }

const overrides: ConversionOverrides = {
  toHant: [['裏', '裡'], ['著名', '着名'], ['程式', '程序設計']],
  toHans: [['里', '裏'], ['着', '著'], ['干部', '幹部']],
}

/** opencc-js's own converters for the same locale and overrides: the reference. */
function reference(traditional: Traditional, { toHant, toHans } = overrides) {
  return {
    toHant: OpenCC.ConverterFactory(locale.from.cn!, locale.to[traditional]!, [toHant]) as (text: string) => string,
    toHans: OpenCC.ConverterFactory(locale.from[traditional]!, locale.to.cn!, [toHans]) as (text: string) => string,
  }
}

/** Keys of a locale's dictionaries, the texts where matches start, overlap and nest. */
function keysOf(groups: Group[], count: number): string[] {
  const keys: string[] = []
  for (const group of groups) {
    for (const dictionary of group) {
      const entries = typeof dictionary === 'string' ? dictionary.split('|').map((entry) => entry.split(' ')[0]!) : dictionary.map(([key]) => key)
      const step = Math.max(1, Math.floor(entries.length / count))
      for (let index = 0; index < entries.length; index += step) keys.push(entries[index]!)
    }
  }
  return keys
}

// Characters that are no key, an ideographic description operator with and without its operands,
// astral and lone surrogates, ASCII and punctuation.
const oddPieces = ['⿰', '⿱木', '⿲木木', '⿰⿱木木木', '𠀾', '𪚥', '\ud840', '\udc3e', 'A', ' ', '，', '。', '\n', '2019年', 'ＡＢＣ']

describe('compiled OpenCC conversion', () => {
  for (const traditional of ['tw', 'hk'] as const) {
    const expected = reference(traditional)
    const actual = createConverters(traditional, overrides)
    for (const direction of ['toHant', 'toHans'] as const) {
      const groups = direction === 'toHant' ? [...locale.from.cn!, ...locale.to[traditional]!] : [...locale.from[traditional]!, ...locale.to.cn!]
      const pieces = [...keysOf(groups, 600), ...overrides[direction].flatMap(([from, to]) => [from, to]), ...oddPieces]

      it(`converts ${direction} (${traditional}) as opencc-js does, on texts made of dictionary keys`, () => {
        fc.assert(
          fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (chosen) => {
            const text = chosen.join('')
            expect(actual[direction](text)).toBe(expected[direction](text))
          }),
          { numRuns: 3000 },
        )
      })
    }

    it(`converts a real page (${traditional}) as opencc-js does`, () => {
      const page = readFileSync(new URL('../../articles/2019/12/10/02.txt', import.meta.url), 'utf8')
      expect(actual.toHant(page)).toBe(expected.toHant(page))
      const hant = expected.toHant(page)
      expect(actual.toHans(hant)).toBe(expected.toHans(hant))
      // With no overrides, the last step is empty.
      const plain = reference(traditional, { toHant: [], toHans: [] })
      expect(createConverters(traditional).toHant(page)).toBe(plain.toHant(page))
      expect(createConverters(traditional).toHans(hant)).toBe(plain.toHans(hant))
    })
  }

  it('lets the first dictionary of a step win a key two of them have', () => {
    const step = compileDictionaryGroup(['干 幹|干部 幹部', [['干', '乾']]])
    expect(step('干部干')).toBe('幹部幹')
    expect(compileDictionaryGroup([[['干', '乾']], '干 幹'])('干')).toBe('乾')
  })
})

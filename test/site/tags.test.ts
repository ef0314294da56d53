// Tagging reads an article's text with the spaces PDF extraction left between CJK characters removed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { articleTags, searchableText } from '../../src/site/tags.ts'
import type { TagVocabulary } from '../../src/site/vocabulary.ts'
import type { ArticleRecord } from '../../src/types.ts'

/** A record holding only text: a headline and one section of paragraphs. */
function recordOf(headline: string, ...paragraphs: string[]): ArticleRecord {
  return { kicker: null, headline, subheadline: null, sections: [{ heading: null, paragraphs }], tags: [] } as unknown as ArticleRecord
}

// The rule as the README states it: a run of spaces, tabs or ideographic spaces between two CJK
// characters (CJK punctuation and full-width forms count) goes; every other space stays.
const rule = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])[ \t\u3000]+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu

describe('searchableText', () => {
  it('joins an article’s text without the spaces extraction put between CJK characters', () => {
    expect(searchableText(recordOf('推进城市更 新', '本报讯 12月4日,城市更\u3000新改造', 'AI 技术与 城市'))).toBe('推进城市更新\n本报讯 12月4日,城市更新改造\nAI 技术与城市')
  })

  it('keeps a space beside a character outside the BMP only where the rule keeps it', () => {
    expect(searchableText(recordOf('𠀀 𠀁 a 𠀂'))).toBe('𠀀𠀁 a 𠀂')
  })

  it('removes exactly what the rule removes, on any mix of CJK, spaces and other text', () => {
    const piece = fc.constantFrom('城', '市', '𠀀', '，', '（', 'Ａ', '\u3000', ' ', '\t', 'a', '1', '-', '\n', '\uD800', '\uDC00')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join('')), (text) => {
        expect(searchableText(recordOf(text))).toBe(text.replace(rule, ''))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('articleTags', () => {
  const vocabulary = { tags: [{ name: '城市更新', terms: ['城市更新', '旧改'], slug: null }], authors: new Map() } as unknown as TagVocabulary

  it('finds a term split by an extraction space, and in Traditional script', () => {
    expect(articleTags(recordOf('推进城市更 新工作'), vocabulary)).toEqual(['城市更新'])
    expect(articleTags(recordOf('推進舊 改工作'), vocabulary)).toEqual(['城市更新'])
    expect(articleTags(recordOf('城市 update 更新'), vocabulary)).toEqual([])
  })
})

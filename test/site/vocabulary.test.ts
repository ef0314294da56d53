import { readFileSync } from 'node:fs'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseVocabulary } from '../../src/site/index.ts'

describe('parseVocabulary', () => {
  it('reads the short and the long form of a tag and author slugs', () => {
    const file = new VFile({ path: 'tags.yaml', value: 'tags:\n  养老: [老年人, 为老服务]\n  进博会:\n    terms: [进口博览会]\n    slug: ciie\nauthors:\n  杨晓梅: yang-xiaomei\n' })
    const vocabulary = parseVocabulary(file)
    expect(file.messages).toEqual([])
    expect(vocabulary.tags).toEqual([
      { name: '养老', terms: ['养老', '老年人', '为老服务'], slug: null, line: 2 },
      { name: '进博会', terms: ['进博会', '进口博览会'], slug: 'ciie', line: 3 },
    ])
    expect(vocabulary.authors).toEqual([{ name: '杨晓梅', slug: 'yang-xiaomei', line: 7 }])
  })

  it('reports each problem at its line and column', () => {
    const file = new VFile({ path: 'tags.yaml', value: 'tags:\n  养老: 老年人\n  宪法:\n    slug: 宪法\n    words: [x]\nthemes: {}\n' })
    parseVocabulary(file)
    expect(file.messages.map((message) => [message.line, message.column, message.ruleId])).toEqual([
      [2, 7, 'vocabulary-shape'],
      [4, 11, 'vocabulary-slug'],
      [5, 5, 'vocabulary-shape'],
      [6, 1, 'vocabulary-shape'],
    ])
    expect(file.messages.every((message) => message.fatal)).toBe(true)
  })

  it('reports a tag given twice', () => {
    const file = new VFile({ path: 'tags.yaml', value: 'tags:\n  养老: []\n  养老: []\n' })
    parseVocabulary(file)
    expect(file.messages[0]?.line).toBe(3)
  })

  it('parses the shipped tags.yaml without a message, with the sample’s tags', () => {
    const file = new VFile({ path: 'tags.yaml', value: readFileSync(new URL('../../tags.yaml', import.meta.url), 'utf8') })
    const vocabulary = parseVocabulary(file)
    expect(file.messages).toEqual([])
    const names = vocabulary.tags.map((tag) => tag.name)
    for (const name of ['养老', '垃圾分类', '旧区改造', '党建', '营商环境', '人才', '进博会', '宪法']) expect(names).toContain(name)
  })
})

import { describe, expect, it } from 'vitest'
import { createFolder, excerpt, queryTerms, readPostings, readShard, scanTerms, shardOf } from '../../public/search-core.js'
import { foldPairs } from '../../src/search/fold.ts'
import { assembleShards } from '../../src/search/postings.ts'
import { StoryScanner, TermDictionary } from '../../src/search/terms.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { articleRecord } from './records.ts'

const fold = createFolder(foldPairs())

function terms(text: string): string[] {
  const found: string[] = []
  scanTerms(fold(text), (code, previous) => found.push(previous < 0 ? String.fromCodePoint(code) : String.fromCodePoint(previous, code)), (word) => found.push(word))
  return found
}

describe('folding', () => {
  it('folds Traditional, Taiwan and Hong Kong forms to Simplified, one unit for one', () => {
    expect(fold('養老 楊曉梅 憲法 五角場 垃圾分類')).toBe('养老 杨晓梅 宪法 五角场 垃圾分类')
    expect(fold('裡面 裏面 臺灣 台灣 羣眾 群眾')).toBe('里面 里面 台湾 台湾 群众 群众')
    expect(fold('ＡＢＣ１２３ Hello')).toBe('abc123 hello')
    const text = '楊浦區12·4國家憲法日'
    expect(fold(text)).toHaveLength(text.length)
    expect(fold(fold(text))).toBe(fold(text))
  })

  it('gives a Simplified text and its OpenCC conversions the same folded form', () => {
    const text = '区委召开学习讨论会,做好养老服务,头发、干部、面条、里弄和台风都是常见的词。'
    for (const traditional of ['tw', 'hk'] as const) expect(fold(createConverters(traditional).toHant(text))).toBe(fold(text))
  })
})

describe('terms', () => {
  it('are overlapping bigrams plus unigrams of Han runs, and ASCII words', () => {
    expect(terms('养老')).toEqual(['养', '老', '养老'])
    expect(terms('宪法知识')).toEqual(['宪', '法', '宪法', '知', '法知', '识', '知识'])
    expect(terms('5G网络,2019年')).toEqual(['5g', '网', '络', '网络', '2019', '年'])
  })

  it('make every word of an article findable by its own bigrams', () => {
    const article = new Set(terms('本区举行机关工作人员宪法知识竞赛,五角场街道推进垃圾分类,记者杨晓梅报道养老服务。'))
    for (const query of ['养老', '垃圾分类', '杨晓梅', '五角场', '宪法', '分类', '養老', '楊曉梅', '垃圾分類', '五角場']) {
      const { terms: needed } = queryTerms(fold(query))
      expect(needed.length).toBeGreaterThan(0)
      expect(needed.every((term) => article.has(term)), query).toBe(true)
    }
    for (const query of ['老服务员', '分类垃圾']) expect(queryTerms(fold(query)).terms.every((term) => article.has(term)), query).toBe(false)
  })

  it('look up a one-character query by itself and longer runs by bigrams only', () => {
    expect(queryTerms('养').terms).toEqual(['养'])
    expect(queryTerms('垃圾分类').terms).toEqual(['垃圾', '圾分', '分类'])
    expect(queryTerms('宪法 杨晓梅').phrases.map((phrase) => phrase.text)).toEqual(['宪法', '杨晓梅'])
  })
})

describe('shards', () => {
  it('round-trip terms and postings through the binary format', () => {
    const scanner = new StoryScanner(new TermDictionary())
    const story = (fields: Parameters<typeof articleRecord>[0], tags: string[] = []) => scanner.scan([articleRecord(fields)], tags, fold)
    const paragraphs = ['A '.repeat(40) + '養老 养老']
    const empty = story({ id: 'empty' })
    const docs = Array.from({ length: 301 }, () => empty)
    docs[0] = story({ id: 'title', headline: 'a' })
    docs[3] = story({ id: 'body', sections: [{ heading: null, headingLine: null, paragraphs, paragraphLines: [[]] }] })
    docs[300] = story({ id: 'tag' }, ['A'])
    const { shards } = assembleShards(scanner.dictionary, docs, 1 << 20)
    expect(shards).toHaveLength(1)
    const read = readShard(shards[0]!)
    const postings = (term: string) => {
      const found: number[][] = []
      readPostings(read.get(term)!.postings, (doc, flags, count) => found.push([doc, flags, count]))
      return found
    }
    // A body count is capped at 15; a field hit counts nothing in the body.
    expect(postings('a')).toEqual([[0, 8, 0], [3, 0, 15], [300, 2, 0]])
    expect(postings('养老')).toEqual([[3, 0, 2]])
    expect(postings('#a')).toEqual([[300, 0, 0]])
    expect([...read.keys()]).toEqual(['a', '养', '老', '养老', '#a'])
  })
})

describe('excerpts', () => {
  it('mark the query in the reader\'s script around its first hit', () => {
    const text = `${'前'.repeat(200)}做好養老服務,寫好楊浦養老這篇大文章${'後'.repeat(200)}`
    const segments = excerpt(text, queryTerms(fold('养老')).phrases, fold)
    expect(segments.filter((segment) => segment.hit).map((segment) => segment.text)).toEqual(['養老', '養老'])
    expect(segments[0]).toEqual({ text: '…', hit: false })
    expect(segments.map((segment) => segment.text).join('')).toContain('做好養老服務')
  })
})

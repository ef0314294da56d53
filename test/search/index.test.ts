import { describe, expect, it } from 'vitest'
import { createSearcher, excerpt } from '../../public/search-core.js'
import { buildSearchIndex } from '../../src/search/build.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { convertRecord, variantsFor } from '../../src/variants/record.ts'
import { generateArticles } from './corpus.ts'
import { memoryLoader } from './memory-loader.ts'
import { articleRecord, seedRecords } from './records.ts'

const converters = createConverters('tw')
const variants = variantsFor(converters)
const articlePath = (record: { id: string }) => `${record.id}/`

describe('search over the sample page', () => {
  const [planning, liveable, constitution] = seedRecords()
  // A fourth article written in Traditional, as a Hong Kong or Taiwan contributor would send it.
  const traditional = {
    ...convertRecord(articleRecord({ id: '2020-03-02/3-1', issueDate: '2020-03-02', page: 3, headline: '社区养老服务中心开张', sections: [{ heading: null, headingLine: null, paragraphs: ['五角场街道的长者食堂今天开张。'], paragraphLines: [[]] }], tags: ['养老'] }), converters.toHant),
    script: 'hant' as const,
  }
  const records = [planning!, liveable!, constitution!, traditional]
  const { files, stats } = buildSearchIndex(records, { variants, articlePath })
  const searcher = createSearcher(memoryLoader(files))
  const headlines = async (query: string, filters = {}) => {
    const { hits } = await searcher.search(query, filters)
    return Promise.all(hits.map(async (hit) => (await searcher.document(hit.doc, 'zh-Hans')).h))
  }

  it('reports what it built', () => {
    expect(stats.documents).toBe(4)
    expect(stats.terms).toBeGreaterThan(1000)
    expect(files.map((file) => file.path)).toContain('search/meta.json')
    expect(files.map((file) => file.path)).toContain('search/docs/zh-hant/0.json')
    // No copy of the articles' text: excerpts come from the article pages.
    expect(stats.bytes).toBeLessThan(200 * 1024)
  })

  it('finds every query in either script, headline hits first', async () => {
    expect(await headlines('养老')).toEqual(['社区养老服务中心开张', planning!.headline, liveable!.headline])
    expect(await headlines('養老')).toEqual(await headlines('养老'))
    expect((await headlines('宪法'))[0]).toBe(constitution!.headline)
    expect((await headlines('宪法知识竞赛'))).toEqual([constitution!.headline])
    expect((await headlines('楊曉梅')).sort()).toEqual([planning!.headline, constitution!.headline].sort())
    expect(await headlines('垃圾分类')).toEqual([planning!.headline])
    expect(await headlines('分类')).toEqual([planning!.headline])
    // Body hits only: the article that names the place five times comes first.
    expect(await headlines('五角場')).toEqual([planning!.headline, '社区养老服务中心开张'])
    expect(await headlines('垃圾宪法')).toEqual([])
  })

  it('filters by year and by tag', async () => {
    expect(await headlines('养老', { year: 2020 })).toEqual(['社区养老服务中心开张'])
    expect(await headlines('养老', { year: 2019 })).toEqual([planning!.headline, liveable!.headline])
    expect(await headlines('', { tag: '養老' })).toEqual(['社区养老服务中心开张'])
    expect(await headlines('宪法', { tag: '养老' })).toEqual([])
    expect(await headlines('', { year: 2019 })).toHaveLength(3)
    expect(await headlines('养老', { year: 1999 })).toEqual([])
  })

  it('links to the article and shows it in the reader\'s script', async () => {
    const { hits, phrases, fold } = await searcher.search('养老')
    const hant = await searcher.document(hits[0]!.doc, 'zh-Hant')
    const hans = await searcher.document(hits[0]!.doc, 'zh-Hans')
    expect([hant.u, hant.h, hant.d]).toEqual(['zh-hant/2020-03-02/3-1/', '社區養老服務中心開張', '2020-03-02'])
    expect([hans.u, hans.h]).toEqual(['2020-03-02/3-1/', '社区养老服务中心开张'])
    const planningHant = variants[1].record(planning!).sections.flatMap((section) => section.paragraphs).join('\n')
    expect(excerpt(planningHant, phrases, fold).filter((segment) => segment.hit)[0]?.text).toBe('養老')
    const meta = await searcher.meta()
    expect(meta.tags).toEqual([['养老', '养老', '養老', 1]])
    expect(meta.years).toEqual([[2019, 0, 2], [2020, 3, 3]])
  })
})

describe('search on a 10,000-article archive', () => {
  it('transfers well under 1 MB per query', { timeout: 120_000 }, async () => {
    const articleRecords = generateArticles(10_000)
    const { files } = buildSearchIndex(articleRecords, { variants, articlePath })
    const middle = articleRecords[5000]!
    const queries = ['养老', '楊曉梅', '垃圾分类', '的', middle.headline!.slice(0, 5), middle.sections[0]!.paragraphs[0]!.slice(0, 30)]
    for (const query of queries) {
      const loader = memoryLoader(files)
      const searcher = createSearcher(loader)
      const { hits } = await searcher.search(query)
      // What the page fetches: meta.json, the shards, and the first page of results' texts.
      await Promise.all(hits.slice(0, 20).map((hit) => searcher.document(hit.doc, 'zh-Hant')))
      const bytes = loader.fetched.reduce((sum, file) => sum + file.bytes, 0)
      expect(bytes, query).toBeLessThan(1024 * 1024)
    }
    const { hits } = await createSearcher(memoryLoader(files)).search(middle.headline!.slice(0, 5))
    expect(hits.map((hit) => hit.doc)).toContain(5000)
  })
})

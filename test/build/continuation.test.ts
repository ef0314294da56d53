// A story that jumps pages, built by the CLI: one page shows it whole, the later part's page links
// there, search finds it once, and a part the archive lacks is stated on the page.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Root } from 'hast'
import { selectAll } from 'hast-util-select'
import { toText } from 'hast-util-to-text'
import { HtmlValidate } from 'html-validate'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSearcher } from '../../public/search-core.js'
import { buildSite, readPage, readPageText, repositoryRoot, sampleArticles, tempDir } from './built-site.ts'

const twoPages = path.join(repositoryRoot, 'test', 'fixtures', 'continuation')

const paragraphs = (tree: Root) => selectAll('.article-body p', tree).map((p) => toText(p))
const links = (tree: Root, selector: string) => selectAll(selector, tree).map((a) => [toText(a), a.properties.href])

/** A searcher over the built site's search/ folder, as the browser would fetch it. */
function siteSearcher(out: string) {
  const read = (file: string) => readFileSync(path.join(out, 'search', file))
  return createSearcher({ json: async (file: string) => JSON.parse(read(file).toString('utf8')), bytes: async (file: string) => new Uint8Array(read(file)) })
}

describe('a story continued on another page', () => {
  let out = ''
  beforeAll(async () => {
    out = await tempDir()
    const { code, stderr } = await buildSite(twoPages, out)
    expect(stderr).not.toMatch(/error/i)
    expect(code).toBe(0)
  })

  it('shows the story whole at its first part’s URL, parts in order with the page turn marked', () => {
    const page = readPage(out, '/2020/05/12/1-1/')
    const text = paragraphs(page)
    const first = text.findIndex((p) => p.includes('46台加装电梯完工'))
    const turn = text.findIndex((p) => p === '（下转第3版）')
    const second = text.findIndex((p) => p.includes('推动更多小区加装电梯'))
    expect([first, turn, second].every((index) => index >= 0)).toBe(true)
    expect(first).toBeLessThan(turn)
    expect(turn).toBeLessThan(second)
    // The junction's own notes give way to the divider; the divider links to the part's place in the issue.
    expect(text[first]).not.toContain('下转')
    expect(text[second]).not.toContain('上接')
    expect(links(page, '.article-body .page-turn a')).toEqual([['（下转第3版）', '/2020/05/12/3-2/']])
    expect(selectAll('#part-2', page)).toHaveLength(1)
    // Both parts' bylines, both pages, the other story's text nowhere.
    expect(toText(selectAll('.bylines', page)[0]!)).toMatch(/杨晓梅[\s\S]*赵敏/)
    expect(toText(selectAll('.article-header .meta', page)[0]!)).toContain('第1、3版')
    expect(toText(selectAll('.article-body', page)[0]!)).not.toContain('街道负责人')
    expect(readPageText(out, '/2020/05/12/1-1/')).not.toContain('未收入档案')
  })

  it('pairs the parts by headline when two stories jump to the same page', () => {
    const text = paragraphs(readPage(out, '/2020/05/12/1-2/'))
    expect(text.join('\n')).toMatch(/八折优惠[\s\S]*（下转第3版）[\s\S]*每天提供荤素搭配的套餐/)
    expect(links(readPage(out, '/2020/05/12/1-2/'), '.page-turn a')).toEqual([['（下转第3版）', '/2020/05/12/3-1/']])
  })

  it('gives the later part a short page that links to the story where the part begins', () => {
    const page = readPage(out, '/2020/05/12/3-2/')
    const hrefs = links(page, '.article-body a')
    expect(hrefs).toContainEqual(['（上接第1版）', '/2020/05/12/1-1/'])
    expect(hrefs.map(([, href]) => href)).toContain('/2020/05/12/1-1/#part-2')
    // Short: the part's text is read on the story's page, not repeated here.
    expect(toText(page)).not.toContain('简化审批流程')
    expect(readPageText(out, '/2020/05/12/3-2/')).toContain('<link rel="canonical" href=')
  })

  it('indexes the story once, under the first part’s URL, with every part’s text', async () => {
    const searcher = siteSearcher(out)
    const meta = JSON.parse(readFileSync(path.join(out, 'search', 'meta.json'), 'utf8')) as { documents: number }
    expect(meta.documents).toBe(2)
    const found = async (query: string) => Promise.all((await searcher.search(query)).hits.map(async (hit: { doc: number }) => (await searcher.document(hit.doc, 'zh-Hans')).u))
    expect(await found('简化审批流程')).toEqual(['2020/05/12/1-1/'])
    expect(await found('荤素搭配')).toEqual(['2020/05/12/1-2/'])
    expect(await found('赵敏')).toEqual(['2020/05/12/1-1/'])
  })

  it('renders story and part pages, in both scripts, that html-validate passes', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
    for (const url of ['/2020/05/12/1-1/', '/2020/05/12/3-2/', '/zh-hant/2020/05/12/1-1/', '/zh-hant/2020/05/12/3-2/']) {
      const report = await validator.validateString(readPageText(out, url), url)
      const errors = report.results.flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`))
      expect(errors, url).toEqual([])
    }
    expect(paragraphs(readPage(out, '/zh-hant/2020/05/12/1-1/')).join('')).toContain('區住房保障局')
  })
})

describe('a story whose other part the archive lacks', () => {
  it('says so on the page of the sample article continued from page 1', async () => {
    const out = await tempDir()
    expect((await buildSite(sampleArticles, out)).code).toBe(0)
    const page = readPage(out, '/2019/12/10/2-2/')
    expect(selectAll('.continuation-missing', page).map((p) => toText(p))).toEqual(['本文上接第1版，该版未收入档案。'])
    // The note itself stays as printed, unlinked: there is no page 1 to go to.
    expect(selectAll('.article-body a.continuation-link', page)).toEqual([])
    expect(toText(selectAll('.article-body', page)[0]!)).toContain('上接第1版')
    expect(selectAll('.continuation-missing', readPage(out, '/zh-hant/2019/12/10/2-2/')).map((p) => toText(p))).toEqual(['本文上接第1版，該版未收入檔案。'])
  })
})

import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { articleToMdast, renderArticleBody } from '../../src/render/index.ts'
import { createRenderContext, emptyVocabulary, planSite, renderRoute } from '../../src/site/index.ts'
import { makeRecord } from '../site/records.ts'

const tricky = ['1. 不是列表', '# 不是标题', '星号*不是*强调，下划线_也不是_', '<script>alert(1)</script>', '{{ site.title }} 与 {% raw %}', '> 不是引用', '[不是链接](http://x)']
const noLinks = { convert: (text: string) => text, continuationHref: () => null }

/** The text content of an HTML fragment, entities decoded. */
function textOf(html: string): string[] {
  return [...html.matchAll(/<p>(.*?)<\/p>/g)].map((match) =>
    match[1]!.replace(/<[^>]+>/g, '').replaceAll('&#x3C;', '<').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'"),
  )
}

describe('article body', () => {
  it('renders Markdown- and template-looking source text as exactly that text', () => {
    const record = makeRecord({ issueDate: '2019-12-10', page: 2, position: 1, paragraphs: tricky })
    const html = renderArticleBody(record, { ...noLinks, typography: false })
    expect(textOf(html)).toEqual(tricky)
    expect(html).not.toContain('<script>')
    expect(html).not.toMatch(/<(ol|h1|em|blockquote)>/)
  })

  it('keeps that text literal through the page template', () => {
    const record = makeRecord({ issueDate: '2019-12-10', page: 2, position: 1, headline: '{{ 1 + 1 }} <b>标题</b>', paragraphs: tricky })
    const { routes } = planSite([record], { ...defaultConfig, typography: false }, emptyVocabulary)
    const article = routes.find((route) => route.kind === 'article')!
    const html = String(renderRoute(article, createRenderContext({ ...defaultConfig, typography: false }))[0]!.contents)
    expect(html).toContain('{{ 1 + 1 }} &lt;b&gt;标题&lt;/b&gt;')
    expect(html).toContain('{{ site.title }} 与 {% raw %}')
    expect(html).not.toContain('<script>alert')
  })

  it('builds anchored section headings and a bold dateline from the record', () => {
    const record = makeRecord({
      issueDate: '2019-12-10',
      page: 2,
      position: 1,
      dateline: { text: '本报讯 12月4日', start: '2019-12-04', end: null },
      sections: [
        { heading: null, headingLine: null, paragraphs: ['本报讯 12月4日,区里开会。'], paragraphLines: [[3]] },
        { heading: '为经济高质量发展注入新动力', headingLine: 5, paragraphs: ['展望明年工作。'], paragraphLines: [[7]] },
      ],
    })
    const html = renderArticleBody(record, { ...noLinks, typography: true })
    expect(html).toContain('<p><strong class="dateline">本报讯 12月4日</strong>，区里开会。</p>')
    expect(html).toContain('<h2 id="section-2"><a href="#section-2">为经济高质量发展注入新动力</a></h2>')
  })

  it('links continuation notes when the other part is known and leaves them as text otherwise', () => {
    const record = makeRecord({ issueDate: '2019-12-10', page: 2, position: 2, continuedFrom: 1, paragraphs: ['(上接第1版)把工作做实。', '结尾。(下转第3版)'] })
    const html = renderArticleBody(record, { convert: (text) => text, typography: true, continuationHref: (direction, page) => (direction === 'from' && page === 1 ? '/2019/12/10/1-1/' : null) })
    expect(html).toContain('<a href="/2019/12/10/1-1/" class="continuation-link">（上接第1版）</a>把工作做实。')
    expect(html).toContain('结尾。（下转第3版）')
  })

  it('converts text before it enters the tree, never markup', () => {
    const record = makeRecord({ issueDate: '2019-12-10', page: 2, position: 1, paragraphs: ['<养老>'] })
    const tree = articleToMdast(record, { convert: (text) => text.replace('养老', '養老'), continuationHref: () => null })
    expect(tree.children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: '<養老>' }] })
  })
})

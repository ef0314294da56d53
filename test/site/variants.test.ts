import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { createRenderContext, emptyVocabulary, planSite, renderRoute, simplifiedVariant, type Variant } from '../../src/site/index.ts'
import { convertRecord } from '../../src/variants/record.ts'
import { fixtureArchive } from './records.ts'

const toyConvert = (text: string) => text.replaceAll('报', '報').replaceAll('区', '區')
const traditional: Variant = { lang: 'zh-Hant', script: 'hant', prefix: 'zh-hant/', convert: toyConvert, record: (record) => convertRecord(record, toyConvert), head: (record) => convertRecord(record, toyConvert), headline: (record) => toyConvert(record.headline ?? record.subheadline ?? record.kicker ?? '') }

function renderArticle(config = defaultConfig, options: Parameters<typeof createRenderContext>[1] = {}) {
  const { routes } = planSite(fixtureArchive(), config, emptyVocabulary)
  const article = routes.find((route) => route.url === '2019/12/10/2-3/')!
  return renderRoute(article, createRenderContext(config, options))[0]!
}

describe('typography switch', () => {
  it('typesets the page when on and keeps the source punctuation when off', () => {
    expect(String(renderArticle().contents)).toContain('本报讯 12月4日</strong>，')
    expect(String(renderArticle({ ...defaultConfig, typography: false }).contents)).toContain('本报讯 12月4日</strong>,')
  })
})

describe('script variants', () => {
  it('emits no script switch or hreflang with one variant', () => {
    const html = String(renderArticle().contents)
    expect(html).not.toContain('hreflang')
  })

  it('renders a twin under its prefix with lang, converted text, a switch and hreflang links', () => {
    const variants = [simplifiedVariant, traditional]
    const file = renderArticle(defaultConfig, { variant: traditional, variants })
    const html = String(file.contents)
    expect(file.path).toBe('zh-hant/2019/12/10/2-3/index.html')
    expect(html).toContain('<html lang="zh-Hant">')
    expect(html).toContain('本區举行')
    expect(html).toContain('<link rel="alternate" hreflang="zh-Hans" href="http://127.0.0.1:8080/2019/12/10/2-3/">')
    expect(html).toContain('<link rel="alternate" hreflang="zh-Hant" href="http://127.0.0.1:8080/zh-hant/2019/12/10/2-3/">')
    expect(html).toContain('<a href="/2019/12/10/2-3/" lang="zh-Hans" hreflang="zh-Hans">简体</a>')
    expect(html).toContain('"inLanguage":"zh-Hant"')
  })

  it('renders the same input to the same bytes', () => {
    expect(renderArticle().contents).toEqual(renderArticle().contents)
  })
})

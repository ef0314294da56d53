import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { createRenderContext, emptyVocabulary, planSite, renderRoute } from '../../src/site/index.ts'
import { makeRecord } from './records.ts'

describe('feeds', () => {
  it('render an article without a byline (no author) in Atom, RSS and JSON Feed', () => {
    const record = { ...makeRecord({ issueDate: '2020-01-07', page: 1, position: 1, paragraphs: ['本报讯 近日,社区举办活动。'] }), bylines: [] }
    const { routes } = planSite([record], defaultConfig, emptyVocabulary)
    const feeds = routes.find((route) => route.kind === 'feeds')!
    const files = renderRoute(feeds, createRenderContext(defaultConfig))
    expect(files.map((file) => file.path).sort()).toEqual(['feed.json', 'feed.xml', 'rss.xml'])
    const json = JSON.parse(String(files.find((file) => file.path === 'feed.json')!.contents))
    expect(json.items).toHaveLength(1)
    expect(json.items[0].authors).toBeUndefined()
  })
})

// Stories across pages in the site stage: what the routes hold, what a change re-renders, what feeds and a gap show.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { routeFingerprint } from '../../src/build/fingerprint.ts'
import { defaultConfig } from '../../src/config.ts'
import { loadArchive } from '../../src/load.ts'
import { createRenderContext, emptyVocabulary, planSite, renderRoute, type ArticleRoute, type FeedsRoute, type Route } from '../../src/site/index.ts'
import type { ArticleRecord } from '../../src/types.ts'

const twoPages = path.join(import.meta.dirname, '..', 'fixtures', 'continuation')
const config = { ...defaultConfig, typography: false }
const context = createRenderContext(config)

const articleAt = (routes: Route[], url: string) => routes.find((route): route is ArticleRoute => route.kind === 'article' && route.url === url)!
const html = (route: Route) => String(renderRoute(route, context)[0]!.contents)

describe('story routes', async () => {
  const { articleRecords } = await loadArchive(twoPages)
  const { routes, messages } = planSite(articleRecords, config, emptyVocabulary)

  it('give every part the story, first part first, and make the story page depend on all parts', () => {
    expect(messages).toEqual([])
    const story = articleAt(routes, '2020/05/12/1-1/')
    expect(story.story?.parts.map((part) => part.url)).toEqual(['2020/05/12/1-1/', '2020/05/12/3-2/'])
    expect(articleAt(routes, '2020/05/12/3-2/').story).toBe(story.story)
    expect(story.continuedTo?.url).toBe('2020/05/12/3-2/')
    expect(story.dependsOn).toEqual(expect.arrayContaining(['2020-05-12/1-1', '2020-05-12/3-2']))
  })

  it('re-render the story page when its later part changes', () => {
    const digests = (records: ArticleRecord[]) => new Map(records.map((record) => [record, `${record.id}:${JSON.stringify(record.sections)}`]))
    const edited = articleRecords.map((record) =>
      record.id === '2020-05-12/3-2' ? { ...record, sections: [{ ...record.sections[0]!, paragraphs: ['(上接第1版)改过的续文。'] }] } : record,
    )
    const replanned = planSite(edited, config, emptyVocabulary).routes
    const fingerprint = (all: Route[], records: ArticleRecord[], url: string) => routeFingerprint(articleAt(all, url), digests(records), '')
    expect(fingerprint(replanned, edited, '2020/05/12/1-1/')).not.toBe(fingerprint(routes, articleRecords, '2020/05/12/1-1/'))
    expect(fingerprint(replanned, edited, '2020/05/12/1-2/')).toBe(fingerprint(routes, articleRecords, '2020/05/12/1-2/'))
    expect(html(articleAt(replanned, '2020/05/12/1-1/'))).toContain('改过的续文')
  })

  it('put the whole story in the first part’s feed item and a link to it in the later part’s', () => {
    const feeds = routes.find((route): route is FeedsRoute => route.kind === 'feeds')!
    const atom = String(renderRoute(feeds, context).find((file) => file.path === 'feed.xml')!.contents)
    const item = (id: string) => atom.slice(atom.indexOf(`<id>${id}</id>`), atom.indexOf('</entry>', atom.indexOf(`<id>${id}</id>`)))
    const story = item(`${config.baseUrl}2020/05/12/1-1/`)
    expect(story).toContain('46台加装电梯完工')
    expect(story).toContain('简化审批流程')
    const part = item(`${config.baseUrl}2020/05/12/3-2/`)
    expect(part).toContain(`${config.baseUrl}2020/05/12/1-1/#part-2`)
    // Its content is the link, not a second copy of the text the story's item carries.
    expect(part.slice(part.indexOf('<content'))).not.toContain('简化审批流程')
  })
})

describe('a story missing a part', async () => {
  const { articleRecords } = await loadArchive(twoPages)
  const withoutPage3 = articleRecords.filter((record) => record.page !== 3)
  const { routes } = planSite(withoutPage3, config, emptyVocabulary)

  it('says on the page that the page it continues on is not in the archive, and links nowhere', () => {
    const page = html(articleAt(routes, '2020/05/12/1-1/'))
    expect(page).toContain('<p class="continuation continuation-missing">本文下转第3版，该版未收入档案。</p>')
    expect(page).toContain('(下转第3版)')
    expect(page).not.toContain('continuation-link')
    expect(page).not.toContain('page-turn')
  })
})

// A one-thread build renders its pages by the date of what they show (src/build/render-order.ts).
import { describe, expect, it } from 'vitest'
import { byDateShown } from '../../src/build/render-order.ts'
import { defaultConfig } from '../../src/config.ts'
import { emptyVocabulary, planSite, type Route } from '../../src/site/index.ts'
import { makeRecord } from '../site/records.ts'

// Three issues, each article tagged: the plan lists every article, then every tag's pages.
const articleRecords = ['2019-12-03', '2019-12-06', '2019-12-10'].flatMap((issueDate) =>
  [1, 2].map((position) => makeRecord({ issueDate, page: 1, position, headline: `${issueDate} ${position}`, tags: [position === 1 ? '民生' : '城建', '杨浦'] })),
)
const { routes } = planSite(articleRecords, { ...defaultConfig, pageSize: 1 }, emptyVocabulary)
// makeRecord's ids begin with the issue date.
const firstShown = (route: Route) => route.dependsOn[0]?.slice(0, 10) ?? ''

describe('the render order of a one-thread build', () => {
  const order = byDateShown(routes, [...routes.keys()], articleRecords)

  it('takes every route once, the ones showing no article first, then by the date of the first article shown', () => {
    expect([...order].sort((a, b) => a - b)).toEqual([...routes.keys()])
    const dates = order.map((index) => firstShown(routes[index] as Route))
    expect(dates).toEqual([...dates].sort())
    expect(dates[0]).toBe('')
  })

  it("puts an article's page, its issue's and the tag pages listing it together, in the plan's order", () => {
    const position = (url: string) => order.findIndex((index) => routes[index]?.url === url)
    // The article pages show related articles of other days, and the tag pages come after all articles in the plan.
    expect(routes.find((route) => route.url === '2019/12/06/1-1/')?.dependsOn.some((id) => id.startsWith('2019-12-10'))).toBe(true)
    const pagesOfTheDay = routes.filter((route) => firstShown(route) === '2019-12-06')
    expect(pagesOfTheDay.map((route) => route.kind).sort()).toEqual(['article', 'article', 'issue', 'tag', 'tag', 'tag', 'tag'])
    for (const route of pagesOfTheDay) {
      expect(position(route.url)).toBeGreaterThan(position('2019/12/03/1-2/'))
      expect(position(route.url)).toBeLessThan(position('2019/12/10/1-1/'))
    }
    const sameDay = order.filter((index) => firstShown(routes[index] as Route) === '2019-12-06')
    expect(sameDay).toEqual([...sameDay].sort((a, b) => a - b))
  })
})

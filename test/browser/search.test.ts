// The search page of the built sample archive in a real browser: queries in either script find the
// right articles first, results link to the article in the reader's script, the switch finds twins.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { browserTimeout, describeWithBrowser, formatViolations, runAxe, viewports } from '../helpers/browser.ts'
import { sampleInBrowser } from '../helpers/sample-in-browser.ts'

// The three articles of the sample page (articles/2019/12/10/02.txt), in each script.
const article1 = { hans: '大格局谋发展 高质量抓落实', hant: '大格局謀發展 高質量抓落實', path: '2019/12/10/2-1/' }
const article3 = { hans: '本区举行机关工作人员宪法知识竞赛', hant: '本區舉行機關工作人員憲法知識競賽', path: '2019/12/10/2-3/' }

describeWithBrowser('the search page', () => {
  const { url, open } = sampleInBrowser(viewports.phone)

  /** Type `query` into the page's search box, submit, and read the results' headlines and links. */
  async function search(tab: Page, query: string): Promise<{ title: string; href: string }[]> {
    await tab.getByRole('searchbox').fill(query)
    await tab.getByRole('searchbox').press('Enter')
    await tab.locator('[data-search-results] li h2 a').first().waitFor()
    return tab.locator('[data-search-results] li h2 a').evaluateAll((links) => links.map((link) => ({ title: link.textContent ?? '', href: (link as HTMLAnchorElement).href })))
  }

  it('answers 养老, 養老, 宪法 and 楊曉梅 on the zh-Hans page with the right articles first', async () => {
    const { tab, errors } = await open('search/')
    const elderly = await search(tab, '养老')
    expect(elderly[0]).toEqual({ title: article1.hans, href: url(article1.path) })
    expect(await search(tab, '養老')).toEqual(elderly)
    expect((await search(tab, '宪法'))[0]?.title).toBe(article3.hans)
    const byName = await search(tab, '楊曉梅')
    expect(byName.map((result) => result.title).sort()).toEqual([article1.hans, article3.hans].sort())
    // The excerpt comes from the article's page, with the hit marked, in the reader's script.
    await tab.locator('[data-search-results] li mark').first().waitFor()
    expect(await tab.locator('[data-search-results] li mark').first().textContent()).toBe('杨晓梅')
    expect(new URL(tab.url()).searchParams.get('q')).toBe('楊曉梅')
    expect(errors).toEqual([])
    await tab.close()
  }, browserTimeout)

  it('answers in Traditional on the zh-Hant page and links to the zh-Hant articles', async () => {
    const { tab, errors } = await open('zh-hant/search/')
    const elderly = await search(tab, '養老')
    expect(elderly[0]).toEqual({ title: article1.hant, href: url(`zh-hant/${article1.path}`) })
    expect((await search(tab, '养老'))[0]).toEqual(elderly[0])
    expect((await search(tab, '憲法'))[0]?.title).toBe(article3.hant)
    await tab.locator('[data-search-results] li mark').first().waitFor()
    expect(await tab.locator('[data-search-results] li mark').first().textContent()).toBe('憲法')
    const byName = await search(tab, '杨晓梅')
    expect(byName.map((result) => result.title).sort()).toEqual([article1.hant, article3.hant].sort())
    expect(errors).toEqual([])
    await tab.close()
  }, browserTimeout)

  it('filters by year and tag', async () => {
    const { tab, errors } = await open('search/')
    await tab.getByLabel('年份').selectOption('2019')
    await tab.locator('[data-search-results] li h2 a').first().waitFor()
    expect(await tab.locator('[data-search-results] li h2 a').count()).toBe(3)
    expect(await search(tab, '宪法知识竞赛')).toEqual([{ title: article3.hans, href: url(article3.path) }])
    await tab.getByRole('searchbox').fill('')
    await tab.getByLabel('标签').selectOption({ value: '养老' })
    await tab.waitForURL((address) => address.searchParams.get('tag') === '养老')
    await tab.locator('[data-search-results] li h2 a').first().waitFor()
    const tagged = await tab.locator('[data-search-results] li h2 a').allTextContents()
    expect(tagged).toContain(article1.hans)
    expect(tagged).not.toContain(article3.hans)
    expect(errors).toEqual([])
    await tab.close()
  }, browserTimeout)

  it('opens a result and switches script to the same article', async () => {
    const { tab, errors } = await open('search/?q=宪法')
    await tab.locator('[data-search-results] li h2 a').first().click()
    await tab.waitForURL(url(article3.path))
    await tab.locator('.script-switch a').click()
    await tab.waitForURL(url(`zh-hant/${article3.path}`))
    expect(await tab.locator('html').getAttribute('lang')).toBe('zh-Hant')
    expect(await tab.locator('h1').textContent()).toBe(article3.hant)
    await tab.locator('.script-switch a').click()
    await tab.waitForURL(url(article3.path))
    expect(await tab.locator('h1').textContent()).toBe(article3.hans)
    expect(errors).toEqual([])
    await tab.close()
  }, browserTimeout)

  it('has no serious or critical axe-core violation, in either script, with results shown', async () => {
    for (const sitePath of ['search/?q=养老', 'zh-hant/search/?q=養老']) {
      const { tab, errors } = await open(sitePath)
      await tab.locator('[data-search-results] li mark').first().waitFor()
      const violations = await runAxe(tab)
      expect(violations, formatViolations(violations)).toEqual([])
      expect(errors).toEqual([])
      await tab.close()
    }
  }, browserTimeout)
})

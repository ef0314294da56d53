// The built sample archive (the repository's articles/) in a real browser: what a reader sees and can reach.
import { expect, it } from 'vitest'
import { browserTimeout, describeWithBrowser, formatViolations, runAxe, saveScreenshot, viewports } from '../helpers/browser.ts'
import { sampleInBrowser } from '../helpers/sample-in-browser.ts'

describeWithBrowser('the sample archive in a browser', () => {
  const { url, open } = sampleInBrowser(viewports.desktop)

  it('shows an article’s headline, byline and body without console errors', async () => {
    const { tab, errors } = await open('/2019/12/10/2-3/')
    await expect(tab.locator('h1').innerText()).resolves.toBe('本区举行机关工作人员宪法知识竞赛')
    await expect(tab.locator('.article-header').innerText()).resolves.toContain('2019年12月10日 第2版')
    await expect(tab.getByRole('link', { name: '杨晓梅' }).first().isVisible()).resolves.toBe(true)
    await expect(tab.locator('.article-body p').first().innerText()).resolves.toMatch(/^本报讯 12月4日，杨浦区/)
    expect(await tab.title()).toContain('本区举行机关工作人员宪法知识竞赛')
    // The stylesheet loaded: the body text is not in the browser's default serif at 16px/normal.
    const lineHeight = await tab.locator('.article-body p').first().evaluate((p) => getComputedStyle(p).lineHeight)
    expect(lineHeight).not.toBe('normal')
    expect(errors).toEqual([])
    await tab.close()
  }, browserTimeout)

  it('lets a reader go home → year → issue → article → tag → author by clicking', async () => {
    const { tab, errors } = await open('/', viewports.phone)
    const heading = () => tab.locator('h1').innerText()

    await tab.getByRole('main').getByRole('link', { name: '2019年', exact: true }).click()
    await tab.waitForURL(url('/2019/'))
    await expect(heading()).resolves.toBe('2019年')

    const december = tab.locator('table.calendar', { has: tab.locator('caption', { hasText: '2019年12月' }) })
    await december.getByRole('link', { name: '10', exact: true }).click()
    await tab.waitForURL(url('/2019/12/10/'))
    await expect(heading()).resolves.toContain('2019年12月10日')

    await tab.getByRole('link', { name: '本区举行机关工作人员宪法知识竞赛' }).click()
    await tab.waitForURL(url('/2019/12/10/2-3/'))
    await expect(heading()).resolves.toBe('本区举行机关工作人员宪法知识竞赛')

    await tab.locator('.article-footer').getByRole('link', { name: '宪法', exact: true }).click()
    await tab.waitForURL(url('/tags/xian-fa/'))
    await expect(heading()).resolves.toBe('宪法')
    await expect(tab.getByRole('main').getByRole('link', { name: '本区举行机关工作人员宪法知识竞赛' }).isVisible()).resolves.toBe(true)

    await tab.getByRole('main').getByRole('link', { name: '杨晓梅' }).first().click()
    await tab.waitForURL(url('/authors/yang-xiao-mei/'))
    await expect(heading()).resolves.toBe('杨晓梅')
    await expect(tab.getByRole('main').getByRole('link', { name: '大格局谋发展 高质量抓落实' }).isVisible()).resolves.toBe(true)

    expect(errors).toEqual([])
    await tab.close()
  }, browserTimeout)

  const pagesToAudit = {
    home: '/',
    article: '/2019/12/10/2-1/',
    issue: '/2019/12/10/',
    month: '/2019/12/',
    year: '/2019/',
    archive: '/archive/',
    'tag index': '/tags/',
    tag: '/tags/xian-fa/',
    'author index': '/authors/',
    author: '/authors/yang-xiao-mei/',
  }

  for (const [kind, sitePath] of Object.entries(pagesToAudit)) {
    it(`finds no serious or critical axe-core violation on the ${kind} page, at phone and desktop width`, async () => {
      for (const viewport of [viewports.phone, viewports.desktop]) {
        const { tab, errors } = await open(sitePath, viewport)
        const violations = await runAxe(tab)
        expect(violations, `${sitePath} at ${viewport.width}px:\n${formatViolations(violations)}`).toEqual([])
        expect(errors).toEqual([])
        await tab.close()
      }
    }, browserTimeout)
  }

  it('lays an article out without sideways scrolling, and saves phone and desktop screenshots', async () => {
    for (const [name, viewport] of [['phone', viewports.phone], ['desktop', viewports.desktop]] as const) {
      const { tab, errors } = await open('/2019/12/10/2-1/', viewport)
      await tab.evaluate(() => document.fonts.ready)
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, `horizontal overflow at ${viewport.width}px`).toBe(0)
      const screenshot = await saveScreenshot(tab, `article-${name}`)
      expect(screenshot).toMatch(new RegExp(`test-output/article-${name}\\.png$`))
      expect(errors).toEqual([])
      await tab.close()
    }
  }, browserTimeout)
})

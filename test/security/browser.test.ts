// Pages built from hostile text, in Chromium under the site's Content-Security-Policy: no injected
// script runs (the sentinel global stays unset), no injected element exists, and the site's own
// scripts (search; the dev server's reload client and its overlay) work without a CSP violation.
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createBuilder } from '../../src/build.ts'
import { startDev } from '../../src/dev.ts'
import { serveDirectory, type RunningServer } from '../../src/serve.ts'
import { listFiles } from '../build/built-site.ts'
import { browserTimeout, collectPageErrors, describeWithBrowser, launchBrowser, viewports } from '../helpers/browser.ts'
import { articles, buildInjectionSite, hostile, injectionProject, sentinel, type InjectionSite } from './injection-site.ts'

interface PageInspection {
  sentinel: unknown
  injected: string[]
  violations: string[]
}

/** Runs in the page: what an injection could have made there, the sentinel's value, the CSP violations reported. */
function inspectPage(sentinelName: string): PageInspection {
  const injected: string[] = []
  for (const element of document.querySelectorAll('*')) {
    const name = element.localName
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) injected.push(`<${name} ${attribute.name}>`)
      if (attribute.name === 'style') injected.push(`<${name} style>`)
      if (/^(href|src|action|formaction|xlink:href)$/.test(attribute.name) && /^javascript:/i.test(attribute.value.replace(/[\u0000-\u0020]/g, ''))) {
        injected.push(`<${name} ${attribute.name}="${attribute.value}">`)
      }
    }
    if (['img', 'svg', 'iframe', 'object', 'embed', 'base'].includes(name)) injected.push(`<${name}>`)
  }
  for (const script of document.querySelectorAll('script')) {
    const own = script.type === 'module' && script.src.startsWith(`${location.origin}/`)
    if (!own && !(script.type === 'application/ld+json' && !script.src)) injected.push(`<script type="${script.type}" src="${script.src}">`)
  }
  const page = window as unknown as Record<string, unknown> & { __cspViolations?: string[] }
  return { sentinel: page[sentinelName], injected, violations: page.__cspViolations ?? [] }
}

// Added to every tab before any page script runs: records each CSP violation the page reports.
const recordViolations = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`

describeWithBrowser('hostile text in a browser', () => {
  let browser: Browser
  let server: RunningServer
  let site: InjectionSite

  beforeAll(async () => {
    const project = await injectionProject()
    // Served before it is built, so the build's base URL is the server's.
    server = await serveDirectory(project.config.outDir, { port: 0 })
    site = await buildInjectionSite(server.url, project)
    expect(site.code, site.log).toBe(0)
    browser = await launchBrowser()
  }, browserTimeout)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    site?.remove()
  })

  /** A tab that records errors and CSP violations from its first navigation. */
  async function newTab(): Promise<{ tab: Page; errors: string[] }> {
    const tab = await browser.newPage({ viewport: viewports.phone })
    await tab.addInitScript(recordViolations)
    return { tab, errors: collectPageErrors(tab) }
  }

  async function expectClean(tab: Page, errors: string[], where: string): Promise<void> {
    const inspection = await tab.evaluate(inspectPage, sentinel)
    expect(inspection, where).toEqual({ sentinel: undefined, injected: [], violations: [] })
    expect(errors, where).toEqual([])
  }

  it('runs nothing and makes no element from the text on any page of the site, in either script', async () => {
    const pages = listFiles(site.out)
      .filter((file) => file.endsWith('.html'))
      .map((file) => file.replace(/index\.html$/, ''))
    // Every page kind: home, archive, year, month, issue, articles, tags, authors, search, 404.
    expect(pages).toEqual(expect.arrayContaining(['', 'archive/', '2020/', '2020/01/', '2020/01/06/', articles.parsed.url, articles.overridden.url, articles.markdown.url, 'tags/', 'authors/', 'search/', '404.html', `zh-hant/${articles.markdown.url}`]))
    const { tab, errors } = await newTab()
    for (const sitePath of pages) {
      const response = await tab.goto(new URL(sitePath, server.url).href)
      expect(response?.status(), sitePath).toBe(200)
      await expectClean(tab, errors, sitePath)
    }
    await tab.close()
  }, 180_000)

  it('shows the hostile headline, kicker and site title as text', async () => {
    const { tab, errors } = await newTab()
    await tab.goto(new URL(articles.overridden.url, server.url).href)
    expect(await tab.locator('h1').innerText()).toBe(articles.overridden.headline)
    expect(await tab.locator('.kicker').innerText()).toBe(articles.overridden.kicker)
    expect(await tab.title()).toBe(`${articles.overridden.headline} - ${hostile.siteTitle}`)
    await expectClean(tab, errors, articles.overridden.url)
    await tab.close()
  }, browserTimeout)

  it('searches for pwned under the CSP: results and excerpts hold the hostile text as text', async () => {
    const { tab, errors } = await newTab()
    await tab.goto(new URL('search/?q=pwned', server.url).href)
    const links = tab.locator('[data-search-results] li h2 a')
    await links.nth(2).waitFor()
    await tab.locator('[data-search-results] li mark').first().waitFor()
    expect((await links.allInnerTexts()).sort()).toEqual([articles.parsed.headline, articles.overridden.headline, articles.markdown.headline].sort())
    // Each excerpt comes from its article's page; the markup in it stays text.
    await expect.poll(() => tab.locator('[data-search-results] li p').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('<script>window.__pwned=1</script>')]))
    expect(await tab.locator('[data-search-results] li mark').first().innerText()).toBe('pwned')
    await expectClean(tab, errors, 'search/?q=pwned')
    // The tag filter lists the hostile vocabulary tag as text and finds its articles.
    await tab.locator('#search-tag').selectOption(hostile.vocabularyTag)
    await expect.poll(() => new URL(tab.url()).searchParams.get('tag')).toBe(hostile.vocabularyTag)
    await expect.poll(() => tab.locator('[data-search-results] li h2 a').allInnerTexts()).toContain(articles.parsed.headline)
    await expectClean(tab, errors, 'search/ by tag')
    await tab.close()
  }, browserTimeout)
})

describeWithBrowser('the dev server under the CSP', () => {
  let browser: Browser
  let root = ''
  let dev: Awaited<ReturnType<typeof startDev>>

  beforeAll(async () => {
    const project = await injectionProject()
    root = project.root
    const builder = createBuilder(project.config, { root, log: () => {}, progress: false, cacheDir: null })
    dev = await startDev(builder, { host: '127.0.0.1', port: 0, watchPaths: [path.join(root, 'articles')], log: () => {} })
    browser = await launchBrowser()
  }, browserTimeout)

  afterAll(async () => {
    await browser?.close()
    await dev?.close()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it('runs the reload client, and shows a failed build’s message (quoting hostile tags) as text in its overlay', async () => {
    const tab = await browser.newPage({ viewport: viewports.desktop })
    await tab.addInitScript(recordViolations)
    const errors = collectPageErrors(tab)
    const connected = tab.waitForRequest((request) => request.url().endsWith('/__events'))
    await tab.goto(new URL(articles.parsed.url, dev.url).href)
    await connected
    // A tag whose slug collides with a front matter tag fails the build; the message quotes both names.
    writeFileSync(path.join(root, 'articles/2020/01/06/collision.md'), `---\nheadline: 冲突\ndate: 2020-01-06\npage: 3\ntags: ['<img src=x onerror="window.__pwned=1">']\n---\n本报讯 正文。\n`)
    const overlay = tab.locator('#news-archive-dev-overlay')
    await overlay.waitFor({ timeout: 30_000 })
    expect(await overlay.innerText()).toContain('<img src=x onerror="window.__pwned=1">')
    // Styled through the CSSOM, which style-src 'self' allows (a style attribute in markup it would block).
    expect(await overlay.evaluate((element) => getComputedStyle(element).position)).toBe('fixed')
    const inspection = await tab.evaluate(inspectPage, sentinel)
    expect(inspection.sentinel).toBeUndefined()
    expect(inspection.violations).toEqual([])
    // The overlay's own style (set from script) is the one style attribute on the page.
    expect(inspection.injected).toEqual(['<pre style>'])
    expect(errors).toEqual([])
    await tab.close()
  }, 60_000)
})

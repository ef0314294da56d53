// For browser tests of the built sample archive: build it, serve it and launch Chromium once per
// describe block, and tear all three down after.
import { rmSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { serveDirectory, type RunningServer } from '../../src/serve.ts'
import { buildSite, sampleArticles, tempDir } from '../build/built-site.ts'
import { browserTimeout, collectPageErrors, launchBrowser, viewports } from './browser.ts'

export interface SampleInBrowser {
  readonly browser: Browser
  /** The absolute URL of a site path (`/2019/` or `2019/`). */
  url(sitePath: string): string
  /** A fresh tab at `viewport`, its error list attached before the first navigation; the page must answer 200. */
  open(sitePath: string, viewport?: { width: number; height: number }): Promise<{ tab: Page; errors: string[] }>
}

/** Call inside `describeWithBrowser`: the sample archive built, served and open in Chromium. */
export function sampleInBrowser(defaultViewport: { width: number; height: number } = viewports.desktop): SampleInBrowser {
  let browser: Browser | undefined
  let server: RunningServer | undefined
  let dir = ''
  beforeAll(async () => {
    dir = await tempDir()
    const out = path.join(dir, 'site')
    // Served before it is built, so the build's base URL is the server's and canonical links point here.
    server = await serveDirectory(out, { port: 0 })
    const result = await buildSite(sampleArticles, out, ['--base-url', server.url])
    expect(result.code, result.stderr).toBe(0)
    browser = await launchBrowser()
  }, browserTimeout)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  const url = (sitePath: string) => new URL(sitePath.replace(/^\//, ''), server?.url).href
  return {
    get browser() {
      if (!browser) throw new Error('the browser is not up yet (use it inside a test)')
      return browser
    },
    url,
    async open(sitePath, viewport = defaultViewport) {
      const tab = await (browser as Browser).newPage({ viewport })
      const errors = collectPageErrors(tab)
      const response = await tab.goto(url(sitePath))
      expect(response?.status(), sitePath).toBe(200)
      return { tab, errors }
    },
  }
}

// Query latency and transfer of the search page in a real browser, on a built site:
// `npx tsx scripts/measure-search-browser.ts <built site folder> [query …]`. Not part of the test suite.
import { chromium } from 'playwright-core'
import { serveDirectory } from '../src/serve.ts'

const [siteDir, ...queries] = process.argv.slice(2)
if (!siteDir) throw new Error('usage: measure-search-browser.ts <built site folder> [query …]')
const terms = queries.length > 0 ? queries : ['养老', '養老', '宪法', '憲法知識', '垃圾分类', '五角场', '分类', '杨晓梅']
const server = await serveDirectory(siteDir, { port: 0 })
const browser = await chromium.launch({
  executablePath: process.env.NEWS_ARCHIVE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
console.log(`| query | results shown after (ms) | results listed | bytes fetched | requests |`)
console.log(`| --- | --- | --- | --- | --- |`)
for (const [index, term] of terms.entries()) {
  // A fresh page and cache per query: what a reader arriving from outside the site waits for.
  const context = await browser.newContext()
  const page = await context.newPage()
  const lang = index % 2 === 0 ? '' : 'zh-hant/'
  await page.goto(`${server.url}${lang}search/`)
  let bytes = 0
  let requests = 0
  page.on('response', async (response) => {
    if (!response.url().includes('/search/') && !/\/\d{4}\/\d{2}\/\d{2}\//u.test(response.url())) return
    requests++
    bytes += (await response.body().catch(() => Buffer.alloc(0))).length
  })
  await page.fill('input[name=q]', term)
  const started = Date.now()
  await page.press('input[name=q]', 'Enter')
  // Done when results are listed, or when the status says there are none.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-search-results] li').length > 0 || /没有|沒有/u.test(document.querySelector('[data-search-status]')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  )
  const found = await page.locator('[data-search-results] li').count()
  const shown = Date.now() - started
  // Excerpts arrive after the list: let them finish so the transfer is complete.
  await page.waitForLoadState('networkidle')
  console.log(`| ${lang}${term} | ${shown} | ${found} | ${bytes.toLocaleString('en')} | ${requests} |`)
  await context.close()
}
await browser.close()
await server.close()

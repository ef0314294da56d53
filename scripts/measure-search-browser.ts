// Query latency and transfer of the search page in a real browser, on a built site:
// `npx tsx scripts/measure-search-browser.ts <built site folder> [query …]`. Not part of the test suite.
import { chromium } from 'playwright-core'
import { serveDirectory } from '../src/serve.ts'

const [siteDir, ...queries] = process.argv.slice(2)
if (!siteDir) throw new Error('usage: measure-search-browser.ts <built site folder> [query …]')
const terms = queries.length > 0 ? queries : ['养老', '養老', '宪法', '楊曉梅', '垃圾分类', '五角场', '分类']
const server = await serveDirectory(siteDir, { port: 0 })
const browser = await chromium.launch({
  executablePath: process.env.NEWS_ARCHIVE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
console.log(`| query | results shown after (ms) | bytes fetched | requests |`)
console.log(`| --- | --- | --- | --- |`)
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
  await page.waitForSelector('[data-search-results] li', { timeout: 30_000 })
  const shown = Date.now() - started
  // Excerpts arrive after the list: let them finish so the transfer is complete.
  await page.waitForLoadState('networkidle')
  console.log(`| ${lang}${term} | ${shown} | ${bytes.toLocaleString('en')} | ${requests} |`)
  await context.close()
}
await browser.close()
await server.close()

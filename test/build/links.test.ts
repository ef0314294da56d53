// A link check of the built sample archive (the repository's articles/): no internal link may be broken.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { LinkChecker, LinkState, type LinkResult } from 'linkinator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDirectory, type RunningServer } from '../../src/serve.ts'
import { buildSite, sampleArticles, tempDir } from './built-site.ts'

/** Build the sample into a folder already being served, so that its base URL is the server's and canonical links are checked too. */
async function serveBuiltSample(basePath: string): Promise<{ server: RunningServer; dir: string }> {
  const dir = await tempDir()
  const out = path.join(dir, 'site')
  // The server resolves its root on every request, so it serves the build once it is swapped in.
  const server = await serveDirectory(out, { port: 0, basePath })
  const result = await buildSite(sampleArticles, out, ['--base-url', server.url])
  expect(result.code, result.stderr).toBe(0)
  return { server, dir }
}

async function checkLinks(url: string): Promise<{ checked: LinkResult[]; broken: string[] }> {
  const origin = new URL(url).origin
  const result = await new LinkChecker().check({
    path: url,
    recurse: true,
    checkFragments: true,
    concurrency: 16,
    // Only the archive itself is checked: the test must not depend on the network.
    linksToSkip: async (link) => !link.startsWith(origin),
  })
  const checked = result.links.filter((link) => link.state !== LinkState.SKIPPED)
  const broken = result.links.filter((link) => link.state === LinkState.BROKEN).map((link) => `${link.status ?? '-'} ${link.url} (on ${link.parent ?? '?'})`)
  return { checked, broken }
}

describe.each(['/', '/archive/'])('the sample archive served under %s', (basePath) => {
  let server: RunningServer
  let dir = ''

  beforeAll(async () => {
    ;({ server, dir } = await serveBuiltSample(basePath))
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('has no broken internal link, starting from the home page', async () => {
    const { checked, broken } = await checkLinks(server.url)
    expect(broken).toEqual([])
    // The crawl reached every kind of page, not just the home page.
    const urls = checked.map((link) => new URL(link.url).pathname.slice(basePath.length - 1))
    expect(urls).toEqual(expect.arrayContaining(['/2019/', '/2019/12/', '/2019/12/10/', '/2019/12/10/2-1/', '/tags/', '/authors/', '/feed.xml', '/style.css']))
    expect(urls.filter((url) => url.startsWith('/tags/')).length).toBeGreaterThan(3)
    expect(urls.filter((url) => url.startsWith('/authors/')).length).toBeGreaterThan(2)
  }, 120_000)

  it('serves a 404 page whose links and style work at any depth', async () => {
    const missing = new URL('no/such/page/', server.url).href
    const response = await fetch(missing)
    expect(response.status).toBe(404)
    const targets = [...(await response.text()).matchAll(/\s(?:href|src)="([^"#][^"]*)"/g)].map((match) => new URL(match[1]!.replaceAll('&amp;', '&'), missing).href)
    expect(targets).toContain(new URL('style.css', server.url).href)
    const statuses = await Promise.all(targets.filter((target) => target.startsWith(server.url)).map(async (target) => `${(await fetch(target)).status} ${target}`))
    expect(statuses.filter((line) => !line.startsWith('200 '))).toEqual([])
  }, 60_000)
})

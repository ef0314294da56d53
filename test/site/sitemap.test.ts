// Past the protocol's limit of URLs a file, sitemap.xml is an index of numbered sitemaps.
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { createRenderContext, emptyVocabulary, planSite, renderRoute } from '../../src/site/index.ts'
import { sitemapRoute } from '../../src/site/sitemap.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { variantsFor } from '../../src/variants/record.ts'
import { fixtureArchive } from './records.ts'

const config = { ...defaultConfig, baseUrl: 'https://example.org/archive/' }
const { routes } = planSite(fixtureArchive(), config, emptyVocabulary)
const variants = variantsFor(createConverters('tw'))
const context = createRenderContext(config, { variant: variants[0], variants })
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/gu)].map((match) => match[1]!)

describe('the sitemap', () => {
  const whole = renderRoute(sitemapRoute(routes), context)

  it('is one file while its URLs are within the limit, each page in both scripts', () => {
    expect(whole.map((file) => file.path)).toEqual(['sitemap.xml'])
    const listed = locs(String(whole[0]!.contents))
    expect(listed).toContain('https://example.org/archive/2019/12/10/2-1/')
    expect(listed).toContain('https://example.org/archive/zh-hant/2019/12/10/2-1/')
    expect(listed.length).toBe(2 * sitemapRoute(routes).pages.length)
  })

  it('becomes an index of sitemaps, each within the limit and keeping a page with its twin, that list the same URLs', () => {
    const files = renderRoute(sitemapRoute(routes, 10), context)
    const [index, ...parts] = files
    expect(index!.path).toBe('sitemap.xml')
    expect(String(index!.contents)).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    expect(locs(String(index!.contents))).toEqual(parts.map((part) => `https://example.org/archive/${part.path}`))
    expect(parts.map((part) => part.path)).toEqual(parts.map((_, number) => `sitemap-${number + 1}.xml`))
    for (const part of parts) {
      const listed = locs(String(part.contents))
      const urlEntries = String(part.contents).match(/<url>/gu) ?? []
      expect(urlEntries.length).toBeLessThanOrEqual(10)
      expect(urlEntries.length % 2).toBe(0)
      expect(listed.length).toBe(urlEntries.length)
    }
    expect(parts.flatMap((part) => locs(String(part.contents)))).toEqual(locs(String(whole[0]!.contents)))
  })
})

// sitemap.xml: every HTML page in every script, written once at the site root; past the protocol's
// 50,000 URLs a file, an index of sitemap-1.xml, sitemap-2.xml, …
import type { RenderContext, SiteFile } from './context.ts'
import { pageTools } from './layout.ts'
import type { Route, SitemapRoute } from './route-types.ts'

const htmlKinds = new Set<Route['kind']>(['home', 'article', 'issue', 'month', 'year', 'archive', 'tag-index', 'tag', 'author-index', 'author', 'search'])

/** The sitemaps protocol's limit of URLs in one file. */
export const sitemapUrlLimit = 50_000

/** The sitemap route over the other routes. */
export function sitemapRoute(routes: Route[], urlsPerFile = sitemapUrlLimit): SitemapRoute {
  const pages = routes
    .filter((route) => htmlKinds.has(route.kind))
    .map((route) => ({ url: route.url, lastmod: route.kind === 'article' ? route.entry.record.issueDate : route.kind === 'issue' ? route.issue.date : null }))
  return { kind: 'sitemap', url: 'sitemap.xml', template: 'sitemap.xml.njk', dependsOn: [], pages, urlsPerFile }
}

// An index of sitemaps, for archives with more pages than one sitemap may list.
const indexTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for loc in sitemaps %}
<sitemap><loc>{{ loc }}</loc></sitemap>
{% endfor %}
</sitemapindex>
`

/** Render sitemap.xml, listing each page once per variant with its twins as alternates; only the default variant writes it. */
export function renderSitemap(route: SitemapRoute, ctx: RenderContext): SiteFile[] {
  if (ctx.variant !== (ctx.variants[0] ?? ctx.variant) || route.template === null) return []
  const tools = pageTools(ctx)
  const twins = ctx.variants.length > 1
  const urlsOf = (pages: SitemapRoute['pages']) =>
    pages.flatMap((page) =>
      ctx.variants.map((variant) => ({
        loc: tools.absolute(page.url, variant),
        lastmod: page.lastmod,
        alternates: twins ? ctx.variants.map((other) => ({ lang: other.lang, href: tools.absolute(page.url, other) })) : [],
      })),
    )
  const template = route.template
  // A page and its twins stay in one file.
  const pagesPerFile = Math.max(1, Math.floor(route.urlsPerFile / ctx.variants.length))
  if (route.pages.length <= pagesPerFile) return [{ path: route.url, contents: ctx.templates.render(template, { urls: urlsOf(route.pages), twins }) }]
  const files: SiteFile[] = []
  for (let first = 0; first < route.pages.length; first += pagesPerFile) {
    const urls = urlsOf(route.pages.slice(first, first + pagesPerFile))
    files.push({ path: route.url.replace(/\.xml$/u, `-${files.length + 1}.xml`), contents: ctx.templates.render(template, { urls, twins }) })
  }
  const sitemaps = files.map((file) => tools.absolute(file.path, ctx.variant))
  return [{ path: route.url, contents: ctx.templates.renderString(indexTemplate, { sitemaps }) }, ...files]
}

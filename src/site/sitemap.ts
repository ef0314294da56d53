// sitemap.xml: every HTML page in every script, written once at the site root.
import type { RenderContext, SiteFile } from './context.ts'
import { pageTools } from './layout.ts'
import type { Route, SitemapRoute } from './route-types.ts'

const htmlKinds = new Set<Route['kind']>(['home', 'article', 'issue', 'month', 'year', 'archive', 'tag-index', 'tag', 'author-index', 'author', 'search'])

/** The sitemap route over the other routes. */
export function sitemapRoute(routes: Route[]): SitemapRoute {
  const pages = routes
    .filter((route) => htmlKinds.has(route.kind))
    .map((route) => ({ url: route.url, lastmod: route.kind === 'article' ? route.entry.record.issueDate : route.kind === 'issue' ? route.issue.date : null }))
  return { kind: 'sitemap', url: 'sitemap.xml', template: 'sitemap.xml.njk', dependsOn: [], pages }
}

/** Render sitemap.xml, listing each page once per variant with its twins as alternates; only the default variant writes it. */
export function renderSitemap(route: SitemapRoute, ctx: RenderContext): SiteFile[] {
  if (ctx.variant !== (ctx.variants[0] ?? ctx.variant) || route.template === null) return []
  const tools = pageTools(ctx)
  const twins = ctx.variants.length > 1
  const urls = route.pages.flatMap((page) =>
    ctx.variants.map((variant) => ({
      loc: tools.absolute(page.url, variant),
      lastmod: page.lastmod,
      alternates: twins ? ctx.variants.map((other) => ({ lang: other.lang, href: tools.absolute(page.url, other) })) : [],
    })),
  )
  return [{ path: route.url, contents: ctx.templates.render(route.template, { urls, twins }) }]
}

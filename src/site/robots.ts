// robots.txt: everything may be crawled; points at the sitemap. Written once, at the site root.
import type { RenderContext, SiteFile } from './context.ts'
import { pageTools } from './layout.ts'
import type { RobotsRoute } from './route-types.ts'

/** The robots.txt route. */
export function robotsRoute(): RobotsRoute {
  return { kind: 'robots', url: 'robots.txt', template: null, dependsOn: [] }
}

/** Render robots.txt (only for the default variant: crawlers read it at the host root only). */
export function renderRobots(route: RobotsRoute, ctx: RenderContext): SiteFile[] {
  if (ctx.variant !== (ctx.variants[0] ?? ctx.variant)) return []
  const sitemap = pageTools(ctx).absolute('sitemap.xml', ctx.variant)
  return [{ path: route.url, contents: `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n` }]
}

// 404.html: served by static hosts for any missing path, so every link in it is root-relative.
import type { SiteConfig } from '../config.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { pageTools, renderPage } from './layout.ts'
import type { NotFoundRoute } from './route-types.ts'

/** The 404 route. */
export function notFoundRoute(_config: SiteConfig): NotFoundRoute {
  return { kind: 'not-found', url: '404.html', template: '404.njk', dependsOn: [] }
}

/** Render the 404 page. */
export function renderNotFound(route: NotFoundRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  return renderPage(route, ctx, { title: tools.t.notFoundTitle }, {
    title: tools.t.notFoundTitle,
    links: [
      { href: tools.href(''), label: tools.t.home },
      { href: tools.href('archive/'), label: tools.t.archive },
      { href: tools.href('tags/'), label: tools.t.tags },
    ],
  })
}

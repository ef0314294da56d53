// A paginated list of articles under a heading: what tag and author pages have in common.
import type { RenderContext, SiteFile } from './context.ts'
import { formatArticleCount, formatPageOf } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import type { AuthorRoute, TagRoute } from './route-types.ts'
import { articleCard } from './views.ts'

/** Render one page of a tag's or an author's articles. */
export function listView(route: TagRoute | AuthorRoute, ctx: RenderContext, name: string, count: number): SiteFile[] {
  const tools = pageTools(ctx)
  const { pagination } = route
  const heading = tools.text(name)
  const pageOf = pagination.pageCount > 1 ? tools.text(formatPageOf(pagination.pageNumber, pagination.pageCount)) : null
  return renderPage(route, ctx, { title: pageOf ? `${heading} (${pageOf})` : heading, prevUrl: pagination.prevUrl, nextUrl: pagination.nextUrl }, {
    title: heading,
    kindLabel: route.kind === 'tag' ? tools.t.tags : tools.t.authors,
    count: tools.text(formatArticleCount(count)),
    pageOf,
    articles: route.entries.map((entry) => articleCard(entry, tools)),
    pagination: {
      prev: pagination.prevUrl === null ? null : tools.href(pagination.prevUrl),
      next: pagination.nextUrl === null ? null : tools.href(pagination.nextUrl),
    },
  })
}

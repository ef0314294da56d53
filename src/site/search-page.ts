// The search page: a form the client (public/search.js) answers from the static index under search/.
import { foldScript } from '../search/fold.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatArticleCount, formatYear } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import type { SearchRoute } from './route-types.ts'

/** Site-relative URL of the search page (and of the index folder beside it, `search/` of the default variant). */
export const searchPageUrl = 'search/'

/** The search route, with the years and tags its filters offer. */
export function searchRoute(archive: Archive): SearchRoute {
  const years = [...new Set([...archive.issues.keys()].map((date) => date.slice(0, 4)))].reverse()
  const tags = [...archive.tags].sort((a, b) => b.entries.length - a.entries.length || (a.ref.slug < b.ref.slug ? -1 : 1))
  return {
    kind: 'search',
    url: searchPageUrl,
    template: 'search.njk',
    dependsOn: [],
    years,
    tags: tags.map((tag) => ({ name: tag.ref.name, url: tag.ref.url, count: tag.entries.length })),
  }
}

/** Render the search page; the filters' values are what the index's meta.json lists (years, folded tag names). */
export function renderSearch(route: SearchRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const { t } = tools
  const indexVariant = ctx.variants[0] ?? ctx.variant
  return renderPage(route, ctx, { title: t.search, description: t.searchHint }, {
    title: t.searchArchive,
    hint: t.searchHint,
    indexHref: tools.href(searchPageUrl, indexVariant),
    scriptHref: tools.href('search.js', indexVariant),
    years: route.years.map((year) => ({ value: year, label: tools.text(formatYear(year)) })),
    tags: route.tags.map((tag) => ({ value: foldScript(tag.name), label: `${tools.text(tag.name)} (${tools.text(formatArticleCount(tag.count))})` })),
  })
}

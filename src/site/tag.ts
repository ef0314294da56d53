// Tag pages (paginated lists of a tag's articles) and the tag index with counts.
import type { SiteConfig } from '../config.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatArticleCount } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import { paginate } from './pagination.ts'
import type { TagIndexRoute, TagRoute } from './route-types.ts'
import { listView } from './list-view.ts'

/** Routes for every page of every tag that some article carries. */
export function tagRoutes(archive: Archive, config: SiteConfig): TagRoute[] {
  return archive.tags.flatMap(({ ref, entries }) =>
    paginate(entries, config.pageSize, ref.url).map((page): TagRoute => ({
      kind: 'tag',
      url: page.url,
      template: 'list.njk',
      dependsOn: page.entries.map((entry) => entry.id),
      tag: ref,
      count: entries.length,
      entries: page.entries,
      pagination: page.pagination,
    })),
  )
}

/** The tag index: every tag with its article count, most used first. */
export function tagIndexRoute(archive: Archive, _config: SiteConfig): TagIndexRoute {
  const tags = [...archive.tags].sort((a, b) => b.entries.length - a.entries.length || (a.ref.slug < b.ref.slug ? -1 : 1))
  return {
    kind: 'tag-index',
    url: 'tags/',
    template: 'index-list.njk',
    dependsOn: [...new Set(tags.flatMap((tag) => tag.entries.map((entry) => entry.id)))],
    tags: tags.map((tag) => ({ name: tag.ref.name, url: tag.ref.url, count: tag.entries.length })),
  }
}

/** Render one page of a tag. */
export function renderTag(route: TagRoute, ctx: RenderContext): SiteFile[] {
  return listView(route, ctx, route.tag.name, route.count)
}

/** Render the tag index. */
export function renderTagIndex(route: TagIndexRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  return renderPage(route, ctx, { title: tools.t.allTags }, {
    title: tools.t.allTags,
    items: route.tags.map((tag) => ({ href: tools.href(tag.url), name: tools.text(tag.name), count: tools.text(formatArticleCount(tag.count)) })),
    cloud: true,
  })
}

// Author pages (everyone named in a byline, with their articles) and the author index.
import { pinyin } from 'pinyin-pro'
import type { SiteConfig } from '../config.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatArticleCount } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import { listView } from './list-view.ts'
import { paginate } from './pagination.ts'
import type { AuthorIndexRoute, AuthorRoute } from './route-types.ts'

/** Routes for every page of every author. */
export function authorRoutes(archive: Archive, config: SiteConfig): AuthorRoute[] {
  return archive.authors.flatMap(({ ref, entries }) =>
    paginate(entries, config.pageSize, ref.url).map((page): AuthorRoute => ({
      kind: 'author',
      url: page.url,
      template: 'list.njk',
      dependsOn: page.entries.map((entry) => entry.id),
      author: ref,
      count: entries.length,
      entries: page.entries,
      pagination: page.pagination,
    })),
  )
}

/** The author index, in pinyin order of the names as a Chinese reader looks them up. */
export function authorIndexRoute(archive: Archive, _config: SiteConfig): AuthorIndexRoute {
  const sortKey = (name: string) => pinyin(name, { toneType: 'num', surname: 'head', separator: ' ' })
  const authors = [...archive.authors].sort((a, b) => {
    const ka = sortKey(a.ref.name)
    const kb = sortKey(b.ref.name)
    return ka < kb ? -1 : ka > kb ? 1 : a.ref.name < b.ref.name ? -1 : 1
  })
  return {
    kind: 'author-index',
    url: 'authors/',
    template: 'index-list.njk',
    dependsOn: [...new Set(authors.flatMap((author) => author.entries.map((entry) => entry.id)))],
    authors: authors.map((author) => ({ name: author.ref.name, url: author.ref.url, count: author.entries.length })),
  }
}

/** Render one page of an author's articles. */
export function renderAuthor(route: AuthorRoute, ctx: RenderContext): SiteFile[] {
  return listView(route, ctx, route.author.name, route.count)
}

/** Render the author index. */
export function renderAuthorIndex(route: AuthorIndexRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  return renderPage(route, ctx, { title: tools.t.allAuthors }, {
    title: tools.t.allAuthors,
    items: route.authors.map((author) => ({ href: tools.href(author.url), name: tools.text(author.name), count: tools.text(formatArticleCount(author.count)) })),
    cloud: false,
  })
}

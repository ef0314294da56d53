// Long lists (a tag's or an author's articles) split into pages of `pageSize`.
import type { ArticleEntry, Pagination } from './route-types.ts'
import { paginatedUrl } from './urls.ts'

export interface ListPage {
  url: string
  entries: ArticleEntry[]
  pagination: Pagination
}

/** Split `entries` into pages under `url` (`url`, `url/page/2/`, …); an empty list still has its first page. */
export function paginate(entries: ArticleEntry[], pageSize: number, url: string): ListPage[] {
  const pageCount = Math.max(1, Math.ceil(entries.length / pageSize))
  return Array.from({ length: pageCount }, (_, index) => {
    const pageNumber = index + 1
    return {
      url: paginatedUrl(url, pageNumber),
      entries: entries.slice(index * pageSize, pageNumber * pageSize),
      pagination: {
        pageNumber,
        pageCount,
        prevUrl: pageNumber > 1 ? paginatedUrl(url, pageNumber - 1) : null,
        nextUrl: pageNumber < pageCount ? paginatedUrl(url, pageNumber + 1) : null,
      },
    }
  })
}

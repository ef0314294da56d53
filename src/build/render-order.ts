// The order a one-thread build renders its pages in: by date, so that the pages showing an article
// come near each other.
import type { Route } from '../site/index.ts'
import type { ArticleRecord } from '../types.ts'

/**
 * `routeIndexes` sorted by the issue date of the first article each route shows: an article page's
 * own, a list's first entry (routes that show none first, ties in plan order). The plan lists every
 * tag's pages after all articles, and a tag's pages run through the archive from its newest article
 * to its oldest: a build whose memos of cards and converted heads hold fewer articles than the
 * archive made most of them again. In this order an article page, its issue and the tag and author
 * pages listing it come close together, while its card is still held. (The newest article shown
 * would not do: an article page shows related articles from any year.) With memos of 3,000 for
 * 10,000 articles on one thread, the plan's order took 32.2 s and this one 22.7 s; with memos of
 * 30,000, which hold them all, 24.9–25.4 s and 22.1–22.9 s.
 */
export function byDateShown(routes: readonly Route[], routeIndexes: readonly number[], articleRecords: readonly ArticleRecord[]): number[] {
  const dateById = new Map(articleRecords.map((record) => [record.id, record.issueDate]))
  const dateOf = (routeIndex: number) => {
    const first = (routes[routeIndex] as Route).dependsOn[0]
    return first === undefined ? '' : (dateById.get(first) ?? '')
  }
  const dates = new Map(routeIndexes.map((routeIndex) => [routeIndex, dateOf(routeIndex)]))
  // Array.prototype.sort is stable: routes of one date keep the plan's order.
  return [...routeIndexes].sort((a, b) => {
    const dateA = dates.get(a) as string
    const dateB = dates.get(b) as string
    return dateA < dateB ? -1 : dateA > dateB ? 1 : 0
  })
}

// Issue pages: the day's paper, its pages in order with their articles.
import type { SiteConfig } from '../config.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatDate, formatPage } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import type { IssueRef, IssueRoute } from './route-types.ts'
import { issueUrl } from './urls.ts'
import { articleCard } from './views.ts'

/** One route per issue date, linked to the issues before and after it. */
export function issueRoutes(archive: Archive, _config: SiteConfig): IssueRoute[] {
  const dates = [...archive.issues.keys()]
  const ref = (date: string | undefined): IssueRef | null => (date === undefined ? null : { date, url: issueUrl(date) })
  return dates.map((date, index) => {
    const pages = archive.issues.get(date) ?? []
    return {
      kind: 'issue',
      url: issueUrl(date),
      template: 'issue.njk',
      dependsOn: pages.flatMap((page) => page.articles.map((entry) => entry.id)),
      issue: { date, url: issueUrl(date) },
      pages,
      prevIssue: ref(dates[index - 1]),
      nextIssue: ref(dates[index + 1]),
    }
  })
}

/** Render an issue page. */
export function renderIssue(route: IssueRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const title = tools.text(`${ctx.config.paper} ${formatDate(route.issue.date)}`)
  const issueLink = (issue: IssueRef | null) => (issue ? { href: tools.href(issue.url), label: tools.text(formatDate(issue.date)) } : null)
  return renderPage(
    route,
    ctx,
    { title, description: tools.text(`${ctx.config.paper} ${formatDate(route.issue.date)}`), prevUrl: route.prevIssue?.url, nextUrl: route.nextIssue?.url },
    {
      title,
      isoDate: route.issue.date,
      pages: route.pages.map((page) => ({ id: `page-${page.page}`, label: tools.text(formatPage(page.page)), articles: page.articles.map((entry) => articleCard(entry, tools)) })),
      prevIssue: issueLink(route.prevIssue),
      nextIssue: issueLink(route.nextIssue),
    },
  )
}

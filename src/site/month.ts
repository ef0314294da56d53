// Month pages: the month's calendar and a list of its issues with their articles.
import type { SiteConfig } from '../config.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatDate, formatMonth } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import type { MonthRoute } from './route-types.ts'
import { issueUrl, monthUrl } from './urls.ts'
import { articleCard } from './views.ts'
import { calendarView } from './year.ts'

/** One route per month that has issues, linked to the neighbouring months that have issues. */
export function monthRoutes(archive: Archive, _config: SiteConfig): MonthRoute[] {
  const months = new Map<string, string[]>()
  for (const date of archive.issues.keys()) {
    const key = date.slice(0, 7)
    months.set(key, [...(months.get(key) ?? []), date])
  }
  const keys = [...months.keys()]
  const neighbour = (key: string | undefined) => (key === undefined ? null : { year: key.slice(0, 4), month: key.slice(5, 7), url: monthUrl(key.slice(0, 4), key.slice(5, 7)) })
  return keys.map((key, index) => {
    const issues = (months.get(key) ?? []).map((date) => ({ issue: { date, url: issueUrl(date) }, articles: (archive.issues.get(date) ?? []).flatMap((page) => page.articles) }))
    return {
      kind: 'month',
      url: monthUrl(key.slice(0, 4), key.slice(5, 7)),
      template: 'month.njk',
      dependsOn: issues.flatMap((issue) => issue.articles.map((entry) => entry.id)),
      year: key.slice(0, 4),
      month: key.slice(5, 7),
      issues,
      prevMonth: neighbour(keys[index - 1]),
      nextMonth: neighbour(keys[index + 1]),
    }
  })
}

/** Render a month page. */
export function renderMonth(route: MonthRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const title = tools.text(formatMonth(route.year, route.month))
  const monthLink = (other: MonthRoute['prevMonth']) => (other ? { href: tools.href(other.url), label: tools.text(formatMonth(other.year, other.month)) } : null)
  const dates = new Set(route.issues.map((issue) => issue.issue.date))
  return renderPage(route, ctx, { title, prevUrl: route.prevMonth?.url, nextUrl: route.nextMonth?.url }, {
    title,
    monthCalendar: calendarView(route.year, route.month, dates, tools, null),
    issues: route.issues.map((issue) => ({
      href: tools.href(issue.issue.url),
      label: tools.text(formatDate(issue.issue.date)),
      isoDate: issue.issue.date,
      articles: issue.articles.map((entry) => articleCard(entry, tools)),
    })),
    prevMonth: monthLink(route.prevMonth),
    nextMonth: monthLink(route.nextMonth),
  })
}

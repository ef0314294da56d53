// Year pages (twelve month calendars, issue days linked) and the archive page listing the years.
import type { SiteConfig } from '../config.ts'
import type { Archive } from './archive.ts'
import { monthGrid } from './calendar.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatArticleCount, formatIssueCount, formatMonth, formatYear } from './labels.ts'
import { pageTools, renderPage, type PageTools } from './layout.ts'
import type { ArchiveRoute, IssueRef, YearRoute } from './route-types.ts'
import { issueUrl, monthUrl, yearUrl } from './urls.ts'

/** Issue dates grouped by year, oldest first. */
function issuesByYear(archive: Archive): Map<string, string[]> {
  const years = new Map<string, string[]>()
  for (const date of archive.issues.keys()) {
    const year = date.slice(0, 4)
    years.set(year, [...(years.get(year) ?? []), date])
  }
  return years
}

/** Ids of the articles of the given issues. */
function idsOf(archive: Archive, dates: string[]): string[] {
  return dates.flatMap((date) => (archive.issues.get(date) ?? []).flatMap((page) => page.articles.map((entry) => entry.id)))
}

/** One route per year that has issues. */
export function yearRoutes(archive: Archive, _config: SiteConfig): YearRoute[] {
  const years = [...issuesByYear(archive)]
  return years.map(([year, dates], index) => {
    const prev = years[index - 1]?.[0]
    const next = years[index + 1]?.[0]
    return {
      kind: 'year',
      url: yearUrl(year),
      template: 'year.njk',
      dependsOn: idsOf(archive, dates),
      year,
      issues: dates.map((date): IssueRef => ({ date, url: issueUrl(date) })),
      prevYear: prev === undefined ? null : { year: prev, url: yearUrl(prev) },
      nextYear: next === undefined ? null : { year: next, url: yearUrl(next) },
    }
  })
}

/** The archive page: every year with its issue and article counts. */
export function archiveRoute(archive: Archive, _config: SiteConfig): ArchiveRoute {
  const years = [...issuesByYear(archive)].reverse()
  return {
    kind: 'archive',
    url: 'archive/',
    template: 'archive.njk',
    dependsOn: archive.entries.map((entry) => entry.id),
    years: years.map(([year, dates]) => ({ name: year, url: yearUrl(year), issueCount: dates.length, count: idsOf(archive, dates).length })),
  }
}

/** A month's calendar with its issue days linked; shared with the month page. */
export function calendarView(year: string, month: string, issueDates: Set<string>, tools: PageTools, monthHref: string | null) {
  return {
    caption: tools.text(formatMonth(year, month)),
    href: monthHref,
    weekdays: tools.t.weekdays.map((short, index) => ({ short, name: tools.t.weekdayNames[index] })),
    weeks: monthGrid(Number(year), Number(month)).map((week) =>
      week.map((cell) => ({ day: cell.day, isoDate: cell.isoDate, href: cell.isoDate !== null && issueDates.has(cell.isoDate) ? tools.href(issueUrl(cell.isoDate)) : null })),
    ),
  }
}

/** Render a year page: twelve month calendars. */
export function renderYear(route: YearRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const dates = new Set(route.issues.map((issue) => issue.date))
  const months = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'))
  const title = tools.text(formatYear(route.year))
  const yearLink = (other: { year: string; url: string } | null) => (other ? { href: tools.href(other.url), label: tools.text(formatYear(other.year)) } : null)
  return renderPage(route, ctx, { title, prevUrl: route.prevYear?.url, nextUrl: route.nextYear?.url }, {
    title,
    summary: tools.text(formatIssueCount(route.issues.length)),
    months: months.map((month) => {
      const hasIssues = route.issues.some((issue) => issue.date.startsWith(`${route.year}-${month}-`))
      return calendarView(route.year, month, dates, tools, hasIssues ? tools.href(monthUrl(route.year, month)) : null)
    }),
    prevYear: yearLink(route.prevYear),
    nextYear: yearLink(route.nextYear),
  })
}

/** Render the archive page. */
export function renderArchive(route: ArchiveRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  return renderPage(route, ctx, { title: tools.t.archive }, {
    title: tools.t.archive,
    years: route.years.map((year) => ({
      href: tools.href(year.url),
      label: tools.text(formatYear(year.name)),
      counts: tools.text(`${formatIssueCount(year.issueCount)} · ${formatArticleCount(year.count)}`),
    })),
  })
}

// The home page: the latest issue, recent articles, and ways into the archive.
import type { SiteConfig } from '../config.ts'
import type { Archive } from './archive.ts'
import { byNewest } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatArticleCount, formatDate, formatIssueCount, formatPage, formatYear } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import type { HomeRoute } from './route-types.ts'
import { issueUrl, yearUrl } from './urls.ts'
import { articleCard } from './views.ts'

const topTagCount = 24

/** The home route: latest issue in full, then the most recent articles of earlier issues. */
export function homeRoute(archive: Archive, config: SiteConfig): HomeRoute {
  const latestDate = [...archive.issues.keys()].at(-1) ?? null
  const latestPages = latestDate === null ? [] : (archive.issues.get(latestDate) ?? [])
  const recent = archive.entries
    .filter((entry) => entry.record.issueDate !== latestDate)
    .sort(byNewest)
    .slice(0, config.pageSize)
  const yearCounts = new Map<string, number>()
  for (const date of archive.issues.keys()) yearCounts.set(date.slice(0, 4), (yearCounts.get(date.slice(0, 4)) ?? 0) + 1)
  const topTags = [...archive.tags]
    .sort((a, b) => b.entries.length - a.entries.length || (a.ref.slug < b.ref.slug ? -1 : 1))
    .slice(0, topTagCount)
  return {
    kind: 'home',
    url: '',
    template: 'home.njk',
    dependsOn: [...latestPages.flatMap((page) => page.articles.map((entry) => entry.id)), ...recent.map((entry) => entry.id)],
    latestIssue: latestDate === null ? null : { date: latestDate, url: issueUrl(latestDate) },
    latestPages,
    recent,
    years: [...yearCounts].reverse().map(([year, count]) => ({ name: year, url: yearUrl(year), count })),
    topTags: topTags.map((tag) => ({ name: tag.ref.name, url: tag.ref.url, count: tag.entries.length })),
    authorCount: archive.authors.length,
  }
}

/** Render the home page. */
export function renderHome(route: HomeRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  return renderPage(route, ctx, { title: tools.text(ctx.config.title), description: tools.text(`${ctx.config.paper} ${ctx.config.title}`) }, {
    title: tools.text(ctx.config.title),
    latest:
      route.latestIssue === null
        ? null
        : {
            href: tools.href(route.latestIssue.url),
            label: tools.text(formatDate(route.latestIssue.date)),
            isoDate: route.latestIssue.date,
            pages: route.latestPages.map((page) => ({ label: tools.text(formatPage(page.page)), articles: page.articles.map((entry) => articleCard(entry, tools)) })),
          },
    recent: route.recent.map((entry) => articleCard(entry, tools)),
    years: route.years.map((year) => ({ href: tools.href(year.url), label: tools.text(formatYear(year.name)), count: tools.text(formatIssueCount(year.count)) })),
    tags: route.topTags.map((tag) => ({ href: tools.href(tag.url), name: tools.text(tag.name), count: tools.text(formatArticleCount(tag.count)) })),
    tagsHref: tools.href('tags/'),
    authorsHref: tools.href('authors/'),
    archiveHref: tools.href('archive/'),
    authorCount: route.authorCount,
  })
}

// Article pages: the text with its place in the paper, links around it, JSON-LD and Open Graph.
import type { SiteConfig } from '../config.ts'
import { renderArticleBody } from '../render/index.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatDate, formatPage } from './labels.ts'
import { pageTools, renderPage, type PageTools } from './layout.ts'
import type { ArticleEntry, ArticleRoute } from './route-types.ts'
import { relatedEntries } from './related.ts'
import { issueUrl } from './urls.ts'
import { articleCard, bylineViews, displayTitle, excerptSource } from './views.ts'

const relatedCount = 5

/** One route per article, with its neighbours in the issue, related articles and continued parts. */
export function articleRoutes(archive: Archive, _config: SiteConfig): ArticleRoute[] {
  const relatedByEntry = relatedEntries(archive.entries, relatedCount)
  return archive.entries.map((entry) => {
    const issueEntries = (archive.issues.get(entry.record.issueDate) ?? []).flatMap((page) => page.articles)
    const index = issueEntries.indexOf(entry)
    const prev = issueEntries[index - 1] ?? null
    const next = issueEntries[index + 1] ?? null
    const related = relatedByEntry.get(entry) ?? []
    const continuedFrom = continuedPart(entry, issueEntries, 'from')
    const continuedTo = continuedPart(entry, issueEntries, 'to')
    const linked = [prev, next, continuedFrom, continuedTo, ...related].filter((other): other is ArticleEntry => other !== null)
    return {
      kind: 'article',
      url: entry.url,
      template: 'article.njk',
      dependsOn: [...new Set([entry.id, ...linked.map((other) => other.id)])],
      entry,
      issue: { date: entry.record.issueDate, url: issueUrl(entry.record.issueDate) },
      prev,
      next,
      related,
      continuedFrom,
      continuedTo,
    }
  })
}

/**
 * The other part of a continued article in the same issue: on the page it names, pointing back at this page.
 * Among several candidates the one with the same headline wins; an undecidable case links nothing.
 */
function continuedPart(entry: ArticleEntry, issueEntries: ArticleEntry[], direction: 'from' | 'to'): ArticleEntry | null {
  const { record } = entry
  const page = direction === 'from' ? record.continuedFrom : record.continuedTo
  if (page === null) return null
  const candidates = issueEntries.filter(
    (other) => other !== entry && other.record.page === page && (direction === 'from' ? other.record.continuedTo : other.record.continuedFrom) === record.page,
  )
  if (candidates.length === 1) return candidates[0]!
  return candidates.find((other) => other.record.headline !== null && other.record.headline === record.headline) ?? null
}

/** Render an article page. */
export function renderArticle(route: ArticleRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const { entry } = route
  // Text in the variant's script; URLs, ids and author links stay the source's.
  const record = tools.inScript(entry.record)
  const partHref = (part: ArticleEntry | null, page: number) => (part && part.record.page === page ? tools.href(part.url) : null)
  const body = renderArticleBody(record, {
    convert: (text) => text,
    typography: ctx.config.typography,
    continuationHref: (direction, page) => partHref(direction === 'from' ? route.continuedFrom : route.continuedTo, page),
  })
  const title = tools.recordText(displayTitle(record))
  const description = tools.recordProse(excerptSource(record, 120))
  const neighbour = (other: ArticleEntry | null) => (other ? { href: tools.href(other.url), title: tools.recordText(displayTitle(tools.inScript(other.record))) } : null)
  return renderPage(
    route,
    ctx,
    {
      title,
      description,
      ogType: 'article',
      meta: [{ property: 'article:published_time', content: record.issueDate }, ...entry.tags.map((tag) => ({ property: 'article:tag', content: tools.text(tag.name) }))],
      jsonLd: articleJsonLd(route, ctx, tools, title, description),
    },
    {
      article: {
        title,
        brief: record.headline === null,
        kicker: record.kicker === null ? null : tools.recordText(record.kicker),
        subheadline: record.subheadline === null || record.headline === null ? null : tools.recordText(record.subheadline),
        bylines: bylineViews(entry, tools),
        date: tools.text(formatDate(record.issueDate)),
        isoDate: record.issueDate,
        page: tools.text(formatPage(record.page)),
        issueHref: tools.href(route.issue.url),
        body,
        tags: entry.tags.map((tag) => ({ name: tools.text(tag.name), href: tools.href(tag.url) })),
      },
      prev: neighbour(route.prev),
      next: neighbour(route.next),
      related: route.related.map((other) => articleCard(other, tools)),
    },
  )
}

/** NewsArticle JSON-LD, serialized so that no `</script>` or `<!--` inside text can end the script element. */
function articleJsonLd(route: ArticleRoute, ctx: RenderContext, tools: PageTools, headline: string, description: string): string {
  const { record } = route.entry
  const publisher = { '@type': 'NewsMediaOrganization', name: tools.text(ctx.config.paper), url: tools.absolute('') }
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    description,
    datePublished: record.issueDate,
    inLanguage: ctx.variant.lang,
    author: route.entry.authors.map((author) => ({ '@type': 'Person', name: tools.text(author.name), url: tools.absolute(author.url) })),
    publisher,
    isPartOf: { '@type': 'PublicationIssue', datePublished: record.issueDate, url: tools.absolute(route.issue.url), isPartOf: { '@type': 'Periodical', name: publisher.name } },
    pagination: String(record.page),
    keywords: route.entry.tags.map((tag) => tools.text(tag.name)),
    mainEntityOfPage: { '@type': 'WebPage', '@id': tools.absolute(route.url) },
    url: tools.absolute(route.url),
  }
  return safeJson(data)
}

/** JSON for an inline `<script>`: `<`, `>`, `&` and the JS line separators escaped as \u sequences. */
export function safeJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

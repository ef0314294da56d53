// Article pages: the text with its place in the paper, links around it, JSON-LD and Open Graph.
import type { SiteConfig } from '../config.ts'
import { renderStoryBody } from '../render/index.ts'
import type { Archive } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatDate, formatPage, formatPages, labels } from './labels.ts'
import { pageTools, renderPage, type PageTools } from './layout.ts'
import type { ArticleEntry, ArticleRoute, StoryRef } from './route-types.ts'
import { renderStoryPart } from './story-part.ts'
import { relatedEntries } from './related.ts'
import { issueUrl } from './urls.ts'
import { articleCard, bylineViews, displayTitle, excerptSource } from './views.ts'

const relatedCount = 5

/** One route per article, with its neighbours in the issue, related articles and the story it is a part of. */
export function articleRoutes(archive: Archive, _config: SiteConfig, stories: ReadonlyMap<string, StoryRef>): ArticleRoute[] {
  // A few more than shown: a story's own parts are left out of its related articles.
  const relatedByEntry = relatedEntries(archive.entries, relatedCount + 2)
  // Each article's neighbours in its issue, in reading order across the issue's pages.
  const neighbours = new Map<ArticleEntry, { prev: ArticleEntry | null; next: ArticleEntry | null }>()
  for (const pages of archive.issues.values()) {
    const issueEntries = pages.flatMap((page) => page.articles)
    issueEntries.forEach((entry, index) => neighbours.set(entry, { prev: issueEntries[index - 1] ?? null, next: issueEntries[index + 1] ?? null }))
  }
  return archive.entries.map((entry) => {
    const { prev, next } = neighbours.get(entry) ?? { prev: null, next: null }
    const story = stories.get(entry.id) ?? null
    const related = (relatedByEntry.get(entry) ?? []).filter((other) => !story?.parts.includes(other)).slice(0, relatedCount)
    const partIndex = story ? story.parts.indexOf(entry) : -1
    const continuedFrom = story?.parts[partIndex - 1] ?? null
    const continuedTo = story?.parts[partIndex + 1] ?? null
    const linked = [prev, next, ...(story?.parts ?? []), ...related].filter((other): other is ArticleEntry => other !== null)
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
      story,
      continuedFrom,
      continuedTo,
    }
  })
}

/** Render an article page: a story's first part shows the whole story, a later part a short page linking there. */
export function renderArticle(route: ArticleRoute, ctx: RenderContext): SiteFile[] {
  const { entry, story } = route
  if (story && story.parts[0] !== entry) return renderStoryPart(route, story, ctx)
  const tools = pageTools(ctx)
  const parts = story?.parts ?? [entry]
  // Text in the variant's script; URLs, ids and author links stay the source's.
  const record = tools.inScript(entry.record)
  const body = renderStoryBody(
    parts.map((part) => tools.inScript(part.record)),
    {
      convert: (text) => text,
      typography: ctx.config.typography,
      // Notes at the story's edges point at pages the archive lacks: no link (the page says so below).
      continuationHref: () => null,
      partHref: (index) => tools.href(parts[index]!.url),
    },
  )
  const missing = (direction: 'from' | 'to') => {
    const gap = story?.missing.find((candidate) => candidate.direction === direction)
    return gap ? tools.text((direction === 'from' ? labels.continuedFromMissing : labels.continuedToMissing).replace('{page}', formatPage(gap.page))) : null
  }
  const tags = [...new Set(parts.flatMap((part) => part.tags))]
  const title = tools.recordText(displayTitle(record))
  const description = tools.recordProse(excerptSource(record, 120))
  const neighbour = (other: ArticleEntry | null) => (other ? { href: tools.href(other.url), title: tools.recordText(displayTitle(tools.headInScript(other.record))) } : null)
  return renderPage(
    route,
    ctx,
    {
      title,
      description,
      ogType: 'article',
      meta: [{ property: 'article:published_time', content: record.issueDate }, ...tags.map((tag) => ({ property: 'article:tag', content: tools.text(tag.name) }))],
      jsonLd: articleJsonLd(route, ctx, tools, title, description),
    },
    {
      article: {
        title,
        brief: record.headline === null,
        kicker: record.kicker === null ? null : tools.recordText(record.kicker),
        subheadline: record.subheadline === null || record.headline === null ? null : tools.recordText(record.subheadline),
        bylines: parts.flatMap((part) => bylineViews(part, tools)),
        date: tools.text(formatDate(record.issueDate)),
        isoDate: record.issueDate,
        page: tools.text(formatPages(parts.map((part) => part.record.page))),
        issueHref: tools.href(route.issue.url),
        body,
        missingFrom: missing('from'),
        missingTo: missing('to'),
        tags: tags.map((tag) => ({ name: tools.text(tag.name), href: tools.href(tag.url) })),
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
    author: [...new Set((route.story?.parts ?? [route.entry]).flatMap((part) => part.authors))].map((author) => ({ '@type': 'Person', name: tools.text(author.name), url: tools.absolute(author.url) })),
    publisher,
    isPartOf: { '@type': 'PublicationIssue', datePublished: record.issueDate, url: tools.absolute(route.issue.url), isPartOf: { '@type': 'Periodical', name: publisher.name } },
    pagination: (route.story?.parts ?? [route.entry]).map((part) => part.record.page).join(','),
    keywords: [...new Set((route.story?.parts ?? [route.entry]).flatMap((part) => part.tags))].map((tag) => tools.text(tag.name)),
    mainEntityOfPage: { '@type': 'WebPage', '@id': tools.absolute(route.url) },
    url: tools.absolute(route.url),
  }
  return safeJson(data)
}

/** JSON for an inline `<script>`: `<`, `>`, `&` and the JS line separators escaped as \u sequences. */
export function safeJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// The site stage: records → routes (planSite, pure) and route → files (renderRoute).
import type { VFileMessage } from 'vfile-message'
import type { SiteConfig } from '../config.ts'
import type { ArticleRecord } from '../types.ts'
import { buildArchive, conflictMessage, type Origin } from './archive.ts'
import { articleRoutes, renderArticle } from './article.ts'
import { authorIndexRoute, authorRoutes, renderAuthor, renderAuthorIndex } from './author.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { feedsRoute, renderFeeds } from './feeds.ts'
import { homeRoute, renderHome } from './home.ts'
import { issueRoutes, renderIssue } from './issue.ts'
import { monthRoutes, renderMonth } from './month.ts'
import { notFoundRoute, renderNotFound } from './not-found.ts'
import { renderRobots, robotsRoute } from './robots.ts'
import type { ArticleEntry, Route } from './route-types.ts'
import { renderSearch, searchRoute } from './search-page.ts'
import { renderSitemap, sitemapRoute } from './sitemap.ts'
import { siteStories } from './stories.ts'
import { renderTag, renderTagIndex, tagIndexRoute, tagRoutes } from './tag.ts'
import type { TagVocabulary } from './vocabulary.ts'
import { archiveRoute, renderArchive, renderYear, yearRoutes } from './year.ts'

export { cardMacroTemplate } from './card-global.ts'
export { createRenderContext, createTemplates, defaultTemplatesDir, simplifiedVariant, type RenderContext, type SiteFile, type Variant } from './context.ts'
export type * from './route-types.ts'
export { emptyVocabulary, parseVocabulary, type AuthorDefinition, type TagDefinition, type TagVocabulary } from './vocabulary.ts'
export { articleUrl, outputPath, pinyinSlug } from './urls.ts'
export { articleTags, restoreTags, storedTags, type StoredTags } from './tags.ts'
export { searchPageUrl } from './search-page.ts'

/** Records → every route of the site, and the entries they show; URL conflicts and bad slugs come back as fatal messages with `file` set. */
export function planSite(articleRecords: ArticleRecord[], config: SiteConfig, vocabulary: TagVocabulary): { routes: Route[]; messages: VFileMessage[]; entries: ArticleEntry[] } {
  const archive = buildArchive(articleRecords, vocabulary)
  const messages = [...archive.messages]
  const stories = siteStories(archive)
  const articles = articleRoutes(archive, config, stories)
  const routesByUrl = new Map<string, { route: Route; origin: Origin | null }>()
  const routes: Route[] = []
  const add = (route: Route) => {
    const origin = route.kind === 'article' ? { file: route.entry.record.source, line: route.entry.record.sourceLines[0] } : null
    const holder = routesByUrl.get(route.url)
    if (holder) {
      const where = (o: Origin | null) => (o ? `${o.file}:${o.line}` : `the ${holder.route.kind} page`)
      messages.push(
        conflictMessage(
          `Two sources want the URL \`/${route.url}\`: ${where(holder.origin)} and ${where(origin)}; give one of them another \`slug\` in its front matter`,
          origin ?? holder.origin ?? { file: 'articles', line: 1 },
          'news-archive:url-collision',
        ),
      )
      return
    }
    routesByUrl.set(route.url, { route, origin })
    routes.push(route)
  }
  for (const route of [homeRoute(archive, config), ...articles, ...issueRoutes(archive, config), ...monthRoutes(archive, config), ...yearRoutes(archive, config), archiveRoute(archive, config)]) add(route)
  for (const route of [tagIndexRoute(archive, config), ...tagRoutes(archive, config), authorIndexRoute(archive, config), ...authorRoutes(archive, config), searchRoute(archive)]) add(route)
  for (const route of [notFoundRoute(config), feedsRoute(archive, config, stories), robotsRoute()]) add(route)
  add(sitemapRoute(routes))
  return { routes, messages, entries: archive.entries }
}

/**
 * The records a page shows whole (text and all); every other record on a page is shown as a list
 * shows it, by its head (src/variants/head.ts): an edit past an article's head changes only these pages.
 */
export function recordsShownWhole(route: Route): ArticleRecord[] {
  if (route.kind === 'article') return route.story === null ? [route.entry.record] : [route.entry.record, ...route.story.parts.map((part) => part.record)]
  if (route.kind === 'feeds') return [...route.entries, ...Object.values(route.stories).flatMap((story) => story.parts)].map((entry) => entry.record)
  return []
}

/** One route → its files, in the context's variant (pure apart from Nunjucks reading templates/). */
export function renderRoute(route: Route, context: RenderContext): SiteFile[] {
  switch (route.kind) {
    case 'home':
      return renderHome(route, context)
    case 'article':
      return renderArticle(route, context)
    case 'issue':
      return renderIssue(route, context)
    case 'month':
      return renderMonth(route, context)
    case 'year':
      return renderYear(route, context)
    case 'archive':
      return renderArchive(route, context)
    case 'tag-index':
      return renderTagIndex(route, context)
    case 'tag':
      return renderTag(route, context)
    case 'author-index':
      return renderAuthorIndex(route, context)
    case 'author':
      return renderAuthor(route, context)
    case 'search':
      return renderSearch(route, context)
    case 'not-found':
      return renderNotFound(route, context)
    case 'feeds':
      return renderFeeds(route, context)
    case 'sitemap':
      return renderSitemap(route, context)
    case 'robots':
      return renderRobots(route, context)
  }
}

// Atom, RSS and JSON Feed of the most recent articles, via the `feed` package.
import { Feed } from 'feed'
import type { SiteConfig } from '../config.ts'
import { renderArticleBody } from '../render/index.ts'
import type { Archive } from './archive.ts'
import { byNewest } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { pageTools } from './layout.ts'
import type { FeedsRoute } from './route-types.ts'
import { displayTitle, excerptSource } from './views.ts'

/** The feeds route: the newest `feedSize` articles. */
export function feedsRoute(archive: Archive, config: SiteConfig): FeedsRoute {
  const entries = [...archive.entries].sort(byNewest).slice(0, config.feedSize)
  return { kind: 'feeds', url: 'feed.xml', template: null, dependsOn: entries.map((entry) => entry.id), entries, updated: entries[0]?.record.issueDate ?? null }
}

/** A calendar date in the paper's time zone (Beijing time, UTC+8, no daylight saving). */
function paperDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`)
}

/** Render feed.xml (Atom), rss.xml and feed.json. */
export function renderFeeds(route: FeedsRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const prefix = ctx.variant.prefix
  const feed = new Feed({
    id: tools.absolute(''),
    title: tools.text(ctx.config.title),
    description: tools.text(ctx.config.paper),
    link: tools.absolute(''),
    language: ctx.variant.lang,
    favicon: tools.absolute('favicon.svg', ctx.variants[0]),
    copyright: tools.text(ctx.config.paper),
    // The newest issue's date, never the build time: two builds of one input are byte-identical.
    updated: paperDate(route.updated ?? '1970-01-01'),
    generator: 'news-archive',
    feedLinks: { atom: tools.absolute('feed.xml'), rss: tools.absolute('rss.xml'), json: tools.absolute('feed.json') },
  })
  for (const entry of route.entries) {
    const record = tools.inScript(entry.record)
    feed.addItem({
      title: tools.recordText(displayTitle(record)),
      id: tools.absolute(entry.url),
      link: tools.absolute(entry.url),
      date: paperDate(record.issueDate),
      published: paperDate(record.issueDate),
      description: tools.recordProse(excerptSource(record, 160)),
      content: renderArticleBody(record, {
        convert: (text) => text,
        typography: ctx.config.typography,
        continuationHref: () => null,
      }),
      // `feed` reads the first author of any array it is given: an article without a byline gives none.
      author: entry.authors.length === 0 ? undefined : entry.authors.map((author) => ({ name: tools.text(author.name), link: tools.absolute(author.url) })),
      category: entry.tags.map((tag) => ({ name: tools.text(tag.name), domain: tools.absolute(tag.url) })),
    })
  }
  return [
    // `feed` writes no language into Atom (xml:lang) or JSON Feed (1.1's `language`); readers need it to pick a font and voice.
    { path: `${prefix}feed.xml`, contents: feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.variant.lang}">`) },
    { path: `${prefix}rss.xml`, contents: feed.rss2() },
    { path: `${prefix}feed.json`, contents: jsonFeed11(feed.json1(), ctx.variant.lang) },
  ]
}

/** `feed`'s JSON Feed 1 as JSON Feed 1.1: the feed's language, and `authors` lists in place of `author`. */
function jsonFeed11(json1: string, language: string): string {
  const { version: _version, items, ...rest } = JSON.parse(json1) as { version: string; items: ({ author?: unknown } & Record<string, unknown>)[] }
  const upgraded = {
    version: 'https://jsonfeed.org/version/1.1',
    ...rest,
    language,
    items: items.map(({ author, ...item }) => (author === undefined ? item : { ...item, authors: Array.isArray(author) ? author : [author] })),
  }
  return JSON.stringify(upgraded, null, 4)
}

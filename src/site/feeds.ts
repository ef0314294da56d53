// Atom, RSS and JSON Feed of the most recent articles, via the `feed` package.
import { Feed } from 'feed'
import type { SiteConfig } from '../config.ts'
import { partId, renderStoryBody } from '../render/index.ts'
import type { Archive } from './archive.ts'
import { byNewest } from './archive.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { pageTools } from './layout.ts'
import { formatPage, labels } from './labels.ts'
import type { ArticleEntry, FeedsRoute, StoryRef } from './route-types.ts'
import { displayTitle, excerptSource } from './views.ts'

/** The feeds route: the newest `feedSize` articles, with the stories they are parts of. */
export function feedsRoute(archive: Archive, config: SiteConfig, storyById: ReadonlyMap<string, StoryRef>): FeedsRoute {
  const entries = [...archive.entries].sort(byNewest).slice(0, config.feedSize)
  const stories: Record<string, StoryRef> = {}
  for (const entry of entries) {
    const story = storyById.get(entry.id)
    if (story) stories[entry.id] = story
  }
  const dependsOn = new Set([...entries, ...Object.values(stories).flatMap((story) => story.parts)].map((entry) => entry.id))
  return { kind: 'feeds', url: 'feed.xml', template: null, dependsOn: [...dependsOn], entries, stories, updated: entries[0]?.record.issueDate ?? null }
}

/** A calendar date in the paper's time zone (Beijing time, UTC+8, no daylight saving). */
function paperDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`)
}

/** Render feed.xml (Atom), rss.xml and feed.json. */
export function renderFeeds(route: FeedsRoute, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const prefix = ctx.variant.prefix
  const items = route.entries.map((entry) => {
    const record = tools.inScript(entry.record)
    return {
      title: tools.recordText(displayTitle(record)),
      id: tools.absolute(entry.url),
      link: tools.absolute(entry.url),
      date: paperDate(record.issueDate),
      published: paperDate(record.issueDate),
      description: tools.recordProse(excerptSource(record, 160)),
      content: itemContent(entry, route.stories[entry.id], ctx),
      // `feed` reads the first author of any array it is given: an article without a byline gives none.
      author: entry.authors.length === 0 ? undefined : entry.authors.map((author) => ({ name: tools.text(author.name), link: tools.absolute(author.url) })),
      category: entry.tags.map((tag) => ({ name: tools.text(tag.name), domain: tools.absolute(tag.url) })),
    }
  })
  const feedOf = (itemText: (text: string) => string) => {
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
    for (const item of items) feed.addItem({ ...item, title: itemText(item.title), description: itemText(item.description) })
    return feed
  }
  // Atom writes an entry's title and summary as type="html", and RSS readers read title and description as
  // HTML: plain text goes in escaped, or a headline holding `<script>` would be markup to a feed reader.
  // JSON Feed's title and summary are plain text and stay as they are.
  const xmlFeed = feedOf(escapeHtml)
  return [
    // `feed` writes no language into Atom (xml:lang) or JSON Feed (1.1's `language`); readers need it to pick a font and voice.
    { path: `${prefix}feed.xml`, contents: escapeAttributeLt(xmlFeed.atom1()).replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.variant.lang}">`) },
    { path: `${prefix}rss.xml`, contents: escapeAttributeLt(xmlFeed.rss2()) },
    { path: `${prefix}feed.json`, contents: jsonFeed11(feedOf((text) => text).json1(), ctx.variant.lang) },
  ]
}

/** Plain text as HTML text: what an HTML reader decodes back to the same characters. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`)
}

/**
 * `<` in category attributes as `&lt;`: `feed` escapes only `&` and `"` in attribute values, and a raw `<`
 * (a tag named `<script>` in Atom's `<category label>`) makes the whole document malformed XML that
 * readers reject. A value holds no raw `"` (`feed` writes `&quot;`), so `"[^"]*"` is one whole value.
 */
function escapeAttributeLt(xml: string): string {
  return xml.replace(/(<category)((?:\s+[\w:.-]+="[^"]*")+)(\s*\/?>)/g, (_tag, open: string, attributes: string, close: string) => `${open}${attributes.replace(/</g, '&lt;')}${close}`)
}

/** An item's HTML: the whole story for an article or a story's first part, a link to the story for a later part. */
function itemContent(entry: ArticleEntry, story: StoryRef | undefined, ctx: RenderContext): string {
  const tools = pageTools(ctx)
  const head = story?.parts[0] ?? entry
  if (head !== entry) {
    const link = `<a href="${tools.absolute(head.url)}#${partId(story!.parts.indexOf(entry))}">${escapeHtml(tools.text(labels.readWholeStory))}</a>`
    const title = tools.recordText(displayTitle(tools.headInScript(head.record)))
    return `<p>${escapeHtml(tools.text(labels.storyPart.replace('{page}', formatPage(entry.record.page)))).replace('{title}', escapeHtml(title))}${link}</p>`
  }
  return renderStoryBody(
    (story?.parts ?? [entry]).map((part) => tools.inScript(part.record)),
    { convert: (text) => text, typography: ctx.config.typography, continuationHref: () => null, partHref: () => null },
  )
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

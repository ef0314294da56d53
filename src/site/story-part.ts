// The page of a story's later part: its place in the printed issue, and a link to the story shown whole.
// A short page rather than a redirect: it keeps the part's place in the issue (page, neighbours, issue
// link) for readers who come from the issue's page list, and it asks nothing of the browser.
import type { Paragraph, PhrasingContent } from 'mdast'
import { u } from 'unist-builder'
import { mdastToHtml, partId } from '../render/index.ts'
import { leadingContinuation } from '../render/continuation.ts'
import type { ArticleRecord } from '../types.ts'
import type { RenderContext, SiteFile } from './context.ts'
import { formatDate, formatPage, labels } from './labels.ts'
import { pageTools, renderPage } from './layout.ts'
import type { ArticleEntry, ArticleRoute, StoryRef } from './route-types.ts'
import { bylineViews, displayTitle } from './views.ts'

/** Render the short page of a later part of `story`: heading, place in the paper, and where to read it whole. */
export function renderStoryPart(route: ArticleRoute, story: StoryRef, ctx: RenderContext): SiteFile[] {
  const tools = pageTools(ctx)
  const { entry } = route
  const record = tools.inScript(entry.record)
  const head = story.parts[0]!
  const headRecord = tools.headInScript(head.record)
  const index = story.parts.indexOf(entry)
  const storyTitle = displayTitle(headRecord)
  const storyHref = tools.href(head.url)
  const convert = ctx.variant.convert
  const previous = story.parts[index - 1]!
  // The note the part opens with, linked to the story's page: what the printed page points back to.
  const note = u('paragraph', { data: { hProperties: { className: ['continuation'] } } }, [
    u('link', { url: storyHref, data: { hProperties: { className: ['continuation-link'] } } }, [u('text', fromNote(record, previous.record.page))]),
  ]) satisfies Paragraph
  const notice: PhrasingContent[] = [
    // The label is converted, the title is already in the variant's script.
    u('text', convert(labels.storyPart.replace('{page}', formatPage(entry.record.page))).replace('{title}', storyTitle)),
    u('link', { url: `${storyHref}#${partId(index)}` }, [u('text', convert(labels.readWholeStory))]),
  ]
  const body = mdastToHtml(u('root', [note, u('paragraph', notice)]), { typography: ctx.config.typography })
  const title = tools.recordText(displayTitle(record))
  const neighbour = (other: ArticleEntry | null) => (other ? { href: tools.href(other.url), title: tools.recordText(displayTitle(tools.headInScript(other.record))) } : null)
  return renderPage(route, ctx, { title, description: tools.recordText(`${storyTitle} (${formatPage(entry.record.page)})`) }, {
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
      missingFrom: null,
      missingTo: null,
      tags: [],
    },
    prev: neighbour(route.prev),
    next: neighbour(route.next),
    related: [],
  })
}

/** The `(上接第N版)` note the part opens with, as printed, or one in the paper's wording. */
function fromNote(record: ArticleRecord, page: number): string {
  const marker = record.continuationMarkers.find((candidate) => candidate.direction === 'from' && candidate.page === page)
  if (marker) return marker.text
  const first = record.sections.flatMap((section) => section.paragraphs)[0]
  const note = first === undefined ? null : leadingContinuation(first)
  return note?.direction === 'from' && note.page === page ? note.text : `(上接第${page}版)`
}

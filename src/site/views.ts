// View models shared by page kinds: an article as a list item, bylines with author links.
import { boundedMemo, type Memo } from '../bounded-memo.ts'
import { leadingContinuation, trailingContinuation } from '../render/continuation.ts'
import { foldScript } from '../search/fold.ts'
import type { ArticleRecord } from '../types.ts'
import { formatDate, formatPage } from './labels.ts'
import type { PageTools } from './layout.ts'
import type { ArticleEntry, AuthorRef } from './route-types.ts'

/** Source text of the title: the headline, or for a brief its opening words. */
export function displayTitle(record: ArticleRecord): string {
  if (record.headline) return record.headline
  if (record.subheadline) return record.subheadline
  const first = record.sections.flatMap((section) => section.paragraphs)[0]?.trim() ?? ''
  const text = record.dateline && first.startsWith(record.dateline.text) ? first.slice(record.dateline.text.length).replace(/^[\s,，:：]+/, '') : first
  return truncate(text, 24)
}

/** Source text of the opening of an article, for descriptions and list excerpts. */
export function excerptSource(record: ArticleRecord, length = 90): string {
  const text = record.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.trim())).join('')
  // A continuation note is navigation, not the article's opening words.
  const opening = leadingContinuation(text)
  const rest = opening ? text.slice(text.indexOf(opening.text) + opening.text.length).trimStart() : text
  const closing = trailingContinuation(rest)
  return truncate(closing ? rest.slice(0, rest.lastIndexOf(closing.text)).trimEnd() : rest, length)
}

/** The first `length` code points of `text` and an ellipsis, or `text` when it is no longer (without splitting all of it). */
function truncate(text: string, length: number): string {
  if (text.length <= length) return text
  let end = 0
  for (let count = 0; count < length && end < text.length; count++) end += text.codePointAt(end)! > 0xffff ? 2 : 1
  return end >= text.length ? text : `${text.slice(0, end)}…`
}

export interface BylineView {
  role: string | null
  names: { name: string; href: string | null }[]
}

/**
 * Bylines in the variant's script, each name linked to its author page (when the name has one):
 * the link comes from the source's name, so 楊曉梅 on a zh-Hant page links to 杨晓梅's page.
 */
export function bylineViews(entry: ArticleEntry, tools: PageTools): BylineView[] {
  const authorsByKey = new Map<string, AuthorRef>(entry.authors.map((author) => [foldScript(author.name), author]))
  const shown = tools.headInScript(entry.record)
  return entry.record.bylines.map((byline, index) => {
    const shownByline = shown.bylines[index] ?? byline
    return {
      role: shownByline.role === null ? null : tools.recordText(shownByline.role),
      names: byline.names.map((name, nameIndex) => {
        const author = authorsByKey.get(foldScript(name))
        return { name: tools.recordText(shownByline.names[nameIndex] ?? name), href: author ? tools.href(author.url) : null }
      }),
    }
  })
}

export interface ArticleCard {
  href: string
  title: string
  brief: boolean
  kicker: string | null
  subheadline: string | null
  date: string
  isoDate: string
  page: string
  bylines: BylineView[]
  excerpt: string
}

// An article appears in many lists (issue, month, home, each tag, each author): its card is made
// once per page tools (one render context, so one variant), not once per list. Only the latest
// cards made are kept: all of them were 110 MB live to the end of rendering 100,000 articles, while
// the card() global keeps the HTML of fewer (see card-global.ts), so more cards were kept for little.
const cardsByTools = new WeakMap<PageTools, Memo<ArticleEntry, ArticleCard>>()

/** Cards kept per page tools (see boundedMemo): more than the card() global keeps the HTML of. */
export const cardsKept = 30_000

/** An article as an item of a list (issue, tag, author, home); the same object for the same entry and tools while the memo of `cardsKept` holds it. */
export function articleCard(entry: ArticleEntry, tools: PageTools): ArticleCard {
  let cards = cardsByTools.get(tools)
  if (!cards) {
    cards = boundedMemo(cardsKept)
    cardsByTools.set(tools, cards)
  }
  let card = cards.get(entry)
  if (!card) {
    card = makeCard(entry, tools)
    cards.set(entry, card)
  }
  return card
}

function makeCard(entry: ArticleEntry, tools: PageTools): ArticleCard {
  const record = tools.headInScript(entry.record)
  return {
    href: tools.href(entry.url),
    title: tools.recordText(displayTitle(record)),
    brief: record.headline === null,
    kicker: record.kicker === null ? null : tools.recordText(record.kicker),
    subheadline: record.subheadline === null || record.headline === null ? null : tools.recordText(record.subheadline),
    date: tools.text(formatDate(record.issueDate)),
    isoDate: record.issueDate,
    page: tools.text(formatPage(record.page)),
    bylines: bylineViews(entry, tools),
    excerpt: tools.recordProse(excerptSource(record)),
  }
}

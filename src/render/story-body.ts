// A story told across pages → one mdast body: each part's sections in reading order, a page-turn
// divider where the paper turned the page, and the junction's own jump notes left out.
import type { Paragraph, Root, RootContent } from 'mdast'
import { u } from 'unist-builder'
import type { ArticleRecord } from '../types.ts'
import { articleToMdast, type ArticleBodyOptions } from './article-body.ts'
import { leadingContinuation, trailingContinuation } from './continuation.ts'

export interface StoryBodyOptions {
  /** Script conversion applied to every piece of source text (identity for the source script). */
  convert: (text: string) => string
  /** Where a note at the story's edges points (a page the archive lacks gets null). */
  continuationHref: ArticleBodyOptions['continuationHref']
  /** Link of the divider before part `index` (≥ 1): that part's place in the issue, or null for plain text. */
  partHref: (index: number) => string | null
}

/** Anchor id of the page-turn divider before part `index` (0-based, ≥ 1): `part-2` for the second part. */
export function partId(index: number): string {
  return `part-${index + 1}`
}

/** Build the mdast of a story: its parts' bodies joined by page-turn dividers. */
export function storyToMdast(parts: readonly ArticleRecord[], options: StoryBodyOptions): Root {
  const children: RootContent[] = []
  parts.forEach((part, index) => {
    const before = parts[index - 1]
    const after = parts[index + 1]
    // The notes that point at the neighbouring part say what the divider says: leave them out.
    const omitContinuation = (direction: 'from' | 'to', page: number) =>
      (direction === 'from' && before?.page === page) || (direction === 'to' && after?.page === page)
    if (before) children.push(pageTurn(before, part, index, options))
    const body = articleToMdast(part, {
      convert: options.convert,
      continuationHref: options.continuationHref,
      omitContinuation,
      sectionIdPrefix: index === 0 ? '' : `${partId(index)}-`,
    })
    children.push(...body.children)
  })
  return u('root', children)
}

/** The divider where the story turns from `before`'s page to `part`'s: the jump note as the paper printed it. */
function pageTurn(before: ArticleRecord, part: ArticleRecord, index: number, options: StoryBodyOptions): Paragraph {
  const text = options.convert(jumpNote(before, part.page))
  const href = options.partHref(index)
  const content = href === null ? u('text', text) : u('link', { url: href, data: { hProperties: { className: ['continuation-link'] } } }, [u('text', text)])
  return u('paragraph', { data: { hProperties: { id: partId(index), className: ['continuation', 'page-turn'] } } }, [content])
}

/** The `(下转第N版)` note `record` ends with (on a line of its own or closing a paragraph), or one in the paper's wording. */
function jumpNote(record: ArticleRecord, page: number): string {
  const marker = record.continuationMarkers.find((candidate) => candidate.direction === 'to' && candidate.page === page)
  if (marker) return marker.text
  const paragraphs = record.sections.flatMap((section) => section.paragraphs)
  for (const paragraph of paragraphs.toReversed()) {
    const note = trailingContinuation(paragraph) ?? leadingContinuation(paragraph)
    if (note?.direction === 'to' && note.page === page) return note.text
  }
  return `(下转第${page}版)`
}

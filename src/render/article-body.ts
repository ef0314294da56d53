// An article record → mdast, built node by node: source text is always a text node, never Markdown.
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { u } from 'unist-builder'
import type { ArticleRecord, ContinuationMarker } from '../types.ts'
import { leadingContinuation, trailingContinuation, type ContinuationNote } from './continuation.ts'

export interface ArticleBodyOptions {
  /** Script conversion applied to every piece of source text (identity for the source script). */
  convert: (text: string) => string
  /** Where a continuation note points, or null when the archive lacks the other part. */
  continuationHref: (direction: 'from' | 'to', page: number) => string | null
  /** Notes to leave out: where the story's other part follows on this very page, a page-turn divider stands instead. */
  omitContinuation?: (direction: 'from' | 'to', page: number) => boolean
  /** Prefix of section anchor ids, so that the parts of one story shown together keep distinct ids (default none). */
  sectionIdPrefix?: string
}

/** Anchor id of a section heading; by position, so a corrected heading keeps its links. */
export function sectionId(index: number): string {
  return `section-${index + 1}`
}

/** Build the mdast of an article's body: sections with anchored headings, paragraphs, dateline, continuation notes. */
export function articleToMdast(record: ArticleRecord, options: ArticleBodyOptions): Root {
  const children: RootContent[] = []
  const markers = (direction: 'from' | 'to') => record.continuationMarkers.filter((marker) => marker.direction === direction)
  const omitted = (note: { direction: 'from' | 'to'; page: number }) => options.omitContinuation?.(note.direction, note.page) ?? false
  for (const marker of markers('from')) if (!omitted(marker)) children.push(markerParagraph(marker, options))
  let first = true
  record.sections.forEach((section, index) => {
    if (section.heading !== null) children.push(headingNode(options.convert(section.heading), `${options.sectionIdPrefix ?? ''}${sectionId(index)}`))
    for (const text of section.paragraphs) {
      const paragraph = paragraphNode(text, first ? record.dateline?.text ?? null : null, options)
      if (paragraph) children.push(paragraph)
      first = false
    }
  })
  for (const marker of markers('to')) if (!omitted(marker)) children.push(markerParagraph(marker, options))
  return u('root', children)
}

function headingNode(text: string, id: string): Heading {
  return u('heading', { depth: 2 as const, data: { hProperties: { id } } }, [u('link', { url: `#${id}` }, [u('text', text)])])
}

/** One paragraph: an opening dateline in bold, continuation notes at its edges as links. */
function paragraphNode(source: string, dateline: string | null, options: ArticleBodyOptions): Paragraph | null {
  // Indentation (U+3000) and stray spaces at the edges are layout, not text.
  let rest = source.trim()
  if (rest === '') return null
  const head: PhrasingContent[] = []
  const tail: PhrasingContent[] = []
  const opening = leadingContinuation(rest)
  if (opening) {
    if (!options.omitContinuation?.(opening.direction, opening.page)) head.push(noteNode(opening, options))
    rest = rest.slice(rest.indexOf(opening.text) + opening.text.length)
  }
  const closing = trailingContinuation(rest)
  if (closing && (rest.trim() !== closing.text || options.omitContinuation?.(closing.direction, closing.page))) {
    if (!options.omitContinuation?.(closing.direction, closing.page)) tail.push(noteNode(closing, options))
    rest = rest.slice(0, rest.lastIndexOf(closing.text))
  }
  if (dateline && !opening && rest.startsWith(dateline)) {
    head.push(u('strong', { data: { hProperties: { className: ['dateline'] } } }, [u('text', options.convert(dateline))]))
    rest = rest.slice(dateline.length)
  }
  const middle: PhrasingContent[] = rest.trim() === '' ? [] : [u('text', options.convert(rest))]
  // A paragraph that was nothing but an omitted note leaves no empty <p> behind.
  if (head.length + middle.length + tail.length === 0) return null
  return u('paragraph', [...head, ...middle, ...tail])
}

function markerParagraph(marker: ContinuationMarker, options: ArticleBodyOptions): Paragraph {
  return u('paragraph', { data: { hProperties: { className: ['continuation'] } } }, [noteNode(marker, options)])
}

function noteNode(note: ContinuationNote | ContinuationMarker, options: ArticleBodyOptions): PhrasingContent {
  const text = u('text', options.convert(note.text))
  const href = options.continuationHref(note.direction, note.page)
  if (href === null) return text
  return u('link', { url: href, data: { hProperties: { className: ['continuation-link'] } } }, [text])
}

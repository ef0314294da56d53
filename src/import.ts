// A parsed raw page → one Markdown article per record, front matter holding every parsed field.
import type { Root, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import type { ArticleRecord, ParsedPage } from './types.ts'

/** One Markdown file to write: its name (beside the others of its page) and text. */
export interface ImportedArticle {
  name: string
  text: string
}

/** Split a page into Markdown articles that build into the same pages as the raw page did. */
export function importPage(page: ParsedPage): ImportedArticle[] {
  const pageNumber = String(page.page).padStart(2, '0')
  return page.articles.map((record) => ({ name: `${pageNumber}-${record.position}.md`, text: articleMarkdown(record) }))
}

/** Front matter with the record's fields (null ones left out), then its sections as Markdown. */
export function articleMarkdown(record: ArticleRecord): string {
  const frontMatter: Record<string, unknown> = {
    headline: record.headline,
    kicker: record.kicker,
    subheadline: record.subheadline,
    date: record.issueDate,
    page: record.page,
    position: record.position,
    paper: record.paper,
    bylines: record.bylines.map((byline) => ({ role: byline.role, names: byline.names })),
    tags: record.tags,
    slug: record.slug,
    continuedFrom: record.continuedFrom,
    continuedTo: record.continuedTo,
  }
  const kept = Object.fromEntries(Object.entries(frontMatter).filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0)))
  // Built as a tree and serialised, so text like `1.`, `#`, `*` or `<script>` is escaped and reads back as itself.
  const children: RootContent[] = record.sections.flatMap((section): RootContent[] => [
    ...(section.heading === null ? [] : [{ type: 'heading', depth: 2, children: [{ type: 'text', value: section.heading }] } as RootContent]),
    ...section.paragraphs.map((paragraph): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value: paragraph }] })),
  ])
  const tree: Root = { type: 'root', children }
  return `---\n${stringify(kept, { lineWidth: 0 })}---\n\n${toMarkdown(tree)}`
}

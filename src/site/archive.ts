// The archive as the site sees it: entries with URLs, issues, tags and authors, and every URL conflict.
import { VFileMessage } from 'vfile-message'
import { foldScript } from '../search/fold.ts'
import type { ArticleRecord } from '../types.ts'
import type { ArticleEntry, AuthorRef, IssuePage, TagRef } from './route-types.ts'
import { articleTags } from './tags.ts'
import { articleUrl, pinyinSlug, slugPattern } from './urls.ts'
import type { TagVocabulary } from './vocabulary.ts'

export interface Archive {
  /** Reading order: issue date, page, position. */
  entries: ArticleEntry[]
  entriesById: Map<string, ArticleEntry>
  /** Issue date → its pages in order, oldest issue first. */
  issues: Map<string, IssuePage[]>
  tags: { ref: TagRef; entries: ArticleEntry[] }[]
  authors: { ref: AuthorRef; entries: ArticleEntry[] }[]
  messages: VFileMessage[]
}

/** Where a name or URL comes from, for messages that must name both claimants. */
export interface Origin {
  file: string
  line: number
}

/** Compare entries in reading order. */
export function byReadingOrder(a: ArticleEntry, b: ArticleEntry): number {
  const ra = a.record
  const rb = b.record
  return ra.issueDate < rb.issueDate ? -1 : ra.issueDate > rb.issueDate ? 1 : ra.page - rb.page || ra.position - rb.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Compare entries newest issue first, reading order within an issue. */
export function byNewest(a: ArticleEntry, b: ArticleEntry): number {
  return a.record.issueDate === b.record.issueDate ? byReadingOrder(a, b) : a.record.issueDate < b.record.issueDate ? 1 : -1
}

/** A fatal message about `origin`, with the file set so a reporter can show it. */
export function conflictMessage(reason: string, origin: Origin, sourceAndRule: string): VFileMessage {
  // `news-archive:url-collision` → source `news-archive`, rule `url-collision`, as `file.message` splits it.
  const [source, ruleId] = sourceAndRule.includes(':') ? sourceAndRule.split(':', 2) : ['news-archive', sourceAndRule]
  const message = new VFileMessage(reason, { place: { line: origin.line, column: 1 }, ruleId: ruleId!, source: source! })
  message.file = origin.file
  message.fatal = true
  return message
}

/** Index the records: URLs, tags (front matter ∪ vocabulary), authors; report slugs two sources want. */
export function buildArchive(articleRecords: ArticleRecord[], vocabulary: TagVocabulary): Archive {
  const messages: VFileMessage[] = []
  const records = [...articleRecords].sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : a.page - b.page || a.position - b.position))
  const tagRefs = new SlugRegistry('tags/', 'tag', messages)
  const authorRefs = new SlugRegistry('authors/', 'author', messages)
  for (const tag of vocabulary.tags) tagRefs.declare(tag.name, tag.slug, { file: vocabulary.source ?? 'tags.yaml', line: tag.line })
  for (const author of vocabulary.authors) authorRefs.declare(author.name, author.slug, { file: vocabulary.source ?? 'tags.yaml', line: author.line })

  const entries: ArticleEntry[] = []
  for (const record of records) {
    const origin = { file: record.source, line: record.sourceLines[0] }
    let slug = record.slug
    if (slug !== null && !slugPattern.test(slug)) {
      messages.push(conflictMessage(`Slug \`${slug}\` must be lowercase ASCII words joined by hyphens; using \`${record.page}-${record.position}\``, origin, 'news-archive:slug-invalid'))
      slug = null
    }
    // Names from a Traditional source are registered in Simplified: one author, one tag, one URL in both scripts.
    const registered = (name: string) => (record.script === 'hant' ? foldScript(name) : name)
    const tags = articleTags(record, vocabulary).map((name) => tagRefs.ref(registered(name), origin)).filter((ref): ref is TagRef => ref !== null)
    const names = [...new Set(record.bylines.flatMap((byline) => byline.names.map(registered)))]
    const authors = names.map((name) => authorRefs.ref(name, origin, { surname: true })).filter((ref): ref is AuthorRef => ref !== null)
    // Copied to their length: a list made by filter has room for 17 (152 bytes) where an article has
    // a few tags and authors, and entries last the whole build: 1.8 MB at 6,448 articles, most of it room.
    entries.push({ id: record.id, url: articleUrl({ ...record, slug }), record, tags: tags.slice(), authors: authors.slice() })
  }

  const issues = new Map<string, IssuePage[]>()
  for (const entry of entries) {
    const pages = issues.get(entry.record.issueDate) ?? []
    let page = pages.at(-1)
    if (page?.page !== entry.record.page) {
      page = { page: entry.record.page, articles: [] }
      pages.push(page)
    }
    page.articles.push(entry)
    issues.set(entry.record.issueDate, pages)
  }
  // One pass over the entries, not one per tag or author: an archive has thousands of authors.
  const listed = <R extends TagRef>(refs: R[], pick: (entry: ArticleEntry) => R[]) => {
    const entriesByRef = new Map<R, ArticleEntry[]>(refs.map((ref) => [ref, []]))
    for (const entry of entries) {
      for (const ref of pick(entry)) {
        const list = entriesByRef.get(ref)
        if (list !== undefined && list.at(-1) !== entry) list.push(entry)
      }
    }
    return refs.map((ref) => ({ ref, entries: entriesByRef.get(ref)!.sort(byNewest) })).filter((list) => list.entries.length > 0)
  }
  return {
    entries,
    entriesById: new Map(entries.map((entry) => [entry.id, entry])),
    issues,
    tags: listed(tagRefs.all(), (entry) => entry.tags),
    authors: listed(authorRefs.all(), (entry) => entry.authors),
    messages,
  }
}

/**
 * Names → ASCII slugs under one URL prefix; a slug two names want is an error naming both sources.
 * Names are known by their folded form, so 楊曉梅 finds the 杨晓梅 already registered.
 */
class SlugRegistry {
  private refsByName = new Map<string, { ref: TagRef; origin: Origin }>()
  private namesBySlug = new Map<string, string>()
  // A name already reported is reported once, not once per article that carries it.
  private refused = new Set<string>()
  constructor(
    private prefix: string,
    private what: 'tag' | 'author',
    private messages: VFileMessage[],
  ) {}

  declare(name: string, slug: string | null, origin: Origin, options: { surname?: boolean } = {}): TagRef | null {
    const key = foldScript(name)
    const known = this.refsByName.get(key)
    if (known) return known.ref
    if (this.refused.has(key)) return null
    const finalSlug = slug ?? pinyinSlug(name, options)
    if (finalSlug === '') {
      this.refused.add(key)
      this.messages.push(conflictMessage(`The ${this.what} \`${name}\` has no ASCII reading for its URL; give it a slug in the vocabulary`, origin, `news-archive:${this.what}-slug`))
      return null
    }
    const holder = this.namesBySlug.get(finalSlug)
    if (holder !== undefined) {
      this.refused.add(key)
      const other = this.refsByName.get(foldScript(holder))!.origin
      this.messages.push(
        conflictMessage(
          `The ${this.what}s \`${holder}\` (${other.file}:${other.line}) and \`${name}\` (${origin.file}:${origin.line}) both want the URL \`${this.prefix}${finalSlug}/\`; give one a slug in the vocabulary`,
          origin,
          'news-archive:url-collision',
        ),
      )
      return null
    }
    const ref: TagRef = { name, slug: finalSlug, url: `${this.prefix}${finalSlug}/` }
    this.refsByName.set(key, { ref, origin })
    this.namesBySlug.set(finalSlug, name)
    return ref
  }

  ref(name: string, origin: Origin, options: { surname?: boolean } = {}): TagRef | null {
    return this.refsByName.get(foldScript(name))?.ref ?? this.declare(name, null, origin, options)
  }

  all(): TagRef[] {
    return [...this.refsByName.values()].map((known) => known.ref)
  }
}

// Tags of an article: its front matter tags, then every vocabulary tag one of whose terms occurs in its text.
import type { ArticleRecord } from '../types.ts'
import type { TagVocabulary } from './vocabulary.ts'

// Extraction spaces (`城市更 新`) must not hide a term.
const spaceBetweenCjk = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])[ \t\u3000]+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu

/** All the text of an article a reader sees, extraction spaces removed, for term matching. */
export function searchableText(record: ArticleRecord): string {
  const parts = [record.kicker, record.headline, record.subheadline]
  for (const section of record.sections) parts.push(section.heading, ...section.paragraphs)
  return parts.filter((part): part is string => part !== null).join('\n').replace(spaceBetweenCjk, '')
}

/** Front matter tags ∪ vocabulary tags whose terms occur in the article, front matter first, each once. */
export function articleTags(record: ArticleRecord, vocabulary: TagVocabulary): string[] {
  const tags = new Set(record.tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))
  const text = searchableText(record)
  for (const tag of vocabulary.tags) {
    if (tag.terms.some((term) => text.includes(term))) tags.add(tag.name)
  }
  return [...tags]
}

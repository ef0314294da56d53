// Tags of an article: its front matter tags, then every vocabulary tag one of whose terms occurs in its text.
// Text and terms are folded to one script first, so an article written in Traditional gets its tags too.
import { foldScript } from '../search/fold.ts'
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

/**
 * Front matter tags ∪ vocabulary tags whose terms occur in the article, front matter first, each
 * once. A front matter tag that is a vocabulary tag in the other script (養老 for 养老) is that tag.
 */
export function articleTags(record: ArticleRecord, vocabulary: TagVocabulary): string[] {
  const { vocabularyNames, foldedTags } = foldedVocabulary(vocabulary)
  const tags = new Set(
    record.tags
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '')
      .map((tag) => vocabularyNames.get(foldScript(tag)) ?? tag),
  )
  const text = foldScript(searchableText(record))
  for (const tag of foldedTags) {
    if (tag.terms.some((term) => text.includes(term))) tags.add(tag.name)
  }
  return [...tags]
}

const foldedVocabularies = new WeakMap<TagVocabulary, { vocabularyNames: Map<string, string>; foldedTags: { name: string; terms: string[] }[] }>()

/** The vocabulary's names and terms folded once, not once per article. */
function foldedVocabulary(vocabulary: TagVocabulary) {
  let folded = foldedVocabularies.get(vocabulary)
  if (!folded) {
    folded = {
      vocabularyNames: new Map(vocabulary.tags.map((tag) => [foldScript(tag.name), tag.name])),
      foldedTags: vocabulary.tags.map((tag) => ({ name: tag.name, terms: tag.terms.map(foldScript) })),
    }
    foldedVocabularies.set(vocabulary, folded)
  }
  return folded
}

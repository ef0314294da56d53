// The tag vocabulary (tags.yaml): tag → terms that imply it, optional slugs for tags and authors.
import type { VFile } from 'vfile'
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml'
import { slugPattern } from './urls.ts'
import { readYamlMapping } from '../yaml-mapping.ts'

export interface TagDefinition {
  name: string
  /** Terms whose occurrence in an article's text gives it the tag; the name itself is always one. */
  terms: string[]
  /** URL slug; null means the pinyin of the name. */
  slug: string | null
  /** Line of the tag in the vocabulary file. */
  line: number
}

export interface AuthorDefinition {
  name: string
  slug: string
  line: number
}

export interface TagVocabulary {
  /** Path of the vocabulary file, null when there is none. */
  source: string | null
  tags: TagDefinition[]
  authors: AuthorDefinition[]
}

/** A vocabulary with no tags: articles keep only their front matter tags. */
export const emptyVocabulary: TagVocabulary = { source: null, tags: [], authors: [] }

/** Parse a vocabulary file; every problem is a positioned message on `file`. */
export function parseVocabulary(file: VFile): TagVocabulary {
  const vocabulary: TagVocabulary = { source: file.path || null, tags: [], authors: [] }
  const { map, place } = readYamlMapping(String(file), file, {
    yamlRule: 'vocabulary-yaml',
    shapeRule: 'vocabulary-shape',
    shapeReason: 'The vocabulary must be a mapping with `tags` and optionally `authors`',
  })
  const fail = (reason: string, node: YamlNode | null | undefined, rule: string) => {
    file.message(reason, place(node), `news-archive:${rule}`).fatal = true
  }
  if (map === null) return vocabulary
  for (const section of map.items) {
    const key = isScalar(section.key) ? String(section.key.value) : ''
    const value = section.value as YamlNode | null
    if (key !== 'tags' && key !== 'authors') {
      fail(`Unknown vocabulary section \`${key}\` (known: tags, authors)`, section.key as YamlNode, 'vocabulary-shape')
      continue
    }
    if (value === null || (isScalar(value) && value.value === null)) continue
    if (!isMap(value)) {
      fail(`\`${key}\` must be a mapping`, value, 'vocabulary-shape')
      continue
    }
    for (const entry of value.items) {
      const name = isScalar(entry.key) ? String(entry.key.value ?? '').trim() : ''
      const entryValue = entry.value as YamlNode | null
      const line = place(entry.key as YamlNode).line
      if (name === '') {
        fail(`A name in \`${key}\` is empty`, entry.key as YamlNode, 'vocabulary-shape')
        continue
      }
      if (key === 'authors') {
        const slug = isScalar(entryValue) ? String(entryValue.value ?? '') : ''
        if (!slugPattern.test(slug)) fail(`Author slug for \`${name}\` must be lowercase ASCII words joined by hyphens, e.g. \`yang-xiaomei\``, entryValue ?? (entry.key as YamlNode), 'vocabulary-slug')
        else vocabulary.authors.push({ name, slug, line })
        continue
      }
      const tag = readTag(name, entryValue, line, fail)
      if (tag) vocabulary.tags.push(tag)
    }
  }
  return vocabulary
}

type Fail = (reason: string, node: YamlNode | null | undefined, rule: string) => void

/** A tag is either a list of terms or `{terms, slug}`. */
function readTag(name: string, node: YamlNode | null, line: number, fail: Fail): TagDefinition | null {
  let termsNode: YamlNode | null = node
  let slug: string | null = null
  if (isMap(node)) {
    termsNode = null
    for (const pair of node.items) {
      const field = isScalar(pair.key) ? String(pair.key.value) : ''
      const value = pair.value as YamlNode | null
      if (field === 'terms') termsNode = value
      else if (field === 'slug') {
        const text = isScalar(value) ? String(value.value ?? '') : ''
        if (slugPattern.test(text)) slug = text
        else fail(`Slug of tag \`${name}\` must be lowercase ASCII words joined by hyphens, e.g. \`yang-lao\``, value ?? (pair.key as YamlNode), 'vocabulary-slug')
      } else fail(`Unknown field \`${field}\` of tag \`${name}\` (known: terms, slug)`, pair.key as YamlNode, 'vocabulary-shape')
    }
  }
  const terms = [name]
  if (termsNode !== null && !(isScalar(termsNode) && termsNode.value === null)) {
    if (!isSeq(termsNode)) {
      fail(`Terms of tag \`${name}\` must be a list, e.g. \`[老年人, 为老服务]\``, termsNode, 'vocabulary-shape')
      return null
    }
    for (const item of termsNode.items) {
      const term = isScalar(item) ? String(item.value ?? '').trim() : ''
      if (term === '') fail(`A term of tag \`${name}\` is empty or not text`, item as YamlNode, 'vocabulary-term')
      else if (!terms.includes(term)) terms.push(term)
    }
  }
  return { name, terms, slug, line }
}

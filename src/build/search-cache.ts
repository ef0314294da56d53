// Every story's search terms, kept in the cache folder between processes: a build in a new process
// (`news-archive build` after an edit, the first build of `news-archive dev`) then scans only the
// stories that changed, as a builder that stays in memory does.
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { SearchMemory } from '../search/build.ts'
import type { RememberedStory } from '../search/documents.ts'
import { TermDictionary, type StoredDictionary } from '../search/terms.ts'
import { readCacheParts, writeHeadAndMaps } from './cache-file.ts'

const searchFile = 'search-terms.v8'

/**
 * A dictionary holding more than this many terms for each term of the last index (terms of texts
 * since edited away) is not stored: the next process scans every story and numbers only theirs.
 */
const termsKeptPerTermInUse = 2

/** The search memory stored in `cacheDir` for code `codeKey`; undefined when there is none, or not whole. */
export async function readSearchMemory(cacheDir: string, codeKey: string): Promise<SearchMemory | undefined> {
  const parts = await readCacheParts(path.join(cacheDir, searchFile), codeKey)
  if (parts === undefined || parts.length === 0) return undefined
  const [dictionary, ...stories] = parts as [StoredDictionary, ...[string, RememberedStory][][]]
  const memory = new SearchMemory(TermDictionary.fromStored(dictionary))
  for (const part of stories) for (const [key, story] of part) memory.stories.set(key, story)
  return memory
}

/** Store `memory`'s dictionary and stories for a build in another process; false when its dictionary is mostly terms no story names. */
export async function writeSearchMemory(cacheDir: string, codeKey: string, memory: SearchMemory): Promise<boolean> {
  const filePath = path.join(cacheDir, searchFile)
  if (memory.dictionary.size > termsKeptPerTermInUse * Math.max(memory.termsInUse, 1)) {
    await rm(filePath, { force: true })
    return false
  }
  await writeHeadAndMaps(filePath, codeKey, memory.dictionary.stored(), [memory.stories])
  return true
}

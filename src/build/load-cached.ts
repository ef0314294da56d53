// The load stage with a memory: a source whose path and bytes were parsed before is not parsed again.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { parseSource, scanSources } from '../load.ts'
import type { ArticleRecord, ParsedPage } from '../types.ts'
import { replayParse, sourceKey, storeParse, type ParseCache } from './parse-cache.ts'
import pMap from 'p-map'
import { openFilesAtOnce } from '../load.ts'

export interface LoadedSources {
  files: VFile[]
  pages: ParsedPage[]
  articleRecords: ArticleRecord[]
  /** Source path → its cache key: a record's content is a function of it and its position. */
  keyBySource: Map<string, string>
  /** How many sources were parsed now (the rest came from the cache). */
  parsed: number
}

/** Scan `dir`, read every source and parse what the cache does not already hold; `next` receives what this build used. */
export async function loadWithCache(dir: string, root: string, cache: ParseCache, next: ParseCache): Promise<LoadedSources> {
  const paths = await scanSources(dir)
  const loaded: LoadedSources = { files: [], pages: [], articleRecords: [], keyBySource: new Map(), parsed: 0 }
  const contents = await pMap(paths, (filePath) => readFile(filePath), { concurrency: openFilesAtOnce })
  paths.forEach((filePath, index) => {
    const bytes = contents[index] as Buffer
    const file = new VFile({ path: path.relative(root, filePath) || filePath, value: bytes })
    const key = sourceKey(file, bytes)
    const cached = cache.get(key)
    let page: ParsedPage | null
    if (cached) page = replayParse(cached, file)
    else {
      page = parseSource(file)
      storeParse(cache, key, file, page)
      loaded.parsed++
    }
    next.set(key, cache.get(key) as NonNullable<ReturnType<ParseCache['get']>>)
    loaded.files.push(file)
    loaded.keyBySource.set(file.path, key)
    if (page) {
      loaded.pages.push(page)
      // A loop, not push(...): a page may hold more records than a call's arguments can.
      for (const record of page.articles) loaded.articleRecords.push(record)
    }
  })
  return loaded
}

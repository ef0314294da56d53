// Every story's search terms, stored between processes: a build in a new process scans only the
// stories that changed, and the index is byte for byte the one a build from scratch makes.
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readSearchMemory, writeSearchMemory } from '../../src/build/search-cache.ts'
import { buildSearchIndex, SearchMemory, type SearchIndex } from '../../src/search/build.ts'
import type { ArticleRecord } from '../../src/types.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { variantsFor } from '../../src/variants/record.ts'
import { tempDirs } from '../helpers/temp-dirs.ts'
import { generateArticles } from '../search/corpus.ts'

const newFolder = tempDirs('news-archive-search-cache-')
const variants = variantsFor(createConverters('tw'))
const articlePath = (record: ArticleRecord) => `${record.id}/`
const shardBytes = 2048
const recordKey = (record: ArticleRecord) => JSON.stringify(record)
const indexOf = (records: ArticleRecord[], memory?: SearchMemory) => buildSearchIndex(records, { variants, articlePath, shardBytes, memory, recordKey: memory && recordKey })
const contents = (index: SearchIndex) => Object.fromEntries(index.files.map((file) => [file.path, Buffer.from(file.contents).toString('base64')]))

const archive = generateArticles(60, 300, 11)
const withText = (record: ArticleRecord, text: string): ArticleRecord => ({
  ...record,
  sections: [{ heading: null, headingLine: null, paragraphs: [text], paragraphLines: [[]] }],
})

describe('the stored search terms', () => {
  it('serve a build in another process: it scans only the edited story and makes the index from scratch', async () => {
    const cacheDir = newFolder()
    const memory = new SearchMemory()
    indexOf(archive, memory)
    expect(await writeSearchMemory(cacheDir, 'code-1', memory)).toBe(true)

    const restored = await readSearchMemory(cacheDir, 'code-1')
    expect(restored?.stories.size).toBe(memory.stories.size)
    const edited = [...archive]
    // New characters, so that the restored dictionary must number terms after those it holds.
    edited[30] = withText(edited[30]!, '蔚蓝鲸鲨在黄浦江畔翱翔，鳐鱼随之。')
    const again = indexOf(edited, restored)
    expect(again.stats.scannedStories).toBe(1)
    expect(contents(again)).toEqual(contents(indexOf(edited)))
  })

  it('are read for the code that wrote them only', async () => {
    const cacheDir = newFolder()
    const memory = new SearchMemory()
    indexOf(archive, memory)
    await writeSearchMemory(cacheDir, 'code-1', memory)
    expect(await readSearchMemory(cacheDir, 'code-2')).toBeUndefined()
    expect(await readSearchMemory(newFolder(), 'code-1')).toBeUndefined()
  })

  it('are not stored when the dictionary holds mostly terms of texts edited away', async () => {
    const cacheDir = newFolder()
    const memory = new SearchMemory()
    indexOf(archive, memory)
    await writeSearchMemory(cacheDir, 'code-1', memory)
    // One article rewritten again and again in characters new each time: the dictionary keeps the terms of every text it replaced.
    for (let round = 0; round < 40; round++) {
      const text = Array.from({ length: 150 }, (_, at) => String.fromCodePoint(0x5000 + round * 150 + at)).join('')
      indexOf(archive.map((record, index) => (index === 7 ? withText(record, text) : record)), memory)
    }
    expect(memory.dictionary.size).toBeGreaterThan(2 * memory.termsInUse)
    expect(await writeSearchMemory(cacheDir, 'code-1', memory)).toBe(false)
    expect(readdirSync(cacheDir)).toEqual([])
  })
})

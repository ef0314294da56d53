// The sample page's articles as the parser makes them, for tests of later stages.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { parseRawPage } from '../../src/parse/raw-page.ts'
import type { ArticleRecord } from '../../src/types.ts'

const samplePage = path.join(import.meta.dirname, '..', '..', 'articles', '2019', '12', '10', '02.txt')

/** The three articles of articles/2019/12/10/02.txt, parsed (source `2019/12/10/02.txt`, paper 杨浦时报). */
export function seedRecords(): ArticleRecord[] {
  const file = new VFile({ path: '2019/12/10/02.txt', value: readFileSync(samplePage) })
  const page = parseRawPage(file)
  if (!page) throw new Error(`the sample page did not parse: ${file.messages.join('; ')}`)
  return page.articles.map((record) => ({ ...record, paper: '杨浦时报' }))
}

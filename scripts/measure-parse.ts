// Parser throughput on generated pages: `npx tsx scripts/measure-parse.ts [articles=10000]`.
import { VFile } from 'vfile'
import { parseRawPage } from '../src/parse/raw-page.ts'
import { generatePages } from './corpus.ts'

const articleCount = Number(process.argv[2] ?? 10000)
const pages = [...generatePages({ articles: articleCount, startDate: '1990-01-02' })]
const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page.text), 0)
// One warm-up pass so the timed pass measures steady-state code, not JIT compilation.
for (const page of pages.slice(0, 200)) parseRawPage(new VFile({ path: `articles/${page.path}`, value: page.text }))
const started = performance.now()
let parsed = 0
for (const page of pages) parsed += parseRawPage(new VFile({ path: `articles/${page.path}`, value: page.text }))?.articles.length ?? 0
const seconds = (performance.now() - started) / 1000
console.log(`${pages.length} pages, ${parsed} articles, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`)

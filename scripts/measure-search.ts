// Index size, build time and bytes per query on a generated archive (not part of the tests):
//   npx tsx scripts/measure-search.ts [articles=10000]
import { createSearcher } from '../public/search-core.js'
import { buildSearchIndex } from '../src/search/build.ts'
import { createConverters } from '../src/variants/opencc.ts'
import { variantsFor } from '../src/variants/record.ts'
import { generateArticles } from '../test/search/corpus.ts'
import { memoryLoader } from '../test/search/memory-loader.ts'

const count = Number(process.argv[2] ?? 10_000)
const articleRecords = generateArticles(count)
const variants = variantsFor(createConverters('tw'))
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`

let started = performance.now()
for (const record of articleRecords) variants[1].record(record)
const conversionMs = performance.now() - started
started = performance.now()
const { files, stats } = buildSearchIndex(articleRecords, { variants, articlePath: (record) => `${record.id}/` })
const indexMs = performance.now() - started
const shardBytes = files.filter((file) => file.path.includes('/shards/')).map((file) => file.contents.length)
const textBytes = files.filter((file) => file.path.includes('/docs/')).reduce((sum, file) => sum + Buffer.byteLength(file.contents as string), 0)
// The page fetches each shown result's article page for its excerpt (10 per page of results);
// NEWS_ARCHIVE_PAGE_BYTES is the mean size of an article page of a built archive.
const pageBytes = Number(process.env.NEWS_ARCHIVE_PAGE_BYTES ?? 16_000)
console.log(`${count} articles: zh-Hant conversion ${conversionMs.toFixed(0)} ms, index build ${indexMs.toFixed(0)} ms (conversions cached)`)
console.log(`index ${mb(stats.bytes)} in ${files.length} files: ${stats.shards} shards (${mb(shardBytes.reduce((a, b) => a + b, 0))}, largest ${(Math.max(...shardBytes) / 1024).toFixed(0)} KB), headlines ${mb(textBytes)}, ${stats.terms} terms`)

const sample = articleRecords[Math.floor(count / 2)]!
const queries = ['养老', '養老', '宪法', '楊曉梅', '垃圾分类', '五角场', '的', sample.headline!.slice(0, 6), sample.sections[0]!.paragraphs[0]!.slice(20, 40)]
for (const query of queries) {
  const loader = memoryLoader(files)
  const searcher = createSearcher(loader)
  const t0 = performance.now()
  const { hits } = await searcher.search(query)
  const searchMs = performance.now() - t0
  const shown = hits.slice(0, 10)
  await Promise.all(shown.map((hit) => searcher.document(hit.doc, 'zh-Hans')))
  const total = loader.fetched.reduce((sum, file) => sum + file.bytes, 0) + shown.length * pageBytes
  console.log(`${query.padEnd(12, '　')} ${String(hits.length).padStart(6)} hits  ${(total / 1024).toFixed(0).padStart(5)} KB fetched (${loader.fetched.length} index files + ${shown.length} article pages)  ${searchMs.toFixed(1)} ms in Node`)
}

// Write a generated corpus to disk: `npx tsx scripts/generate-corpus.ts --articles 10000 [--seed 1] [--out DIR] [--markdown DIR] [--start-date YYYY-MM-DD]`.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { generateMarkdownArticles, generatePages } from './corpus.ts'

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    markdown: { type: 'string' },
    'start-date': { type: 'string', default: '2010-01-05' },
  },
})
const articles = Number(values.articles)
const seed = Number(values.seed)
if (!Number.isInteger(articles) || articles < 1) throw new Error(`--articles must be a whole number from 1, not ${values.articles}`)
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`)
const options = { articles, seed, startDate: values['start-date'] }
const outDir = values.out ?? `.cache/corpus-${articles}`

/** Writes files with a bounded number in flight (async and batched is fastest on a real disk), creating folders once. */
function createWriter(root: string) {
  // One mkdir per folder, shared by every write into it while it is under way.
  const madeDirs = new Map<string, Promise<unknown>>()
  const inFlight = new Set<Promise<void>>()
  let files = 0
  let bytes = 0
  const write = async (path: string, text: string) => {
    const target = join(root, path)
    const dir = dirname(target)
    let made = madeDirs.get(dir)
    if (made === undefined) madeDirs.set(dir, (made = mkdir(dir, { recursive: true })))
    await made
    await writeFile(target, text)
  }
  return {
    async add(path: string, text: string) {
      files++
      bytes += Buffer.byteLength(text)
      const job = write(path, text).finally(() => inFlight.delete(job))
      inFlight.add(job)
      if (inFlight.size >= 64) await Promise.race(inFlight)
    },
    async done() {
      await Promise.all(inFlight)
      return { files, bytes }
    },
  }
}

const started = performance.now()
const pages = createWriter(outDir)
let articleCount = 0
let firstDate = ''
let lastDate = ''
for (const page of generatePages(options)) {
  articleCount += page.articleCount
  firstDate ||= page.issueDate
  lastDate = page.issueDate
  await pages.add(page.path, page.text)
}
const written = await pages.done()
const seconds = (performance.now() - started) / 1000
console.log(`${articleCount} articles on ${written.files} pages, issues ${firstDate} … ${lastDate}, ${(written.bytes / 1e6).toFixed(1)} MB → ${outDir} in ${seconds.toFixed(2)} s (seed ${seed})`)
if (lastDate > new Date().toISOString().slice(0, 10)) {
  console.warn(`warning: the last issue (${lastDate}) is in the future, and the parser refuses future issue dates: pass an earlier --start-date`)
}

if (values.markdown !== undefined) {
  const markdownStarted = performance.now()
  const markdown = createWriter(values.markdown)
  for (const article of generateMarkdownArticles(options)) await markdown.add(article.path, article.text)
  const markdownWritten = await markdown.done()
  const markdownSeconds = (performance.now() - markdownStarted) / 1000
  console.log(`${markdownWritten.files} Markdown articles, ${(markdownWritten.bytes / 1e6).toFixed(1)} MB → ${values.markdown} in ${markdownSeconds.toFixed(2)} s`)
}

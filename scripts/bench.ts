// `npm run bench [-- --articles 10000] [--seed 1] [--runs 1] [--json FILE] [--dir .cache/bench] [--start-date YYYY-MM-DD]`
// Generates (or reuses) a corpus of N articles, then measures four builds, each in a fresh process
// (startup, cache loading and JIT counted, as CI or an editor's `news-archive build` sees them):
// cold (no cache, no output), no change, one article edited, and the same place edited again (the
// first edit also makes the second site tree; the second shows an edit alone); then the same four in one warm
// process with one Builder (as `news-archive dev`). Prints a table and writes it as JSON
// (default <dir>/result-N.json).
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureCorpus } from './bench/corpus.ts'
import { editOnePage } from './bench/edit.ts'
import { machine, treeSize } from './bench/measure.ts'
import { freshSite, removeSetAside, runChild, runCli } from './bench/run.ts'
import { formatTable, type BenchResult, type BenchRow, type Step } from './bench/report.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    json: { type: 'string' },
    dir: { type: 'string' },
    'start-date': { type: 'string' },
  },
})
const wholeNumber = (name: string, text: string, min: number) => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number from ${min}, not ${text}`)
  return value
}
const articles = wholeNumber('articles', values.articles, 1)
const seed = wholeNumber('seed', values.seed, 0)
const runs = wholeNumber('runs', values.runs, 1)
const benchDir = path.resolve(values.dir ?? path.join(root, '.cache/bench'))
const jsonFile = path.resolve(values.json ?? path.join(benchDir, `result-${articles}.json`))
const log = (line: string) => process.stderr.write(`${line}\n`)
const steps: Step[] = ['cold', 'no-change', 'edit', 'edit-again']

/** Four builds, each in its own process. */
async function measureFresh(corpusDir: string): Promise<{ rows: BenchRow[]; site: { files: number; bytes: number } }> {
  const site = await freshSite(root, corpusDir, path.join(benchDir, `run-${articles}`, 'fresh'))
  const rows: BenchRow[] = []
  let siteSize = { files: 0, bytes: 0 }
  for (const step of steps) {
    const edit = step === 'edit' || step === 'edit-again' ? await editOnePage(site.articlesDir) : undefined
    const { run, stats } = await runCli(root, site)
    const size = await treeSize(site.outDir, run.spawnedAt)
    if (step === 'cold') siteSize = { files: size.files, bytes: size.bytes }
    rows.push({
      step,
      wallMs: run.wallMs,
      startupMs: stats.startedAt,
      timings: stats.timings,
      renderedPages: stats.renderedPages,
      files: stats.files,
      bytesWritten: size.writtenBytes,
      peakRssKb: run.peakRssKb ?? stats.maxRssKb,
      ...(edit ? { edit } : {}),
    })
    log(`  fresh ${step}: ${(run.wallMs / 1000).toFixed(2)} s`)
  }
  return { rows, site: siteSize }
}

/** Four builds by one Builder in one process. */
async function measureWarm(corpusDir: string): Promise<BenchRow[]> {
  const site = await freshSite(root, corpusDir, path.join(benchDir, `run-${articles}`, 'warm'))
  const { reports } = await runChild(root, site)
  if (reports.length !== steps.length) throw new Error(`the warm child reported ${reports.length} builds, not ${steps.length}`)
  return reports.map((report) => ({
    step: report.step as Step,
    wallMs: report.endedAt - report.startedAt,
    startupMs: 0,
    timings: report.timings,
    renderedPages: report.renderedPages,
    files: report.files,
    bytesWritten: report.bytesWritten ?? 0,
    peakRssKb: report.maxRssKb,
    ...(report.edit ? { edit: report.edit } : {}),
  }))
}

/** The run whose build of `step` took the median wall time, step by step. */
function medianRows(samples: BenchRow[][]): BenchRow[] {
  return steps.map((_, index) => {
    const sorted = samples.map((rows) => rows[index]!).sort((a, b) => a.wallMs - b.wallMs)
    return sorted[Math.floor((sorted.length - 1) / 2)]!
  })
}

const corpus = await ensureCorpus(root, benchDir, { articles, seed, ...(values['start-date'] ? { startDate: values['start-date'] } : {}) }, false, log)
const rawFiles = (await readdir(corpus.rawDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
const rawBytes = (await Promise.all(rawFiles.map((entry) => stat(path.join(entry.parentPath, entry.name))))).reduce((sum, file) => sum + file.size, 0)

const freshSamples: BenchRow[][] = []
const warmSamples: BenchRow[][] = []
let site = { files: 0, bytes: 0 }
for (let run = 1; run <= runs; run++) {
  log(`run ${run} of ${runs}: ${articles} articles`)
  const fresh = await measureFresh(corpus.rawDir)
  freshSamples.push(fresh.rows)
  site = fresh.site
  warmSamples.push(await measureWarm(corpus.rawDir))
}

const result: BenchResult = {
  tool: 'news-archive bench',
  date: new Date().toISOString(),
  articles,
  seed,
  startDate: corpus.startDate,
  runs,
  machine: machine(benchDir),
  corpus: { rawPages: rawFiles.length, rawBytes },
  site,
  fresh: medianRows(freshSamples),
  warm: medianRows(warmSamples),
  ...(runs > 1 ? { samples: { fresh: freshSamples, warm: warmSamples } } : {}),
}
await mkdir(path.dirname(jsonFile), { recursive: true })
await writeFile(jsonFile, `${JSON.stringify(result, null, 2)}\n`)
process.stdout.write(`${formatTable(result)}\n`)
log('removing the earlier runs set aside…')
await removeSetAside(path.join(benchDir, `run-${articles}`))
log(`JSON: ${path.relative(process.cwd(), jsonFile) || jsonFile}`)

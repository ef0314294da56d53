// The peer comparison behind scripts/bench-peers: the same corpus built by Hugo (Debian package),
// Eleventy 3 (npm, in a scratch folder under .cache/peers) and news-archive, cold and with nothing
// changed, on this machine in one run; prints wall times, peak RSS and the ratios.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureCorpus } from './corpus.ts'
import { describeMachine, machine, runTimed, treeSize, type ProcessRun } from './measure.ts'
import { freshSite, removeSetAside, runCli, setAside } from './run.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    dir: { type: 'string' },
    only: { type: 'string' },
  },
})
const articles = Number(values.articles)
const seed = Number(values.seed)
if (!Number.isInteger(articles) || articles < 1) throw new Error(`--articles must be a whole number from 1, not ${values.articles}`)
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`)
const peersDir = path.resolve(values.dir ?? path.join(root, '.cache/peers'))
const jsonFile = path.resolve(values.json ?? path.join(peersDir, `result-${articles}.json`))
const only = new Set((values.only ?? 'hugo,eleventy,news-archive').split(','))
const log = (line: string) => process.stderr.write(`${line}\n`)

type Tool = 'hugo' | 'eleventy' | 'news-archive'
interface ToolResult {
  tool: Tool
  version: string
  cold: Measured
  noChange: Measured
}
interface Measured {
  wallMs: number
  peakRssKb: number | null
  htmlPages: number
  files: number
  bytes: number
}

/** Count what a build left in `outDir`: HTML pages, files, bytes. */
async function output(outDir: string, run: ProcessRun): Promise<Measured> {
  if (run.exitCode !== 0) throw new Error(`exit ${run.exitCode}:\n${run.stderr.slice(-4000)}`)
  const size = await treeSize(outDir, run.spawnedAt)
  const entries = await readdir(outDir, { recursive: true })
  return { wallMs: run.wallMs, peakRssKb: run.peakRssKb, htmlPages: entries.filter((entry) => entry.endsWith('.html')).length, files: size.files, bytes: size.bytes }
}

/** The month stubs Hugo 0.111 needs for monthly archive pages (it has no content adapters): one per YYYY/MM folder. */
async function writeMonthStubs(markdownDir: string, archiveDir: string): Promise<void> {
  await mkdir(archiveDir, { recursive: true })
  for (const year of (await readdir(markdownDir)).filter((name) => /^\d{4}$/u.test(name))) {
    for (const month of (await readdir(path.join(markdownDir, year))).filter((name) => /^\d{2}$/u.test(name))) {
      const text = `---\ntitle: "${year}年${Number(month)}月"\nmonth: "${year}-${month}"\ndate: ${year}-${month}-01\n---\n`
      await writeFile(path.join(archiveDir, `${year}-${month}.md`), text)
    }
  }
}

async function measureHugo(markdownDir: string): Promise<ToolResult | null> {
  const version = spawnSync('hugo', ['version'], { encoding: 'utf8' })
  if (version.status !== 0) {
    log('hugo: not found, skipped (Debian: `apt-get install -y hugo`)')
    return null
  }
  const site = path.join(peersDir, 'hugo', `site-${articles}`)
  await setAside(site)
  await cp(path.join(root, 'scripts/peers/hugo'), site, { recursive: true })
  await cp(markdownDir, path.join(site, 'content/articles'), { recursive: true })
  await writeMonthStubs(markdownDir, path.join(site, 'content/archive'))
  await mkdir(path.join(site, 'static'), { recursive: true })
  await cp(path.join(root, 'public/style.css'), path.join(site, 'static/style.css'))
  // Hugo keeps a file cache outside the project by default: keep it inside, so that cold is cold.
  const args = ['--quiet', '--cacheDir', path.join(site, '.hugo-cache')]
  log('hugo: cold')
  const cold = await output(path.join(site, 'public'), await runTimed('hugo', args, site))
  log('hugo: no change')
  const noChange = await output(path.join(site, 'public'), await runTimed('hugo', args, site))
  return { tool: 'hugo', version: version.stdout.trim().split(' ')[1] ?? version.stdout.trim(), cold, noChange }
}

/** Eleventy 3 lives in .cache/peers/eleventy/node_modules, not in the project's dependencies. */
async function eleventyCommand(): Promise<{ command: string; version: string }> {
  const dir = path.join(peersDir, 'eleventy')
  const command = path.join(dir, 'node_modules/@11ty/eleventy/cmd.cjs')
  if (!existsSync(command)) {
    log(`eleventy: installing @11ty/eleventy@3 into ${path.relative(root, dir)}`)
    await mkdir(dir, { recursive: true })
    if (!existsSync(path.join(dir, 'package.json'))) await writeFile(path.join(dir, 'package.json'), '{ "name": "bench-peers-eleventy", "private": true, "type": "module" }\n')
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '@11ty/eleventy@3'], { cwd: dir, encoding: 'utf8' })
    if (install.status !== 0) throw new Error(`npm install @11ty/eleventy@3 failed:\n${install.stderr}`)
  }
  const manifest = JSON.parse(await readFile(path.join(dir, 'node_modules/@11ty/eleventy/package.json'), 'utf8')) as { version: string }
  return { command, version: manifest.version }
}

async function measureEleventy(markdownDir: string): Promise<ToolResult> {
  const { command, version } = await eleventyCommand()
  // Inside the install folder, so that the config's imports (js-yaml) resolve from its node_modules.
  const site = path.join(peersDir, 'eleventy', `site-${articles}`)
  await setAside(site)
  await cp(path.join(root, 'scripts/peers/eleventy'), site, { recursive: true })
  await cp(markdownDir, path.join(site, 'articles'), { recursive: true })
  await cp(path.join(root, 'public/style.css'), path.join(site, 'style.css'))
  const args = [command, '--quiet']
  log('eleventy: cold')
  const cold = await output(path.join(site, '_site'), await runTimed(process.execPath, args, site))
  log('eleventy: no change')
  const noChange = await output(path.join(site, '_site'), await runTimed(process.execPath, args, site))
  return { tool: 'eleventy', version, cold, noChange }
}

async function measureNewsArchive(rawDir: string): Promise<ToolResult> {
  const site = await freshSite(root, rawDir, path.join(peersDir, 'news-archive', `site-${articles}`))
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }
  const measure = async () => {
    const { run, stats } = await runCli(root, site)
    return output(site.outDir, { ...run, peakRssKb: run.peakRssKb ?? stats.maxRssKb })
  }
  log('news-archive: cold')
  const cold = await measure()
  log('news-archive: no change')
  const noChange = await measure()
  return { tool: 'news-archive', version: manifest.version, cold, noChange }
}

const corpus = await ensureCorpus(root, path.join(root, '.cache/bench'), { articles, seed }, true, log)
const results: ToolResult[] = []
if (only.has('hugo')) {
  const hugo = await measureHugo(corpus.markdownDir)
  if (hugo) results.push(hugo)
}
if (only.has('eleventy')) results.push(await measureEleventy(corpus.markdownDir))
if (only.has('news-archive')) results.push(await measureNewsArchive(corpus.rawDir))

const byTool = new Map(results.map((result) => [result.tool, result]))
const ratio = (a: Tool, b: Tool, step: 'cold' | 'noChange') => {
  const [top, bottom] = [byTool.get(a), byTool.get(b)]
  return top && bottom ? Math.round((top[step].wallMs / bottom[step].wallMs) * 100) / 100 : null
}
const ratios = {
  'news-archive / hugo': { cold: ratio('news-archive', 'hugo', 'cold'), noChange: ratio('news-archive', 'hugo', 'noChange') },
  'eleventy / news-archive': { cold: ratio('eleventy', 'news-archive', 'cold'), noChange: ratio('eleventy', 'news-archive', 'noChange') },
}
const machineInfo = machine(peersDir)
await mkdir(path.dirname(jsonFile), { recursive: true })
await writeFile(jsonFile, `${JSON.stringify({ tool: 'news-archive bench-peers', date: new Date().toISOString(), articles, seed, machine: machineInfo, results, ratios }, null, 2)}\n`)

const seconds = (ms: number) => (ms / 1000).toFixed(2)
const mb = (kb: number | null) => (kb === null ? '?' : String(Math.round(kb / 1024)))
const head = ['tool', 'version', 'cold s', 'no change s', 'peak RSS MB cold', 'no change', 'HTML pages', 'files', 'MB']
const lines = [head, ...results.map((r) => [r.tool, r.version, seconds(r.cold.wallMs), seconds(r.noChange.wallMs), mb(r.cold.peakRssKb), mb(r.noChange.peakRssKb), String(r.cold.htmlPages), String(r.cold.files), (r.cold.bytes / 1e6).toFixed(1)])]
const widths = head.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)))
const show = (value: number | null) => (value === null ? '–' : value.toFixed(2))
process.stdout.write(
  [
    `bench-peers: ${articles} articles (seed ${seed}), each tool in a fresh process; news-archive writes both scripts, the search index and its calendars, the peers one script`,
    `machine: ${describeMachine(machineInfo)}; peak RSS by ${machineInfo.peakRssSource}`,
    '',
    ...lines.map((line) => line.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')),
    '',
    `news-archive / Hugo:     cold ${show(ratios['news-archive / hugo'].cold)}, no change ${show(ratios['news-archive / hugo'].noChange)}  (≤ 1.0: news-archive as fast or faster)`,
    `Eleventy / news-archive: cold ${show(ratios['eleventy / news-archive'].cold)}, no change ${show(ratios['eleventy / news-archive'].noChange)}  (≥ 4: news-archive four times as fast)`,
    '',
  ].join('\n'),
)
log('removing the earlier runs set aside…')
for (const tool of ['hugo', 'eleventy', 'news-archive']) await removeSetAside(path.join(peersDir, tool))
log(`JSON: ${path.relative(process.cwd(), jsonFile) || jsonFile}`)

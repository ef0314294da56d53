// The `news-archive` command: parse, check, build, dev.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { VFile } from 'vfile'
import { configFileName, defaultConfig, isBaseUrl, parseConfig, withTrailingSlash, type SiteConfig } from './config.ts'
import { readOptional } from './build/inputs.ts'
import { importReporter } from './report.ts'
import type { ArticleRecord } from './types.ts'

// Each command imports what it needs when it runs: the parser, planner and renderer bring large
// libraries (unified, nunjucks, OpenCC, pinyin-pro), and a build that finds nothing changed needs none.

const usage = `Usage: news-archive <command> [options]

Commands:
  parse <file>... [--issue-date YYYY-MM-DD] [--page N]   print the articles parsed from raw pages as JSON
  check [dir]                                            report every parser message for a folder (default: articles/)
  build [--articles DIR] [--out DIR] [--base-url URL] [--cache-dir DIR] [--workers N] [--stats FILE]
                                                         build the site (default: articles/ → dist/, cache in .cache/;
                                                         N render threads beside the main one, default: cores − 1;
                                                         the build's figures as JSON into FILE)
  dev [--host HOST] [--port N] [--articles DIR] [--out DIR]
                                                         build, serve on http://127.0.0.1:8080, rebuild and reload on change
  import <page.txt> [--issue-date YYYY-MM-DD] [--page N] [--out DIR] [--force]
                                                         split a raw page into one Markdown article per record
`

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'parse':
        return await parseCommand(rest)
      case 'check':
        return await checkCommand(rest)
      case 'build':
        return await buildCommand(rest)
      case 'import':
        return await importCommand(rest)
      case 'dev':
        return await devCommand(rest)
      case undefined:
      case '--help':
      case '-h':
        process.stdout.write(usage)
        return command === undefined ? 1 : 0
      default:
        process.stderr.write(`news-archive: unknown command \`${command}\`\n\n${usage}`)
        return 1
    }
  } catch (error) {
    // Option errors from parseArgs and unreadable paths end here: one line, no stack.
    process.stderr.write(`news-archive ${command}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}

async function parseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'issue-date': { type: 'string' }, page: { type: 'string' } } })
  if (positionals.length === 0) throw new Error('name at least one raw page file')
  const [{ parseSource, readSource }, reporter] = await Promise.all([import('./load.ts'), importReporter()])
  const page = values.page === undefined ? undefined : Number(values.page)
  if (page !== undefined && !Number.isInteger(page)) throw new Error(`--page must be a whole number, not \`${values.page}\``)
  const files: VFile[] = []
  const articles: Record<string, unknown>[] = []
  for (const filePath of positionals) {
    const file = await readSource(filePath)
    files.push(file)
    const parsed = parseSource(file, { issueDate: values['issue-date'], page })
    for (const record of parsed?.articles ?? []) articles.push(publicShape(record))
  }
  process.stdout.write(`${JSON.stringify({ articles }, null, 2)}\n`)
  const report = reporter(files, { quiet: true })
  if (report) process.stderr.write(`${report}\n`)
  return files.some((file) => file.messages.some((message) => message.fatal)) ? 1 : 0
}

async function checkCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} })
  const root = process.cwd()
  const { config, file: configFile } = await loadConfig(root)
  const dir = positionals[0] ?? config.articlesDir
  const [{ loadArchive }, { planArchive }, reporter] = await Promise.all([import('./load.ts'), import('./plan.ts'), importReporter()])
  const archive = await loadArchive(dir)
  // The whole plan, not only the parse: URL, slug, tag and author clashes are found there.
  const vocabularyFile = await readOptional(path.resolve(root, config.vocabulary), config.vocabulary)
  const overridesFile = await readOptional(path.resolve(root, config.conversionOverrides), config.conversionOverrides)
  const planned = planArchive(archive.articleRecords, archive.files, config, vocabularyFile, overridesFile)
  const files = [configFile, ...planned.files]
  const report = reporter(files, { quiet: true })
  process.stderr.write(report ? `${report}\n` : '')
  process.stderr.write(`${archive.files.length} files, ${archive.articleRecords.length} articles checked\n`)
  return planned.failed || configFile.messages.some((message) => message.fatal) ? 1 : 0
}

const siteOptions = { articles: { type: 'string' }, out: { type: 'string' }, 'base-url': { type: 'string' }, 'cache-dir': { type: 'string' } } as const

/** The config file with the command line's --articles, --out and --base-url over it; null after reporting a bad config. */
async function siteSettings(values: { articles?: string; out?: string; 'base-url'?: string }): Promise<SiteConfig | null> {
  const { config, file } = await loadConfig(process.cwd())
  if (file.messages.some((message) => message.fatal)) {
    process.stderr.write(`${(await importReporter())([file])}\n`)
    return null
  }
  const baseUrl = values['base-url']
  if (baseUrl !== undefined && !isBaseUrl(baseUrl)) throw new Error(`--base-url must be an absolute http(s) URL such as https://example.org/archive/, not \`${baseUrl}\``)
  return {
    ...config,
    articlesDir: values.articles ?? config.articlesDir,
    outDir: values.out ?? config.outDir,
    baseUrl: baseUrl === undefined ? config.baseUrl : withTrailingSlash(baseUrl),
  }
}

async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...siteOptions, workers: { type: 'string' }, stats: { type: 'string' } } })
  const workers = values.workers === undefined ? undefined : Number(values.workers)
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new Error(`--workers must be a whole number from 0, not \`${values.workers}\``)
  const settings = await siteSettings(values)
  if (settings === null) return 1
  // Loaded on demand: parse and check start faster without the renderer's dependencies.
  const { build } = await import('./build.ts')
  const cacheDir = values['cache-dir'] === undefined ? undefined : path.resolve(values['cache-dir'])
  return build(settings, { root: process.cwd(), cacheDir, workers, statsFile: values.stats === undefined ? undefined : path.resolve(values.stats), log: (line: string) => process.stderr.write(`${line}\n`) })
}

async function devCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...siteOptions, host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8080' } } })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not \`${values.port}\``)
  const settings = await siteSettings(values)
  if (settings === null) return 1
  const { createBuilder } = await import('./build.ts')
  const { startDev } = await import('./dev.ts')
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const root = process.cwd()
  const builder = createBuilder(settings, { root, log, progress: true, saveInBackground: true })
  const watchPaths = [settings.articlesDir, 'templates', 'public', configFileName, settings.vocabulary, settings.conversionOverrides].map((file) => path.resolve(root, file))
  const dev = await startDev(builder, { host: values.host, port, watchPaths, log })
  log(`Serving ${settings.outDir}/ at ${dev.url} — watching for changes (Ctrl-C to stop)`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await dev.close()
  await builder.settled()
  return 0
}

async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'issue-date': { type: 'string' }, page: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  })
  if (positionals.length !== 1) throw new Error('name one raw page file')
  const pagePath = positionals[0] as string
  const [{ readSource }, { parseRawPage }, { importPage }, reporter] = await Promise.all([import('./load.ts'), import('./parse/raw-page.ts'), import('./import.ts'), importReporter()])
  const file = await readSource(pagePath)
  const page = parseRawPage(file, { issueDate: values['issue-date'], page: values.page === undefined ? undefined : Number(values.page) })
  const report = reporter([file], { quiet: true })
  if (report) process.stderr.write(`${report}\n`)
  if (page === null) return 1
  const outDir = values.out ?? path.dirname(pagePath)
  const articles = importPage(page).map((article) => ({ ...article, target: path.join(outDir, article.name) }))
  const existing = articles.filter((article) => existsSync(article.target))
  if (existing.length > 0 && !values.force) {
    process.stderr.write(`news-archive import: would overwrite ${existing.map((article) => article.target).join(', ')}; nothing written (use --force to replace them)\n`)
    return 1
  }
  await mkdir(outDir, { recursive: true })
  for (const article of articles) await writeFile(article.target, article.text)
  process.stderr.write(`Wrote ${articles.length} Markdown articles to ${outDir}/. Move ${pagePath} out of the articles folder: both would claim the same URLs.\n`)
  return 0
}

/** The record as `parse` prints it: the fields of seed-expected.json first, then the rest. */
function publicShape(record: ArticleRecord): Record<string, unknown> {
  const { headline, kicker, subheadline, bylines, dateline, continuedFrom, continuedTo, sections, sourceLines, ...rest } = record
  return {
    headline,
    kicker,
    subheadline,
    bylines: bylines.map(({ role, names, ...more }) => ({ role, names, ...more })),
    dateline,
    continuedFrom,
    continuedTo,
    sections: sections.map(({ heading, paragraphs, ...more }) => ({ heading, paragraphs, ...more })),
    sourceLines,
    ...rest,
  }
}

/** The config file in `root` over the defaults; a missing file means the defaults. */
export async function loadConfig(root: string): Promise<{ config: SiteConfig; file: VFile }> {
  const file = await readOptional(path.join(root, configFileName), configFileName)
  if (file === null) return { config: { ...defaultConfig }, file: new VFile({ path: configFileName }) }
  return { config: parseConfig(file), file }
}

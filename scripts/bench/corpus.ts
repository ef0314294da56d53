// The bench's corpus: generated once per (articles, seed, start date, generator source) under
// .cache/bench/, and reused while that key holds.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

export interface CorpusKey {
  articles: number
  seed: number
  /** First issue day; the default keeps the last issue in the past for the given size. */
  startDate?: string
}

export interface Corpus {
  dir: string
  /** Raw pages, the input of news-archive. */
  rawDir: string
  /** The same articles as Markdown with front matter, for the peers (only when asked for). */
  markdownDir: string
  startDate: string
  generated: boolean
}

/** The generator starts in 2010 and runs two issues a week; past ~20,000 articles that reaches the future, which the parser refuses. */
export function defaultStartDate(articles: number): string {
  return articles <= 20_000 ? '2010-01-05' : '1970-01-06'
}

/** Make sure the corpus for `key` exists under `benchDir` (with its Markdown twin if `markdown`); generate it if not. */
export async function ensureCorpus(root: string, benchDir: string, key: CorpusKey, markdown: boolean, log: (line: string) => void): Promise<Corpus> {
  const startDate = key.startDate ?? defaultStartDate(key.articles)
  const dir = path.join(benchDir, `corpus-${key.articles}-seed${key.seed}${key.startDate ? `-${startDate}` : ''}`)
  const corpus = { dir, rawDir: path.join(dir, 'raw'), markdownDir: path.join(dir, 'markdown'), startDate }
  // A change to the generator changes the corpus: its source is part of the key.
  const generatorSource = await Promise.all(['corpus.ts', 'corpus-phrases.ts', 'generate-corpus.ts'].map((file) => readFile(path.join(root, 'scripts', file))))
  const stamp = JSON.stringify({ articles: key.articles, seed: key.seed, startDate, generator: createHash('sha256').update(Buffer.concat(generatorSource)).digest('hex').slice(0, 16) })
  const stampFile = path.join(dir, 'corpus.json')
  const markdownStampFile = path.join(dir, 'markdown.json')
  const current = existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp
  const currentMarkdown = current && existsSync(markdownStampFile) && (await readFile(markdownStampFile, 'utf8')) === stamp
  if (current && (!markdown || currentMarkdown)) return { ...corpus, generated: false }

  await rm(dir, { recursive: true, force: true })
  log(`generating ${key.articles} articles (seed ${key.seed}, from ${startDate})${markdown ? ' with Markdown' : ''} → ${path.relative(root, dir)}`)
  const args = ['--import', 'tsx', path.join(root, 'scripts/generate-corpus.ts'), '--articles', String(key.articles), '--seed', String(key.seed), '--start-date', startDate, '--out', corpus.rawDir]
  if (markdown) args.push('--markdown', corpus.markdownDir)
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`corpus generation failed:\n${run.stderr}`)
  if (run.stderr.includes('warning')) log(run.stderr.trim())
  await writeFile(stampFile, stamp)
  if (markdown) await writeFile(markdownStampFile, stamp)
  return { ...corpus, generated: true }
}

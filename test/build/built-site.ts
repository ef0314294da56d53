// Building an archive into a temp folder and reading the result back, for the whole-site tests.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { runCli } from '../helpers/cli.ts'

/** The fixture archive's articles folder (see test/fixtures/archive/README.md). */
export const fixtureArticles = fileURLToPath(new URL('../fixtures/archive/articles/', import.meta.url))

/** The repository's sample articles folder (what `npm run build` builds). */
export const sampleArticles = fileURLToPath(new URL('../../articles/', import.meta.url))

/** The repository root: build() finds templates/, public/ and tags.yaml here (the CLI uses the cwd). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))

/** A fresh empty temp folder. */
export function tempDir(prefix = 'news-archive-build-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix))
}

/** Run `news-archive build --articles <articles> --out <out> [...extra]` in-process, with a cache beside the output. */
export function buildSite(articles: string, out: string, extra: string[] = []): ReturnType<typeof runCli> {
  // The cache goes beside the output, so tests leave nothing in the repository's .cache/.
  return runCli(['build', '--articles', articles, '--out', out, '--cache-dir', path.join(path.dirname(out), '.cache'), ...extra])
}

/** Every file under `dir`, as sorted `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

/** Relative path → sha256 of its bytes, for every file under `dir`. */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((file) => [file, createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex')]))
}

/** The built page for a site URL path (`/2019/` → `2019/index.html`), parsed. */
export function readPage(out: string, urlPath: string): Root {
  const relative = urlPath.replace(/^\//, '')
  const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative
  return fromHtml(readFileSync(path.join(out, file), 'utf8'))
}

/** The built page's source text for a site URL path. */
export function readPageText(out: string, urlPath: string): string {
  const relative = urlPath.replace(/^\//, '')
  return readFileSync(path.join(out, relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative), 'utf8')
}

/** Every URL an element points at through href or src (srcset is split into its URLs). */
export function linkTargets(element: Element): string[] {
  const { href, src, srcSet } = element.properties
  const targets: string[] = []
  if (typeof href === 'string') targets.push(href)
  if (typeof src === 'string') targets.push(src)
  if (Array.isArray(srcSet)) targets.push(...srcSet.map((candidate) => String(candidate).trim().split(/\s+/)[0] ?? ''))
  return targets
}

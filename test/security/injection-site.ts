// Building the injection fixture (test/fixtures/injection/) as a project of its own: its config,
// vocabulary and articles in a temp folder, with the repository's public/ and templates.
import { cpSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/cli.ts'
import type { SiteConfig } from '../../src/config.ts'
import { repositoryRoot, tempDir } from '../build/built-site.ts'

const fixture = fileURLToPath(new URL('../fixtures/injection/', import.meta.url))

/** The sentinel every injected script in the fixture sets. */
export const sentinel = '__pwned'

/** What the fixture's config and pages hold, as the reader must see it. */
export const hostile = {
  siteTitle: '</title><script>window.__pwned=1</script>档案',
  paper: '"><img src=x onerror="window.__pwned=1">{{ 7*7 }}时报',
  vocabularyTag: '<svg onload="window.__pwned=1">',
  script: '<script>window.__pwned=1</script>',
  endScript: '</script><script>window.__pwned=1</script>',
  img: '"><img src=x onerror="window.__pwned=1">',
  markdownLink: '[点我](javascript:window.__pwned=1)',
  javascriptUrl: 'javascript:window.__pwned=1',
  expression: '{{ 7*7 }}',
  include: '{% include "x" %}',
  raw: '{% raw %}',
}

/** The fixture's article pages (site-relative) and what their head shows. */
export const articles = {
  /** Raw page, article 1: a parsed headline and front matter tags. */
  parsed: { url: '2020/01/06/1-1/', headline: '<script>window.__pwned=1</script>网络安全', tags: ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=1">'] },
  /** Raw page, article 2: headline and kicker from front matter overrides. */
  overridden: { url: '2020/01/06/1-2/', headline: '"><img src=x onerror="window.__pwned=1">覆盖标题', kicker: '{{ 7*7 }}</script><script>window.__pwned=1</script>' },
  /** The Markdown article. */
  markdown: {
    url: '2020/01/06/2-1/',
    headline: '<script>window.__pwned=1</script>手写文章',
    kicker: '"><img src=x onerror="window.__pwned=1">',
    subheadline: '——{{ 7*7 }}{% raw %}',
    tags: ['{{ 7*7 }}', '</script><script>window.__pwned=1</script>', 'javascript:window.__pwned=1'],
  },
}

export interface InjectionSite {
  /** The project folder (config, vocabulary, articles, public/). */
  root: string
  /** The built site. */
  out: string
  code: number
  log: string
  remove: () => void
}

/** A fresh temp project folder holding the fixture's config, vocabulary and articles and a copy of public/; its config is read. */
export async function injectionProject(): Promise<{ root: string; config: SiteConfig }> {
  const root = await tempDir('news-archive-injection-')
  for (const name of ['news-archive.yaml', 'tags.yaml', 'articles']) cpSync(path.join(fixture, name), path.join(root, name), { recursive: true })
  cpSync(path.join(repositoryRoot, 'public'), path.join(root, 'public'), { recursive: true })
  const { config, file } = await loadConfig(root)
  if (file.messages.length > 0) throw new Error(`The fixture's config has problems: ${file.messages.join('; ')}`)
  return { root, config: { ...config, outDir: path.join(root, 'site') } }
}

/** Build the injection fixture for `baseUrl` in `project` (default: a fresh one). */
export async function buildInjectionSite(baseUrl: string, project?: { root: string; config: SiteConfig }): Promise<InjectionSite> {
  const { root, config } = project ?? (await injectionProject())
  let log = ''
  const code = await build({ ...config, baseUrl }, { root, log: (line) => (log += `${line}\n`), cacheDir: null })
  return { root, out: config.outDir, code, log, remove: () => rmSync(root, { recursive: true, force: true }) }
}

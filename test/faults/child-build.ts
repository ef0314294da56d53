// Builds in a child process, as a user or CI runs them: a temp project folder and `node bin/news-archive.js build`.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generatePages } from '../../scripts/corpus.ts'
import { fixtureArticles, repositoryRoot } from '../build/built-site.ts'

const bin = path.join(repositoryRoot, 'bin', 'news-archive.js')

/** A project folder: the fixture archive plus `generatedPages` generated raw pages, and the repository's templates, public/ and settings. */
export function childProject(generatedPages: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'news-archive-faults-'))
  cpSync(fixtureArticles, path.join(root, 'articles'), { recursive: true })
  for (const name of ['templates', 'public', 'tags.yaml', 'conversion-overrides.yaml']) cpSync(path.join(repositoryRoot, name), path.join(root, name), { recursive: true })
  let count = 0
  // Seeded: the same pages on every run. Three articles a page on average, so ask for enough.
  for (const page of generatePages({ articles: generatedPages * 5, seed: 7 })) {
    if (count++ === generatedPages) break
    const file = path.join(root, 'articles', 'generated', page.path)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, page.text)
  }
  return root
}

export interface ChildBuild {
  child: ChildProcess
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; milliseconds: number }>
}

/** Start `news-archive build --articles articles --out <out> [...extra]` in `root`, with `env` over this process's environment. */
export function startBuild(root: string, out: string, env: Record<string, string> = {}, extra: string[] = []): ChildBuild {
  const started = performance.now()
  const child = spawn(process.execPath, [bin, 'build', '--articles', 'articles', '--out', out, ...extra], {
    cwd: root,
    env: { ...process.env, CI: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)))
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; milliseconds: number }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr, milliseconds: performance.now() - started }))
  })
  return { child, done }
}

/** Run a build to its end. */
export function runBuild(root: string, out: string, env: Record<string, string> = {}, extra: string[] = []) {
  return startBuild(root, out, env, extra).done
}

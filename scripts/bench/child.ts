// The warm process of `npm run bench`: builds the way `news-archive dev` does (one Builder, cold →
// no change → one edit → the same place edited again; the second site tree made between the first two, each later build told
// what changed, as the watcher tells it), and prints each build's figures as a line `BENCH {json}` on stdout. (The
// fresh builds run `news-archive build --stats` itself: see run.ts.)
//   node --import tsx scripts/bench/child.ts '{"root":…,"articlesDir":…,"outDir":…,"cacheDir":…}'
import path from 'node:path'
import { createBuilder, type BuildStats } from '../../src/build.ts'
import { defaultConfig } from '../../src/config.ts'
import { editOnePage } from './edit.ts'
import { treeSize } from './measure.ts'
import type { Step } from './report.ts'

export interface ChildOptions {
  /** The project folder (templates, public files, vocabulary). */
  root: string
  articlesDir: string
  outDir: string
  cacheDir: string
}

/** What a child reports for one build: what `build --stats` writes, and more. */
export interface ChildReport extends BuildStats {
  step: Step
  edit?: { file: string; line: number; before: string; after: string }
  /** Bytes of the files this build wrote. */
  bytesWritten?: number
}

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions
const config = { ...defaultConfig, articlesDir: options.articlesDir, outDir: options.outDir }
// As `news-archive dev`: the cache is saved in the background, and the next build waits for it.
const builder = createBuilder(config, { root: options.root, log: () => {}, progress: false, cacheDir: options.cacheDir, saveInBackground: true })

async function measure(step: ChildReport['step'], edit?: ChildReport['edit'], changedPaths?: string[]): Promise<boolean> {
  // File times come from a coarse clock, and treeSize allows for it: keep the last build's writes out of this one's window.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const startedEpoch = Date.now()
  const startedAt = performance.now()
  const result = await builder.build(changedPaths && { changedPaths })
  const endedAt = performance.now()
  const report: ChildReport = {
    step,
    ok: result.ok,
    summary: result.ok ? result.summary : `${result.summary}\n${result.report}`,
    startedAt,
    endedAt,
    timings: result.timings,
    render: result.render,
    files: result.files,
    renderedPages: result.renderedRoutes.length,
    maxRssKb: process.resourceUsage().maxRSS,
    ...(edit ? { edit } : {}),
    bytesWritten: (await treeSize(options.outDir, startedEpoch)).writtenBytes,
  }
  process.stdout.write(`BENCH ${JSON.stringify(report)}\n`)
  return result.ok
}

if (await measure('cold')) {
  // As the dev loop does while the editor reads the site.
  await builder.prepare()
  if (await measure('no-change', undefined, [])) {
    for (const step of ['edit', 'edit-again'] as const) {
      const edit = await editOnePage(options.articlesDir)
      if (!(await measure(step, edit, [path.join(options.articlesDir, edit.file)]))) break
    }
  }
}

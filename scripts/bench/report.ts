// The bench's result: its JSON shape and the table printed on the terminal.
import type { BuildResult } from '../../src/build.ts'
import { describeMachine, type Machine } from './measure.ts'

export type Step = 'cold' | 'no-change' | 'edit' | 'edit-again'

/** One measured build. */
export interface BenchRow {
  step: Step
  /** Fresh process: spawn to exit. Warm: the build() call alone. */
  wallMs: number
  /** Fresh process: from process start to the build's start (node, tsx, module loading); 0 when warm. */
  startupMs: number
  /** The build's own figures, by stage (ms); render includes conversion and search, which overlap it. */
  timings: BuildResult['timings']
  renderedPages: number
  files: BuildResult['files']
  bytesWritten: number
  /** Kilobytes: the process's peak so far (warm: the same process for all three steps). */
  peakRssKb: number
  edit?: { file: string; line: number; before: string; after: string }
}

export interface BenchResult {
  tool: 'news-archive bench'
  date: string
  articles: number
  seed: number
  startDate: string
  runs: number
  machine: Machine
  corpus: { rawPages: number; rawBytes: number }
  /** The site after the cold build: every file and byte of the live tree. */
  site: { files: number; bytes: number }
  /** Each build in a fresh process (as `news-archive build` runs in CI): the median run by wall time. */
  fresh: BenchRow[]
  /** One process, one Builder, four builds (as `news-archive dev` runs): the median run by wall time. */
  warm: BenchRow[]
  /** Every run, when runs > 1. */
  samples?: { fresh: BenchRow[][]; warm: BenchRow[][] }
}

const stepNames: Record<Step, string> = { cold: 'cold', 'no-change': 'no change', edit: 'one edit', 'edit-again': 'edit again' }
const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 3 : 2)
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)

/** The result as the terminal shows it. */
export function formatTable(result: BenchResult): string {
  const head = ['step', 'wall s', 'startup', 'load', 'plan', 'render', '(conv.)', '(search)', 'write', 'build s', 'pages', 'files', 'linked', 'MB written', 'peak RSS MB']
  const rowCells = (row: BenchRow) => [
    stepNames[row.step],
    seconds(row.wallMs),
    seconds(row.startupMs),
    seconds(row.timings.load),
    seconds(row.timings.plan),
    seconds(row.timings.render),
    seconds(row.timings.conversion),
    seconds(row.timings.search),
    seconds(row.timings.write),
    seconds(row.timings.total),
    String(row.renderedPages),
    String(row.files.written),
    String(row.files.linked),
    megabytes(row.bytesWritten),
    String(Math.round(row.peakRssKb / 1024)),
  ]
  const table = (rows: BenchRow[]) => {
    const cells = [head, ...rows.map(rowCells)]
    const widths = head.map((_, column) => Math.max(...cells.map((line) => (line[column] ?? '').length)))
    return cells.map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n')
  }
  const edit = result.fresh.find((row) => row.edit)?.edit
  return [
    `news-archive bench: ${result.articles} articles (seed ${result.seed}, issues from ${result.startDate}), ${result.corpus.rawPages} raw pages (${megabytes(result.corpus.rawBytes)} MB); site ${result.site.files} files, ${megabytes(result.site.bytes)} MB${result.runs > 1 ? `; median of ${result.runs} runs` : ''}`,
    `machine: ${describeMachine(result.machine)}; peak RSS by ${result.machine.peakRssSource}`,
    '',
    'Fresh process per build (as `news-archive build` in CI): times in seconds',
    table(result.fresh),
    '',
    'Warm, one process and one Builder (as `news-archive dev`): wall = the build() call',
    table(result.warm),
    '',
    'render includes (conv.) = zh-Hans → zh-Hant conversion and (search) = search index; pages = pages rendered; files = files written; linked = unchanged files hard-linked from the previous site; ' +
      'MB written = bytes of the files written.',
    ...(edit ? [`one edit: ${edit.file} line ${edit.line}, 「${edit.before}」 → 「${edit.after}」; edit again: the same place changed again (the second site tree now exists)`] : []),
  ].join('\n')
}

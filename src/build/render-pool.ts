// Rendering on every core. Each worker plans the same archive from the same records (in parallel
// with the main thread's own plan), then renders the routes it is handed by index; this thread
// renders from the front of the job list while the workers take batches from the back, so the two
// ends meet wherever the work happens to balance.
// Written on worker_threads rather than piscina or tinypool: a worker here holds one planned
// archive for the whole build, set up by a message to that worker, which a pool of stateless
// tasks does not address.
import { availableParallelism } from 'node:os'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import type { SiteConfig } from '../config.ts'
import type { ParseHelp } from '../load.ts'
import type { ParseCacheEntry } from '../parse-cache.ts'
import type { ParsedPage } from '../types.ts'
import type { PageFile } from './page-files.ts'

/** What a worker needs to plan the archive as the main thread does. */
export interface WorkerSetup {
  config: SiteConfig
  templateSources: [name: string, text: string][]
  vocabulary: { path: string; value: string } | null
  overrides: { path: string; value: string } | null
  /** Every source's key, in the archive's order, and the parsed pages of those the worker did not parse itself. */
  archive: { sourceKeys: string[]; pages: [key: string, page: ParsedPage | null][] }
}

/** A source for a worker to parse: its cache key, path (as its VFile has it) and bytes. */
export interface SourceToParse {
  key: string
  path: string
  bytes: Uint8Array
}

/** One page to render: [variant index, route index]. */
export type RenderJob = [variant: number, route: number]

export type WorkerRequest =
  /** `keep`: hold the pages for the setup to come; a worker that only parses keeps nothing. */
  | { type: 'parse'; batch: number; sources: SourceToParse[]; keep: boolean }
  | { type: 'setup'; setup: WorkerSetup }
  | { type: 'render'; batch: number; jobs: RenderJob[] }
export type WorkerReply =
  /** What parsing each source gave, as the parse cache keeps it. */
  | { type: 'parsed'; batch: number; entries: [key: string, entry: ParseCacheEntry][] }
  | { type: 'ready'; routesKey: string }
  | { type: 'failed'; message: string }
  /** Files per job, in order; null where the worker failed and the main thread must render the job itself. */
  | { type: 'rendered'; batch: number; results: (PageFile[] | null)[]; conversionMilliseconds: number }

/** Jobs a worker takes at once: enough to make a message worth its cost, few enough to balance at the end. */
const batchSize = 16

/** Batches a worker is given ahead: it starts the next while this thread is still writing the last one's files. */
const batchesAhead = 2

/** Workers to start by default: one per core beside the main thread's. */
export function defaultWorkerCount(): number {
  return Math.max(0, availableParallelism() - 1)
}

/** Render workers for one build; `close` ends them. */
export class RenderPool {
  private readonly workers: RenderWorker[]

  /**
   * Start `count` workers now: they load their code while the main thread reads the archive.
   * Workers that do not render (`renders` false: an archive too large for a copy in each) only parse, and keep nothing.
   */
  constructor(
    count: number,
    readonly renders: boolean,
  ) {
    this.workers = Array.from({ length: count }, () => new RenderWorker())
  }

  /**
   * Have the workers parse the back of `sources` (their share of the bytes, this thread being one
   * more worker) while this thread parses the front; workers that render keep what they parsed
   * for their plan. The bytes of the sources handed over
   * move to the workers (`file.value` is emptied).
   * The help resolves to what they parsed: a source missing there is this thread's to read and parse.
   */
  parse(sources: readonly { file: { path: string; value: unknown }; key: string }[]): ParseHelp {
    const sizes = sources.map(({ file }) => (file.value instanceof Uint8Array ? file.value.byteLength : 0))
    let share = (sizes.reduce((sum, size) => sum + size, 0) * this.workers.length) / (this.workers.length + 1)
    let from = sources.length
    while (from > 0 && share > 0) share -= sizes[--from] as number
    const helped = sources.slice(from).filter(({ file }) => file.value instanceof Uint8Array)
    const perWorker = Math.ceil(helped.length / this.workers.length)
    const replies = this.workers.map((worker, index) => {
      const batch = helped.slice(index * perWorker, (index + 1) * perWorker)
      return batch.length === 0 ? Promise.resolve([]) : worker.parse(packed(batch), this.renders).catch(() => [])
    })
    return { keys: new Set(helped.map(({ key }) => key)), entries: Promise.all(replies).then((lists) => new Map(lists.flat())) }
  }

  /** Send every worker the archive to plan: the sources' keys in order, and the pages of those it did not parse itself. */
  setup(setup: Omit<WorkerSetup, 'archive'>, sourceKeys: string[], pageOf: (key: string) => ParsedPage | null): void {
    for (const worker of this.workers) {
      const pages = sourceKeys.filter((key) => !worker.parsedKeys.has(key)).map((key): [string, ParsedPage | null] => [key, pageOf(key)])
      worker.parsedKeys.clear()
      worker.post({ type: 'setup', setup: { ...setup, archive: { sourceKeys, pages } } })
    }
  }

  /** Milliseconds the workers have spent converting scripts. */
  get conversionMilliseconds(): number {
    return this.workers.reduce((sum, worker) => sum + worker.conversionMilliseconds, 0)
  }

  /**
   * Render `jobs`: workers whose plan has `expectedKey` take batches from the back, `renderHere`
   * takes jobs from the front; `done` receives each job's files on this thread, one at a time.
   * `first` is other work for this thread, done once the workers have a head start of
   * `first.jobs` jobs (or none can help): while it runs, this thread cannot hand out batches.
   * Resolves to the number of jobs the workers rendered.
   */
  async renderAll(
    jobs: readonly RenderJob[],
    expectedKey: string,
    renderHere: (job: RenderJob) => PageFile[],
    done: (job: RenderJob, files: PageFile[]) => Promise<void>,
    first?: { jobs: number; run: () => unknown },
  ): Promise<number> {
    let renderedByWorkers = 0
    let front = 0
    let back = jobs.length
    const finished: [RenderJob, PageFile[] | null][] = []
    let busy = 0
    let wake: (() => void) | null = null
    // Workers whose plan is this thread's, with the batches each has been given and not returned.
    const helping = new Map<RenderWorker, number>()
    let starting = this.workers.length
    let firstTask = first ?? null
    for (const worker of this.workers) {
      void worker.ready.then((key) => {
        starting--
        if (key === expectedKey) helping.set(worker, 0)
        wake?.()
      })
    }
    const waiting = () => [...helping.values()].some((given) => given < batchesAhead)
    const dispatch = () => {
      for (let [worker, given] of helping) {
        while (given < batchesAhead && back - front > batchSize) {
          const size = firstTask ? Math.max(batchSize, Math.min(firstTask.jobs, Math.floor((back - front) / 2))) : batchSize
          const batch = jobs.slice(back - size, back)
          back -= size
          busy++
          helping.set(worker, ++given)
          void worker.render(batch).then(
            (results) => {
              batch.forEach((job, index) => finished.push([job, results[index] ?? null]))
              const stillGiven = helping.get(worker)
              if (stillGiven !== undefined) helping.set(worker, stillGiven - 1)
              busy--
              wake?.()
            },
            () => {
              // A worker that died hands its batch back, and is given no more.
              batch.forEach((job) => finished.push([job, null]))
              helping.delete(worker)
              busy--
              wake?.()
            },
          )
        }
      }
    }
    for (;;) {
      dispatch()
      // A worker has its head start and none waits for one (or no worker can help, or the jobs are done).
      const headStarted = (busy > 0 || starting === 0) && (!waiting() || back - front <= batchSize)
      if (firstTask && (headStarted || (front >= back && busy === 0))) {
        const { run } = firstTask
        firstTask = null
        await run()
        continue
      }
      for (let drained = 1; finished.length > 0; drained++) {
        const [job, files] = finished.shift() as [RenderJob, PageFile[] | null]
        if (files !== null) renderedByWorkers++
        await done(job, files ?? renderHere(job))
        // Writing a batch's files takes a while: the workers are given their next batch meanwhile.
        dispatch()
        // A worker's replies arrive only between turns of the event loop. Draining the head start's
        // thousands of pages in one turn left the worker idle once its next two batches were done:
        // 1.1 s of a 10,000-article build.
        if (drained % batchSize === 0) await nextTurn()
      }
      if (front < back) {
        const job = jobs[front++] as RenderJob
        await done(job, renderHere(job))
        // Let the workers' replies in between pages.
        await nextTurn()
      } else if (busy > 0) {
        await new Promise<void>((resolve) => (wake = resolve))
        wake = null
      } else return renderedByWorkers
    }
  }

  /** End the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()))
  }
}

/**
 * The sources' bytes copied into one buffer of their own (the blocks they were read into hold
 * others), to be moved to a worker. One buffer rather than one a file: copied one by one, 14,000
 * sources freed by the worker stayed in this process's malloc heap. With the blocks let go late
 * (below), they took the peak of a 100,000-article build from 1,777 to 2,102–2,133 MiB.
 */
function packed(sources: readonly { file: { path: string; value: unknown }; key: string }[]): SourceToParse[] {
  const all = new Uint8Array(sources.reduce((sum, { file }) => sum + (file.value as Uint8Array).byteLength, 0))
  let offset = 0
  return sources.map(({ file, key }) => {
    const bytes = file.value as Uint8Array
    all.set(bytes, offset)
    offset += bytes.byteLength
    // Let go here, so that the blocks the bytes were read into go while this thread parses: let go
    // at the end of the parse, they were 320 MB still uncollected after it at 100,000 articles.
    file.value = ''
    return { key, path: file.path, bytes: all.subarray(offset - bytes.byteLength, offset) }
  })
}

/** One worker thread and its replies. */
class RenderWorker {
  readonly ready: Promise<string | null>
  conversionMilliseconds = 0
  private readonly thread: Worker
  private readonly waiting = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>()
  private nextBatch = 0

  constructor() {
    // The entry registers tsx in the worker, which then loads render-worker.ts.
    this.thread = new Worker(new URL('./render-worker-entry.js', import.meta.url))
    this.thread.unref()
    let settle: (key: string | null) => void = () => {}
    this.ready = new Promise((resolve) => (settle = resolve))
    this.thread.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') settle(reply.routesKey)
      else if (reply.type === 'failed') settle(null)
      else {
        if (reply.type === 'rendered') this.conversionMilliseconds = reply.conversionMilliseconds
        this.waiting.get(reply.batch)?.resolve(reply)
        this.waiting.delete(reply.batch)
      }
    })
    const fail = (error: Error) => {
      settle(null)
      for (const pending of this.waiting.values()) pending.reject(error)
      this.waiting.clear()
    }
    this.thread.on('error', fail)
    this.thread.on('exit', () => fail(new Error('render worker exited')))
  }

  post(request: WorkerRequest): void {
    this.thread.postMessage(request)
  }

  async render(jobs: RenderJob[]): Promise<(PageFile[] | null)[]> {
    const reply = await this.ask((batch) => ({ type: 'render', batch, jobs }))
    return reply.type === 'rendered' ? reply.results : []
  }

  /** Sources this worker has parsed (and keeps) since its last setup. */
  readonly parsedKeys = new Set<string>()

  async parse(sources: SourceToParse[], keep: boolean): Promise<[string, ParseCacheEntry][]> {
    const reply = await this.ask((batch) => ({ type: 'parse', batch, sources, keep }), [...new Set(sources.map(({ bytes }) => bytes.buffer as ArrayBuffer))])
    if (reply.type !== 'parsed') return []
    if (keep) for (const [key] of reply.entries) this.parsedKeys.add(key)
    return reply.entries
  }

  private ask(request: (batch: number) => WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    const batch = this.nextBatch++
    return new Promise((resolve, reject) => {
      this.waiting.set(batch, { resolve, reject })
      this.thread.postMessage(request(batch), transfer)
    })
  }

  async close(): Promise<void> {
    await this.thread.terminate()
  }
}

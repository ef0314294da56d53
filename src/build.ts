// The build, top to bottom: scan → load → plan → render → write, each stage named in its errors.
// A Builder remembers what it made (in memory, and in the cache folder between runs), so a rebuild
// parses, renders and writes only what changed.
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { digest, FingerprintMemo } from './build/fingerprint.ts'
import { FileProblem } from './build/problem.ts'
import { growHeapSlowly } from './build/heap.ts'
import { codeDigest, readFolder, readOptional } from './build/inputs.ts'
import type { RenderMemo, RenderStats } from './build/render.ts'
import { defaultWorkerCount, RenderPool } from './build/render-pool.ts'
import { SiteTrees, type UpdateResult } from './build/site-trees.ts'
import { markTreeChanging, readBuildState, readParseCache, readStoredTags, writeBuildState, writeParseCache, writeStoredTags, type BuildState } from './build/state.ts'
import { pageSettings, type SiteConfig } from './config.ts'
import type { ParseCache } from './parse-cache.ts'
import type { TagStore } from './plan.ts'
import type { SearchMemory } from './search/build.ts'
import { importReporter } from './report.ts'
import { readArchive } from './scan.ts'
import { defaultTemplatesDir } from './site/templates-dir.ts'
import type { ArticleRecord } from './types.ts'

/**
 * The stages that do the work (parse, plan, render) with the libraries they bring: unified, nunjucks,
 * OpenCC, pinyin-pro. Imported by the first build that has work: importing them is about 0.3 s, half
 * of a build that finds nothing changed, which needs none of them.
 */
async function importStages() {
  const [load, plan, render, conversion, search, searchCache, reporter] = await Promise.all([
    import('./load.ts'),
    import('./plan.ts'),
    import('./build/render.ts'),
    import('./build/conversion.ts'),
    import('./search/build.ts'),
    import('./build/search-cache.ts'),
    importReporter(),
  ])
  return {
    parseArchive: load.parseArchive,
    planArchive: plan.planArchive,
    createPlanMemo: plan.createPlanMemo,
    renderSite: render.renderSite,
    converterCache: conversion.converterCache,
    SearchMemory: search.SearchMemory,
    compactTermsAbove: search.compactTermsAbove,
    readSearchMemory: searchCache.readSearchMemory,
    writeSearchMemory: searchCache.writeSearchMemory,
    reporter,
  }
}

export interface BuildOptions {
  /** The project folder: config, templates/, public/ and the vocabulary are found here. */
  root: string
  log: (line: string) => void
  /** Show progress lines (on a terminal); the summary is always shown. */
  progress?: boolean
  /** Where the cache lives (default `.cache` in root); null keeps it in memory only. */
  cacheDir?: string | null
  /** Worker threads that render beside the main thread when a build renders most pages (default: one per core but one; 0: none). */
  workers?: number
  /** Source files above which workers parse but do not render (default 10,000; see defaultSourcesForWorkers). */
  renderWorkersUpTo?: number
  /**
   * Will this builder build again in this process (default: yes, as the dev loop does)? Then it keeps,
   * from build to build, what the next build reuses: the plan, the pages' fingerprints, the search
   * terms, the converted heads. A builder that builds once (`news-archive build`) keeps none of it, so
   * that memory is free again before the cache is written.
   */
  rebuilds?: boolean
  /**
   * Return from a build before what it remembers is written to the cache folder; the next build
   * (or `settled`) waits for the writing. The dev loop reloads the page sooner this way.
   */
  saveInBackground?: boolean
}

/**
 * Source files (three or four articles each) for which a cold build starts render workers: below
 * the range their start-up costs more than they save; above it, the copy of the archive each worker
 * holds (its records and plan, about 1 GB at 100,000 articles) would add to a build already over 2 GB.
 * Above it the workers only parse, keeping nothing, and end before the plan.
 */
const defaultSourcesForWorkers = { from: 50, to: 10_000 }

export type BuildStage = 'scan' | 'load' | 'plan' | 'render' | 'write'

/** An error stopping the build, with the stage and file it happened in. */
export class BuildError extends Error {
  constructor(
    readonly stage: BuildStage,
    readonly file: string | null,
    cause: unknown,
  ) {
    super(`${stage}${file ? ` ${file}` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

export interface BuildResult {
  ok: boolean
  /** Every message, as vfile-reporter prints them ('' when there are none). */
  report: string
  /** One line: articles, pages, files written, warnings, time. */
  summary: string
  /** The pages rendered in this build, as `<prefix><url>`; pages whose inputs did not change are not. */
  renderedRoutes: string[]
  files: UpdateResult
  /** Milliseconds by stage. */
  timings: Record<'load' | 'plan' | 'render' | 'conversion' | 'search' | 'write' | 'total', number>
  render: RenderStats | null
}

/** A build that can run again and again, doing only what changed since the last run. */
export interface Builder {
  readonly outDir: string
  /** Make links for a site served at `url` (the dev server's address). */
  setBaseUrl(url: string): void
  /**
   * Build what changed since the last build. `changedPaths` are the files a watcher saw change since
   * the last build began (the watcher must have been watching by then): other sources are not looked at.
   */
  build(options?: { changedPaths?: readonly string[] }): Promise<BuildResult>
  /** Resolves once the last build's cache is written (at once unless `saveInBackground`). */
  settled(): Promise<void>
  /**
   * Use idle time after a build: make the other site tree a copy of the live one, which the first
   * build that changes anything would otherwise make. The next build waits for it.
   */
  prepare(): Promise<void>
}

/** A builder for `config`, remembering its work between builds. */
export function createBuilder(initialConfig: SiteConfig, options: BuildOptions): Builder {
  let config = initialConfig
  const at = (file: string) => path.resolve(options.root, file)
  const cacheDir = options.cacheDir === undefined ? at('.cache') : options.cacheDir
  const outDir = at(config.outDir)
  let memory: { codeKey: string; parseCache: ParseCache | null; parseShards: Map<string, string>; state: BuildState } | null = null
  const rebuilds = options.rebuilds ?? true
  // The stages, and what they keep from build to build, made by the first build that has work.
  let work: Awaited<ReturnType<typeof startWork>> | null = null
  const startWork = async () => {
    const stages = await importStages()
    return {
      stages,
      converters: stages.converterCache(),
      // The last plan and the walks of its routes: an edit that changes no route's shape reuses both.
      planMemo: rebuilds ? stages.createPlanMemo() : undefined,
      // Every story's search terms and the last shard files, so a rebuild scans only the stories that changed.
      search: rebuilds ? new stages.SearchMemory() : (undefined as SearchMemory | undefined),
    }
  }
  // Heads of records converted to the other script (variants/head.ts), kept while the converters are the same.
  let conversions = { key: '', records: new Map<string, ArticleRecord>() }
  const fingerprints = rebuilds ? new FingerprintMemo() : undefined
  let renderMemo: RenderMemo | undefined
  // Stored tags are read by the first build that plans: later ones have the records' tags in memory.
  let tagsRead = false
  // Paths a watcher saw change since the last successful build (which may be followed by failed ones).
  let watchedChanges = new Set<string>()

  // The last build's cache writing, when it goes on in the background.
  let saving: Promise<void> = Promise.resolve()
  const saveState = async () => {
    if (cacheDir && memory) await writeBuildState(cacheDir, outDir, memory.codeKey, memory.state)
  }

  /**
   * Before the other tree of `trees` is first touched: it is unknown from now on, in memory and on
   * disk, so that a kill cannot leave a stale promise of its files. `state` is what else to forget.
   */
  const markChanging = (trees: SiteTrees, state: Partial<BuildState> = {}) => async (tree: 'a' | 'b') => {
    memory!.state = { ...memory!.state, ...state, trees: trees.remembered }
    if (cacheDir) await markTreeChanging(cacheDir, outDir, tree)
  }

  return {
    outDir,
    settled: () => saving,
    prepare() {
      const mirror = async () => {
        if (memory?.state.trees === undefined) return
        const trees = await SiteTrees.open(outDir, memory.state.trees)
        if (await trees.mirrorLive(markChanging(trees))) {
          memory.state = { ...memory.state, trees: trees.remembered }
          await saveState()
        }
      }
      saving = saving.then(mirror).catch((error: unknown) => options.log(`Could not prepare the next site tree: ${error instanceof Error ? error.message : String(error)}`))
      return saving
    },
    setBaseUrl(url) {
      config = { ...config, baseUrl: url }
    },
    async build(buildOptions = {}) {
      await saving
      for (const changed of buildOptions.changedPaths ?? []) watchedChanges.add(path.resolve(options.root, changed))
      const changedPaths = buildOptions.changedPaths ? watchedChanges : undefined
      const started = performance.now()
      let pool = null as RenderPool | null
      const timings: BuildResult['timings'] = { load: 0, plan: 0, render: 0, conversion: 0, search: 0, write: 0, total: 0 }
      const lap = (name: keyof BuildResult['timings'], since: number) => (timings[name] += performance.now() - since)
      const failed = (report: string, reason: string): BuildResult => ({
        ok: false,
        report,
        summary: `Build failed: ${reason}; ${config.outDir}/ is as it was.`,
        renderedRoutes: [],
        files: { written: 0, linked: 0, removed: 0, swapped: false },
        timings: { ...timings, total: performance.now() - started },
        render: null,
      })
      try {
        // scan and read
        let since = performance.now()
        if (memory === null) {
          const codeKey = await codeDigest(digest)
          memory = {
            codeKey,
            // Read when something must be parsed: a build that finds nothing changed never needs it.
            parseCache: null,
            parseShards: new Map(),
            state: cacheDir ? await readBuildState(cacheDir, outDir, codeKey) : { routes: new Map(), trees: undefined, last: undefined },
          }
        }
        const vocabularyFile = await readOptional(at(config.vocabulary), config.vocabulary)
        const overridesFile = await readOptional(at(config.conversionOverrides), config.conversionOverrides)
        if (!existsSync(at(config.articlesDir))) throw new BuildError('scan', config.articlesDir, new Error('articles folder does not exist'))
        // With no build to start from every page is rendered: for a large archive, start the workers now,
        // so that they load their code while this thread reads the archive.
        const workers = options.workers ?? defaultWorkerCount()
        const sourcesForWorkers = { ...defaultSourcesForWorkers, to: options.renderWorkersUpTo ?? defaultSourcesForWorkers.to }
        const onScan = (paths: readonly string[]) => {
          if (workers > 0 && memory!.state.sources === undefined && paths.length >= sourcesForWorkers.from) pool = new RenderPool(workers, paths.length <= sourcesForWorkers.to)
          // An archive too large for workers holds over a gigabyte live to the end of a one-shot build.
          if (!rebuilds && paths.length > sourcesForWorkers.to) growHeapSlowly()
        }
        const read = await stage('scan', config.articlesDir, () => readArchive(at(config.articlesDir), { root: options.root, onScan, stamps: memory!.state.sources, changedPaths }))
        const templatesDirName = existsSync(at('templates')) ? 'templates' : defaultTemplatesDir
        const templates = await readFolder(at(templatesDirName))
        const publicFiles = await readFolder(at('public'))

        // Nothing changed since the last build (sources, settings, templates, public/) and the live
        // site is where it was: the site is the same, so there is nothing to parse, plan, render or write.
        const settingsKey = digest(memory.codeKey, JSON.stringify(pageSettings(config)), String(vocabularyFile?.value ?? ''), String(overridesFile?.value ?? ''))
        const inputKey = digest(settingsKey, ...read.sources.map((source) => source.key), ...[...templates, ...publicFiles].flatMap(([name, bytes]) => [name, bytes]))
        const unchanged = memory.state.last
        if (unchanged?.inputKey === inputKey && (await SiteTrees.isLive(outDir, memory.state.trees))) {
          // Sources read for their digests (touched, not changed) are known by their new stamps from now on.
          if (read.sources.some((source) => source.file.value)) {
            memory.state = { ...memory.state, sources: read.stamps }
            await saveState()
          }
          watchedChanges = new Set()
          timings.total = performance.now() - started
          return {
            ok: true,
            report: unchanged.report,
            summary: `Nothing changed since the last build: ${config.outDir}/ is up to date (${unchanged.articles} articles, ${unchanged.pages} pages), checked in ${(timings.total / 1000).toFixed(2)} s.`,
            renderedRoutes: [],
            files: { written: 0, linked: 0, removed: 0, swapped: false },
            timings,
            render: null,
          }
        }

        // load
        work ??= await startWork()
        const { parseArchive, planArchive, renderSite, writeSearchMemory, reporter } = work.stages
        const { planMemo, converters } = work
        if (memory.parseCache === null && cacheDir) {
          const stored = await readParseCache(cacheDir, memory.codeKey)
          memory.parseCache = stored.cache
          memory.parseShards = stored.shardKeys
        }
        const usedParses: ParseCache = new Map()
        // The workers parse their share of what must be parsed; those that will render keep it: fewer records to send them.
        const toParse = read.sources.filter(({ key }) => !memory!.parseCache?.has(key))
        const help = pool !== null && toParse.length >= sourcesForWorkers.from ? pool.parse(toParse) : undefined
        const loaded = await stage('load', config.articlesDir, () => parseArchive(read, memory!.parseCache ?? undefined, usedParses, help))
        memory.parseCache = usedParses
        if (pool !== null && !pool.renders) {
          // Their part done: workers that hold no plan end now, before the plan and pages peak.
          await pool.close()
          pool = null
        }
        lap('load', since)
        const source = (file: typeof vocabularyFile) => (file ? { path: file.path, value: String(file.value) } : null)
        pool?.setup(
          {
            config,
            templateSources: [...templates].map(([name, bytes]) => [name, bytes.toString('utf8')]),
            vocabulary: source(vocabularyFile),
            overrides: source(overridesFile),
          },
          read.sources.map(({ key }) => key),
          (key) => usedParses.get(key)?.page ?? null,
        )
        // A build that builds once writes the parses now, with the least live, and only now: at its
        // end, where a build peaks, writing those of 100,000 articles added 57 MB to the peak. A
        // builder that builds again writes them with its state, in the background if asked.
        if (!rebuilds && cacheDir) memory.parseShards = await writeParseCache(cacheDir, memory.codeKey, usedParses, memory.parseShards)

        // plan
        since = performance.now()
        // Tagging reads every article's whole text (0.5 s at 10,000 articles): the first build of a
        // process takes the tags a build stored of the records it has, by their source's digest and
        // place in it. Later builds of a builder have the tags of the records they met in memory.
        const tagStore: TagStore | undefined =
          cacheDir && !tagsRead ? { keyOf: (record) => `${loaded.keyBySource.get(record.source) ?? record.source}:${record.position}`, stored: await readStoredTags(cacheDir, memory.codeKey) } : undefined
        tagsRead = true
        const planned = await stage('plan', null, () => planArchive(loaded.articleRecords, loaded.files, config, vocabularyFile, overridesFile, planMemo, tagStore))
        // As the parses: a one-shot build stores the tags now and lets them go (at 100,000 articles the
        // stored and the new are two maps of 100,000 entries), a builder that builds again with its state.
        let tagsToStore = planned.tags && worthStoring(loaded.articleRecords.length - planned.tags.restored, loaded.articleRecords.length) ? planned.tags.toStore() : undefined
        planned.tags = undefined
        if (tagStore) tagStore.stored = undefined
        if (!rebuilds && cacheDir && tagsToStore) {
          await writeStoredTags(cacheDir, memory.codeKey, tagsToStore)
          tagsToStore = undefined
        }
        const { files, overrides } = planned
        const plan = { routes: planned.routes }
        const report = reporter(files, { quiet: true })
        lap('plan', since)
        if (planned.failed) {
          if (rebuilds && cacheDir) memory.parseShards = await writeParseCache(cacheDir, memory.codeKey, usedParses, memory.parseShards)
          return failed(report, 'nothing was written')
        }

        // render and write
        since = performance.now()
        const conversionKey = digest(config.traditional, String(overridesFile?.value ?? ''))
        const timed = converters(conversionKey, config.traditional, overrides)
        if (conversions.key !== conversionKey) conversions = { key: conversionKey, records: new Map() }
        // A new process reads every story's search terms from the cache rather than scanning every
        // story again (1.5 s of 5.5 at 10,000 articles). Above compactTermsAbove a one-shot build
        // keeps them compact instead: held whole, they would take its peak past 2 GB at 100,000.
        const storesSearchTerms = cacheDir !== null && loaded.articleRecords.length <= work.stages.compactTermsAbove
        let search = work.search
        if (storesSearchTerms && (search?.isEmpty ?? true)) {
          search = (await work.stages.readSearchMemory(cacheDir, memory.codeKey)) ?? search ?? new work.stages.SearchMemory()
          if (rebuilds) work.search = search
        }
        // A rebuild renders lists of mostly unchanged articles: heads converted before stay, until
        // edits have left more than one stale head per article; then only this build's are kept.
        const usedConversions = !rebuilds || conversions.records.size > 2 * loaded.articleRecords.length ? new Map<string, ArticleRecord>() : conversions.records
        const trees = await SiteTrees.open(outDir, memory.state.trees)
        const rendered = await renderSite({
          config,
          plan,
          loaded,
          templates,
          templatesDirName,
          publicFiles,
          converters: timed.converters,
          settingsKey,
          trees,
          remembered: memory.state.routes,
          fingerprints,
          conversions: { previous: conversions.records, next: usedConversions },
          search,
          // A one-shot build stores the terms as soon as the index is made, and lets them go: held to
          // its end, where a build peaks, they added 20–35 MB at 10,000 articles, 50–180 MB on one thread.
          afterSearchIndex: rebuilds
            ? undefined
            : async (scannedStories) => {
                if (storesSearchTerms && search && worthStoring(scannedStories, loaded.articleRecords.length)) await writeSearchMemory(cacheDir, memory!.codeKey, search)
                search?.forget()
              },
          memo: renderMemo,
          remember: rebuilds,
          pool,
          beforeFirstWrite: markChanging(trees, { last: undefined }),
          progress: options.progress ?? (process.stderr.isTTY === true && process.env.CI !== 'true') ? options.log : null,
        }).catch((error: unknown) => {
          throw error instanceof BuildError || error instanceof FileProblem ? error : new BuildError('render', null, error)
        })
        // Conversion on every thread: with workers this can exceed its share of the wall time.
        timings.conversion = timed.milliseconds() + (pool?.conversionMilliseconds ?? 0)
        timings.search = rendered.stats.searchMilliseconds
        timings.write = rendered.stats.writeMilliseconds
        timings.render = performance.now() - since - timings.write
        renderMemo = rendered.memo ?? undefined
        watchedChanges = new Set()
        memory.state = {
          routes: rendered.routes,
          trees: trees.remembered,
          last: { inputKey, report, articles: loaded.articleRecords.length, pages: rendered.pageCount },
          sources: read.stamps,
        }
        if (rebuilds) conversions = { key: conversionKey, records: usedConversions }
        const searchToStore = rebuilds && storesSearchTerms && worthStoring(rendered.stats.searchScannedStories, loaded.articleRecords.length) ? search : undefined
        if (cacheDir && (rendered.files.swapped || rendered.renderedRoutes.length > 0 || loaded.parsed > 0)) {
          const remembered = memory
          const save = async () => {
            if (rebuilds) remembered.parseShards = await writeParseCache(cacheDir, remembered.codeKey, usedParses, remembered.parseShards)
            if (searchToStore) await writeSearchMemory(cacheDir, remembered.codeKey, searchToStore)
            if (rebuilds && tagsToStore) await writeStoredTags(cacheDir, remembered.codeKey, tagsToStore)
            await saveState()
          }
          if (options.saveInBackground) {
            // The cache only saves work: a save that fails is reported, and the next build writes every shard again.
            saving = save().catch((error: unknown) => {
              remembered.parseShards = new Map()
              options.log(`Could not save the cache in ${cacheDir}: ${error instanceof Error ? error.message : String(error)}`)
            })
          } else await save()
        }
        timings.total = performance.now() - started
        const warnings = files.reduce((count, file) => count + file.messages.length, 0)
        const summary =
          `Built ${loaded.articleRecords.length} articles from ${loaded.files.length} files (${loaded.parsed} parsed${loaded.parsedElsewhere > 0 ? `, ${loaded.parsedElsewhere} of them by worker threads` : ''}) into ${rendered.pageCount} pages ` +
          `(${rendered.renderedRoutes.length} rendered${rendered.stats.workerPages > 0 ? `, ${rendered.stats.workerPages} of them by worker threads` : ''}; ${rendered.files.written} files written, ${rendered.files.removed} removed) in ${config.outDir}/ in ${(timings.total / 1000).toFixed(2)} s; ${warnings} warnings. ` +
          `Search index: ${formatBytes(rendered.stats.searchBytes)} in ${rendered.stats.searchFiles} files (${(timings.search / 1000).toFixed(2)} s). ` +
          `Script conversion (zh-Hans ⇄ zh-Hant): ${(timings.conversion / 1000).toFixed(2)} s, ${((100 * timings.conversion) / timings.total).toFixed(1)}% of the build.`
        return { ok: true, report, summary, renderedRoutes: rendered.renderedRoutes, files: rendered.files, timings, render: rendered.stats }
      } catch (error) {
        if (error instanceof FileProblem) return failed((await importReporter())([error.toVFile()], { quiet: true }), `${error.file} needs fixing`)
        return failed('', error instanceof Error ? error.message : String(error))
      } finally {
        await pool?.close()
      }
    },
  }
}

/** The figures of one build as `build --stats FILE` writes them (JSON). */
export interface BuildStats {
  ok: boolean
  summary: string
  /** Milliseconds since the process started, when the build began and ended. */
  startedAt: number
  endedAt: number
  timings: BuildResult['timings']
  render: BuildResult['render']
  files: BuildResult['files']
  renderedPages: number
  /** Kilobytes, the process's peak resident set. */
  maxRssKb: number
}

/** Build the site once into `config.outDir`; resolves to the exit code. The previous site stays until the new one is whole. */
export async function build(config: SiteConfig, options: BuildOptions & { statsFile?: string }): Promise<number> {
  const startedAt = performance.now()
  const result = await createBuilder(config, { ...options, rebuilds: false }).build()
  if (result.report) options.log(result.report)
  options.log(result.summary)
  if (options.statsFile) {
    const stats: BuildStats = {
      ok: result.ok,
      summary: result.summary,
      startedAt,
      endedAt: performance.now(),
      timings: result.timings,
      render: result.render,
      files: result.files,
      renderedPages: result.renderedRoutes.length,
      maxRssKb: process.resourceUsage().maxRSS,
    }
    await writeFile(options.statsFile, `${JSON.stringify(stats, null, 2)}\n`)
  }
  return result.ok ? 0 : 1
}

/**
 * Is what a build did again (`redone` of `all` stories scanned, or articles tagged) worth storing for
 * a build in another process? Only past a 64th of the archive: that process then redoes at most as
 * much, and a build after each edit does not write again all the search terms (40 MB at 10,000 articles).
 */
function worthStoring(redone: number, all: number): boolean {
  return redone > 0 && redone * 64 >= all
}

/** Run one stage, wrapping what it throws with the stage's name and file. */
async function stage<T>(name: BuildStage, file: string | null, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw error instanceof BuildError ? error : new BuildError(name, file, error)
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`
}

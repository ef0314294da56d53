// The render and write stages: every route in every script, rendered only when its inputs changed,
// streamed into the next site tree together with the search index and public/.
import type { SiteConfig } from '../config.ts'
import { packedList } from '../packed-list.ts'
import type { SearchMemory } from '../search/build.ts'
import { cardMacroTemplate, recordsShownWhole, searchPageUrl, type Route } from '../site/index.ts'
import type { ArticleRecord } from '../types.ts'
import type { Converters } from '../variants/opencc.ts'
import { headOf } from '../variants/head.ts'
import { variantsFor } from '../variants/record.ts'
import { digest, FingerprintMemo, routeFingerprint } from './fingerprint.ts'
import { pageRenderer, routesKey, type PageFile, type PageRenderer } from './page-files.ts'
import { searchRoute, type SearchRoute } from './search-route.ts'
import { FileProblem, templateProblem } from './problem.ts'
import type { RenderJob, RenderPool } from './render-pool.ts'
import type { LoadedArchive } from '../load.ts'
import { byDateShown } from './render-order.ts'
import { RouteHolders } from './route-holders.ts'
import type { FileDigests, SiteTrees, TreeUpdate, UpdateResult } from './site-trees.ts'
import type { RememberedRoute } from './state.ts'
import { templateClosure } from './template-deps.ts'

export interface RenderInput {
  config: SiteConfig
  plan: { routes: Route[] }
  loaded: LoadedArchive
  /** Template name → source bytes, as read for this build. */
  templates: Map<string, Buffer>
  /** How messages name the templates folder (`templates`). */
  templatesDirName: string
  publicFiles: Map<string, Buffer>
  converters: Converters
  /** Digest of the code and every setting that shapes all pages. */
  settingsKey: string
  trees: SiteTrees
  remembered: Map<string, RememberedRoute>
  /** The fingerprints' walks of the routes, kept by the builder between builds. */
  fingerprints?: FingerprintMemo
  /** Converted record heads by script and record digest, kept by the builder between builds. */
  conversions: { previous: ReadonlyMap<string, ArticleRecord>; next: Map<string, ArticleRecord> }
  /** The search index's terms and shards, kept by the builder between builds. */
  search?: SearchMemory
  /** Called once the search index is made, with the stories it scanned, before the pages that come after it. */
  afterSearchIndex?: (scannedStories: number) => Promise<void>
  /** The last render's, from the same builder. */
  memo?: RenderMemo
  /** Make a memo for the next render (a builder that builds once needs none). */
  remember: boolean
  /** Called with the tree about to change, before its first file is touched. */
  beforeFirstWrite: (tree: 'a' | 'b') => Promise<void>
  /** Workers to share the rendering with, set up with this build's archive; null renders on this thread. */
  pool: RenderPool | null
  progress: ((line: string) => void) | null
}

// Below this many pages to render, starting work on other threads costs more than it saves.
const poolThreshold = 500

// Files placed in the next tree (written or linked) from which the rest are made on a thread of
// their own while this thread renders, when no render worker takes the other core. The thread
// starts and answers in 60-75 ms, on the other core; 500 files took 80 ms on this one (4.7 s of a
// 10,000-article build's profile for 29,573 files, on the project's disk). Beside a render worker
// the writer only competed for the two cores: 10,000 articles took 0.8-2.8 s longer, and 40-65 MB
// more at the peak.
const writerThreadFiles = 500

// Routes whose walks a render that keeps none for later keeps at once: entries shared by more routes
// than that are walked again, a small cost beside the memory.
const walksKept = 4096

export interface RenderStats {
  searchMilliseconds: number
  writeMilliseconds: number
  searchBytes: number
  searchFiles: number
  /** Pages the render workers made (the rest were made on the main thread). */
  workerPages: number
  /** Stories whose search terms were read from their text (the others were remembered). */
  searchScannedStories: number
  /** Search shard files made (the others are the last build's). */
  searchSerializedShards: number
  /** Pages (routes × scripts) whose fingerprints were worked out: all of them, unless only records changed. */
  checkedPages: number
}

export interface RenderOutput {
  routes: Map<string, RememberedRoute>
  renderedRoutes: string[]
  /** Pages in all scripts. */
  pageCount: number
  files: UpdateResult
  stats: RenderStats
  /** For the builder to pass to its next render; null unless asked to remember. */
  memo: RenderMemo | null
}

/** What a builder keeps of its last render (in memory), so that an edit keeping the plan visits only the routes holding what it changed. */
export interface RenderMemo {
  routes: readonly Route[]
  /** The records of the archive, in the order loaded. */
  records: readonly ArticleRecord[]
  /** Settings and templates the pages were rendered with. */
  contextKey: string
  /** The live site's files and pages after that render: the very objects the next render is given, or it visits every route. */
  liveFiles: FileDigests | null
  remembered: Map<string, RememberedRoute>
  holders: RouteHolders
  /** The files of public/ put in that render. */
  publicPaths: string[]
}

/** Render what changed, reuse what did not, and make the result the live site. */
export async function renderSite(input: RenderInput): Promise<RenderOutput> {
  const update = input.trees.begin(input.beforeFirstWrite)
  try {
    return await renderInto(update, input)
  } finally {
    // A render that stopped early ends its writer thread here; the tree it wrote to is not live.
    await update.close()
  }
}

async function renderInto(update: TreeUpdate, input: RenderInput): Promise<RenderOutput> {
  const { config, plan, loaded, trees } = input
  const templateSources = new Map([...input.templates].map(([name, bytes]) => [name, bytes.toString('utf8')]))
  const templateDigests = new Map<string, string>()
  const templateDigest = (name: string | null) => {
    if (name === null) return ''
    if (!templateDigests.has(name)) templateDigests.set(name, digest(...templateClosure(name, templateSources, [cardMacroTemplate]).flatMap((used) => [used, templateSources.get(used) ?? ''])))
    return templateDigests.get(name) as string
  }
  const recordDigests = new Map<ArticleRecord, string>(loaded.articleRecords.map((record) => [record, recordDigest(record, loaded)]))
  const headDigests = new Map<ArticleRecord, string>(loaded.articleRecords.map((record) => [record, headDigest(record, recordDigests.get(record) as string)]))
  const contextKey = digest(input.settingsKey, ...[...templateSources].flatMap(([name, source]) => ['\0', name, '\0', source]))
  // Converted heads are kept for a next render only by one that remembers.
  const conversionMemo = input.remember ? { keyOf: (record: ArticleRecord) => recordDigests.get(record), previous: input.conversions.previous, next: input.conversions.next } : undefined
  const variants = variantsFor(input.converters, conversionMemo)
  const liveFiles = trees.liveFiles
  const stats: RenderStats = { searchMilliseconds: 0, writeMilliseconds: 0, searchBytes: 0, searchFiles: 0, workerPages: 0, searchScannedStories: 0, searchSerializedShards: 0, checkedPages: 0 }
  let routes = new Map<string, RememberedRoute>()

  const put = (relative: string, fileDigest: string, contents?: Uint8Array): Promise<void> | undefined => {
    const since = performance.now()
    const pending = update.put(relative, fileDigest, contents)
    if (pending === undefined) stats.writeMilliseconds += performance.now() - since
    return pending?.then(() => {
      stats.writeMilliseconds += performance.now() - since
    })
  }
  /** Put files the live site has; only a first file that differs from the live site is awaited (its tree is prepared first), none in most rebuilds. */
  const putKept = (outputs: RememberedRoute['outputs'], from = 0): Promise<void> | undefined => {
    for (let index = from; index < outputs.length; index++) {
      const [relative, fileDigest] = outputs[index] as RememberedRoute['outputs'][number]
      const pending = put(relative, fileDigest)
      if (pending !== undefined) return pending.then(() => putKept(outputs, index + 1))
    }
    return undefined
  }
  /** Reuse a remembered page when its fingerprint holds and the live site still has its files; false when it must be rendered. */
  const reuse = (key: string, fingerprint: string): Promise<void> | boolean => {
    const previous = input.remembered.get(key)
    if (previous?.fingerprint !== fingerprint || !previous.outputs.every(([relative, fileDigest]) => liveFiles?.get(relative) === fileDigest)) return false
    routes.set(key, previous)
    return putKept(previous.outputs) ?? true
  }
  /** Write a page's files and remember what it was made from. */
  const keep = async (key: string, fingerprint: string, files: PageFile[]) => {
    // Exactly as long as it needs, and packed, so also when read back from the build state: grown by
    // push, it had room for 17 files (152 bytes) to hold the one or two of a page, 2.8 MB of 18,588
    // pages at 6,448 articles; holey, it had room for 16 when read back.
    const outputs: RememberedRoute['outputs'] = packedList(files.map((file) => [file.path, file.digest, file.bytes.length]))
    for (const file of files) await put(file.path, file.digest, file.bytes)
    routes.set(key, { fingerprint, outputs })
    if (input.progress && routes.size % 1000 === 0) input.progress(`rendered ${routes.size} pages`)
  }
  const failure = (error: unknown, key: string, template: string | null) =>
    templateProblem(error, input.templatesDirName, template) ?? new Error(`render ${key || '/'}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })

  // Every page whose fingerprint changed is a job; the rest are taken from the live site.
  // Let go once the pages are made: its templates' card memo and the article cards of its contexts are garbage then.
  let renderer: PageRenderer | null = pageRenderer(config, variants, templateSources)
  // A render that remembers nothing lets go of the routes' walks once every page has its fingerprint:
  // they were 30 MB of the 195 MB live mid-render at 6,448 articles (4.7 KB an article), of no use to rendering.
  let fingerprintMemo: FingerprintMemo | null = input.fingerprints ?? new FingerprintMemo()
  // Each job with the page key and fingerprint it is kept under, in the order of the routes.
  const jobs = new Map<RenderJob, { key: string; fingerprint: string | null }>()
  const searchKey = `${searchPageUrl}index`
  const last = input.memo
  let routeIndexes: readonly number[] = [...plan.routes.keys()]
  let replacedRecords: ArticleRecord[] | null = null
  // The plan, settings, templates and live site are the last render's: only records changed, and only
  // the routes holding a changed one can have new pages. The rest are the live site's, taken at once.
  if (last !== undefined && liveFiles !== null && last.routes === plan.routes && last.contextKey === contextKey && last.liveFiles === liveFiles && last.remembered === input.remembered) {
    const changedRoutes = last.holders.changedRoutes()
    const except = new Set(last.publicPaths)
    const keys = [searchKey, ...changedRoutes.flatMap((routeIndex) => variants.map((variant) => `${variant.prefix}${(plan.routes[routeIndex] as Route).url}`))]
    for (const key of keys) for (const [relative] of input.remembered.get(key)?.outputs ?? []) except.add(relative)
    update.keepLive(except)
    routes = new Map(input.remembered)
    routeIndexes = changedRoutes
    replacedRecords = loaded.articleRecords.length === last.records.length ? loaded.articleRecords.filter((record, index) => record !== last.records[index]) : null
  }
  // Each route's fingerprints in every script one after the other, as they share its walk: a memo
  // that no later build or render uses is then let go every few thousand routes, rather than kept
  // whole until the last route of the last script (about 600 MB at 100,000 articles).
  const forgetWalks = input.fingerprints === undefined && !input.remember
  const contexts = variants.map(() => new Map<string | null, string>())
  const fingerprintsByRoute = new Map<number, string[]>()
  const fingerprintsOf = (routeIndex: number): string[] => {
    let ofRoute = fingerprintsByRoute.get(routeIndex)
    if (ofRoute !== undefined) return ofRoute
    const route = plan.routes[routeIndex] as Route
    const whole = recordsShownWhole(route).map((record) => recordDigests.get(record) as string)
    ofRoute = variants.map((variant, variantIndex) => {
      const contextKeys = contexts[variantIndex] as Map<string | null, string>
      let context = contextKeys.get(route.template)
      if (context === undefined) contextKeys.set(route.template, (context = `${input.settingsKey}\0${variant.lang}\0${templateDigest(route.template)}`))
      return routeFingerprint(route, headDigests, context, fingerprintMemo as FingerprintMemo, whole)
    })
    if (forgetWalks && fingerprintsByRoute.size % walksKept === walksKept - 1) fingerprintMemo = new FingerprintMemo()
    fingerprintsByRoute.set(routeIndex, ofRoute)
    return ofRoute
  }
  // With no page remembered every page is a job, and its fingerprint is worked out once it is made:
  // the workers start on their first batch at once, rather than after a second of fingerprints.
  const everyPageIsAJob = input.remembered.size === 0
  for (const [variantIndex, variant] of variants.entries()) {
    for (const routeIndex of routeIndexes) {
      const route = plan.routes[routeIndex] as Route
      stats.checkedPages++
      const key = `${variant.prefix}${route.url}`
      if (everyPageIsAJob) {
        jobs.set([variantIndex, routeIndex], { key, fingerprint: null })
        continue
      }
      const fingerprint = fingerprintsOf(routeIndex)[variantIndex] as string
      const reused = reuse(key, fingerprint)
      if (reused === false) jobs.set([variantIndex, routeIndex], { key, fingerprint })
      else if (reused !== true) await reused
    }
  }
  if (!everyPageIsAJob) {
    // Every job has its fingerprint now: those of the pages taken from the live site are garbage.
    fingerprintsByRoute.clear()
    if (!input.remember) fingerprintMemo = null
  }
  const pool = jobs.size >= poolThreshold ? input.pool : null
  if (pool === null) update.writeOnThreadFrom(writerThreadFiles)
  const renderHere = ([variantIndex, routeIndex]: RenderJob) => {
    const route = plan.routes[routeIndex] as Route
    try {
      return (renderer as PageRenderer).render(route, variantIndex)
    } catch (error) {
      throw failure(error, `${variants[variantIndex]?.prefix ?? ''}${route.url}`, route.template)
    }
  }
  const done = async (job: RenderJob, files: PageFile[]) => {
    const { key, fingerprint } = jobs.get(job) as { key: string; fingerprint: string | null }
    await keep(key, fingerprint ?? (fingerprintsOf(job[1])[job[0]] as string), files)
  }

  // The search index, made while the workers render, when there are workers (after the pages, they
  // would wait for it), else before the pages.
  const search = searchRoute({
    settingsKey: input.settingsKey,
    articleRecords: loaded.articleRecords,
    routes: plan.routes,
    recordDigests,
    variants,
    memory: input.search,
    lastFingerprint: input.remembered.get(searchKey)?.fingerprint,
    replacedRecords,
  })
  const searchReused = reuse(searchKey, search.fingerprint)
  if (searchReused !== false && searchReused !== true) await searchReused
  let searchMade: ReturnType<SearchRoute['make']> | null = null
  const makeSearch = async () => {
    const since = performance.now()
    const made = (searchMade = search.make())
    stats.searchMilliseconds = performance.now() - since
    await input.afterSearchIndex?.(made.scannedStories)
    return made
  }
  const keepSearch = async () => {
    const made = searchMade ?? (await makeSearch())
    searchMade = null
    stats.searchScannedStories = made.scannedStories
    stats.searchSerializedShards = made.serializedShards
    await keep(searchKey, search.fingerprint, made.files)
  }
  const renderedRoutes = [...jobs.values()].map(({ key }) => key)
  if (pool !== null) {
    // Head start: about the pages the workers render in the time the index takes.
    const first = searchReused === false ? { jobs: Math.ceil(jobs.size / 8), run: makeSearch } : undefined
    stats.workerPages = await pool.renderAll([...jobs.keys()], routesKey(plan.routes), renderHere, done, first)
    if (searchReused === false) await keepSearch()
  } else {
    // On this thread the index comes first: what making it holds (every story's terms, the shards)
    // then adds to the records and plan alone, not to all that the pages leave live at their end.
    if (searchReused === false) await keepSearch()
    for (const job of input.remember ? jobs.keys() : inDateOrder([...jobs.keys()], byDateShown(plan.routes, routeIndexes, loaded.articleRecords))) {
      await done(job, renderHere(job))
      // A render that remembers nothing needs a job no more once its page is kept.
      if (!input.remember) jobs.delete(job)
    }
  }
  renderer = null
  if (searchReused === false) renderedRoutes.push(searchKey)
  const searchOutputs = routes.get(searchKey)?.outputs ?? []
  stats.searchFiles = searchOutputs.length
  stats.searchBytes = searchOutputs.reduce((sum, [, , bytes]) => sum + bytes, 0)

  for (const [relative, bytes] of input.publicFiles) {
    if (update.has(relative)) {
      throw new FileProblem(`public/${relative}`, { line: 1, column: 1 }, 'public-overwrite', `public/${relative} would overwrite the generated page ${relative}: rename or remove it`)
    }
    await put(relative, digest(bytes), bytes)
  }
  const since = performance.now()
  const files = await update.commit()
  stats.writeMilliseconds += performance.now() - since
  let memo: RenderMemo | null = null
  if (input.remember) {
    const holders = last?.routes === plan.routes ? last.holders : RouteHolders.of(plan.routes, (route) => (fingerprintMemo as FingerprintMemo).holdersOf(route, headDigests))
    holders.settle()
    memo = { routes: plan.routes, records: loaded.articleRecords, contextKey, liveFiles: trees.liveFiles, remembered: routes, holders, publicPaths: [...input.publicFiles.keys()] }
  }
  return { routes, renderedRoutes, pageCount: plan.routes.length * variants.length, files, stats, memo }
}

// A record's digest, kept with the record: records are never changed, an edit makes new ones.
const recordDigestMemo = new WeakMap<ArticleRecord, string>()

/** The digest of a record: its source's content digest and its place there. */
function recordDigest(record: ArticleRecord, loaded: LoadedArchive): string {
  let known = recordDigestMemo.get(record)
  if (known === undefined) recordDigestMemo.set(record, (known = digest(loaded.keyBySource.get(record.source) ?? record.id, ':', String(record.position))))
  return known
}

// A record's head digest, kept with the record: records are never changed, an edit makes new ones.
const headDigestMemo = new WeakMap<ArticleRecord, string>()

/** The digest of what lists show of a record (its head); `recordDigest` when the head is the whole record. */
function headDigest(record: ArticleRecord, recordDigest: string): string {
  let known = headDigestMemo.get(record)
  if (known === undefined) {
    const head = headOf(record)
    known = head === record ? recordDigest : digest('head:', JSON.stringify(head))
    headDigestMemo.set(record, known)
  }
  return known
}

/** Jobs script by script, each script's routes in `order` (a build that keeps nothing for later has only bounded memos: see render-order.ts). */
function inDateOrder(jobs: RenderJob[], order: readonly number[]): RenderJob[] {
  const rank = new Map(order.map((routeIndex, at) => [routeIndex, at]))
  return jobs.sort(([variantA, routeA], [variantB, routeB]) => variantA - variantB || (rank.get(routeA) as number) - (rank.get(routeB) as number))
}

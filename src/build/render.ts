// The render and write stages: every route in every script, rendered only when its inputs changed,
// streamed into the next site tree together with the search index and public/.
import type { SiteConfig } from '../config.ts'
import { buildSearchIndex, type SearchMemory } from '../search/build.ts'
import { articleUrl, cardMacroTemplate, searchPageUrl, type ArticleEntry, type Route } from '../site/index.ts'
import type { ArticleRecord } from '../types.ts'
import type { Converters } from '../variants/opencc.ts'
import { variantsFor } from '../variants/record.ts'
import { digest, FingerprintMemo, routeFingerprint } from './fingerprint.ts'
import { pageFile, pageRenderer, routesKey, type PageFile } from './page-files.ts'
import { FileProblem, templateProblem } from './problem.ts'
import type { RenderJob, RenderPool } from './render-pool.ts'
import type { LoadedArchive } from '../load.ts'
import type { SiteTrees, UpdateResult } from './site-trees.ts'
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
  beforeFirstWrite: () => Promise<void>
  /** Workers to share the rendering with, set up with this build's archive; null renders on this thread. */
  pool: RenderPool | null
  progress: ((line: string) => void) | null
}

// Below this many pages to render, starting work on other threads costs more than it saves.
const poolThreshold = 500

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
}

export interface RenderOutput {
  routes: Map<string, RememberedRoute>
  renderedRoutes: string[]
  /** Pages in all scripts. */
  pageCount: number
  files: UpdateResult
  stats: RenderStats
}

/** Render what changed, reuse what did not, and make the result the live site. */
export async function renderSite(input: RenderInput): Promise<RenderOutput> {
  const { config, plan, loaded, trees } = input
  const templateSources = new Map([...input.templates].map(([name, bytes]) => [name, bytes.toString('utf8')]))
  const templateDigests = new Map<string, string>()
  const templateDigest = (name: string | null) => {
    if (name === null) return ''
    if (!templateDigests.has(name)) templateDigests.set(name, digest(...templateClosure(name, templateSources, [cardMacroTemplate]).flatMap((used) => [used, templateSources.get(used) ?? ''])))
    return templateDigests.get(name) as string
  }
  const recordDigests = new Map<ArticleRecord, string>(
    loaded.articleRecords.map((record) => [record, digest(loaded.keyBySource.get(record.source) ?? record.id, ':', String(record.position))]),
  )
  const variants = variantsFor(input.converters, { keyOf: (record) => recordDigests.get(record), previous: input.conversions.previous, next: input.conversions.next })
  const liveFiles = trees.liveFiles
  const update = trees.begin(input.beforeFirstWrite)
  const stats: RenderStats = { searchMilliseconds: 0, writeMilliseconds: 0, searchBytes: 0, searchFiles: 0, workerPages: 0, searchScannedStories: 0, searchSerializedShards: 0 }
  const routes = new Map<string, RememberedRoute>()
  const generated = new Set<string>()

  const put = async (relative: string, fileDigest: string, contents?: Uint8Array) => {
    const since = performance.now()
    generated.add(relative)
    await update.put(relative, fileDigest, contents)
    stats.writeMilliseconds += performance.now() - since
  }
  /** Reuse a remembered page when its fingerprint holds and the live site still has its files. */
  const reuse = async (key: string, fingerprint: string): Promise<boolean> => {
    const previous = input.remembered.get(key)
    if (previous?.fingerprint !== fingerprint || !previous.outputs.every(([relative, fileDigest]) => liveFiles?.get(relative) === fileDigest)) return false
    for (const [relative, fileDigest] of previous.outputs) await put(relative, fileDigest)
    routes.set(key, previous)
    return true
  }
  /** Write a page's files and remember what it was made from. */
  const keep = async (key: string, fingerprint: string, files: PageFile[]) => {
    const outputs: RememberedRoute['outputs'] = []
    for (const file of files) {
      outputs.push([file.path, file.digest, file.bytes.length])
      await put(file.path, file.digest, file.bytes)
    }
    routes.set(key, { fingerprint, outputs })
    if (input.progress && routes.size % 1000 === 0) input.progress(`rendered ${routes.size} pages`)
  }
  const failure = (error: unknown, key: string, template: string | null) =>
    templateProblem(error, input.templatesDirName, template) ?? new Error(`render ${key || '/'}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })

  // Every page whose fingerprint changed is a job; the rest are taken from the live site.
  const renderer = pageRenderer(config, variants, templateSources)
  const fingerprintMemo = input.fingerprints ?? new FingerprintMemo()
  // Each job with the page key and fingerprint it is kept under, in the order of the routes.
  const jobs = new Map<RenderJob, { key: string; fingerprint: string }>()
  for (const [variantIndex, variant] of variants.entries()) {
    for (const [routeIndex, route] of plan.routes.entries()) {
      const key = `${variant.prefix}${route.url}`
      const fingerprint = routeFingerprint(route, recordDigests, `${input.settingsKey}\0${variant.lang}\0${templateDigest(route.template)}`, fingerprintMemo)
      if (!(await reuse(key, fingerprint))) jobs.set([variantIndex, routeIndex], { key, fingerprint })
    }
  }
  const renderHere = ([variantIndex, routeIndex]: RenderJob) => {
    const route = plan.routes[routeIndex] as Route
    try {
      return renderer.render(route, variantIndex)
    } catch (error) {
      throw failure(error, `${variants[variantIndex]?.prefix ?? ''}${route.url}`, route.template)
    }
  }
  const done = async (job: RenderJob, files: PageFile[]) => {
    const { key, fingerprint } = jobs.get(job) as { key: string; fingerprint: string }
    await keep(key, fingerprint, files)
  }
  if (input.pool !== null && jobs.size >= poolThreshold) stats.workerPages = await input.pool.renderAll([...jobs.keys()], routesKey(plan.routes), renderHere, done)
  else for (const job of jobs.keys()) await done(job, renderHere(job))
  const renderedRoutes = [...jobs.values()].map(({ key }) => key)

  // The search index covers every article; it is made again when any of them or their links change.
  const entriesByRecord = new Map<ArticleRecord, ArticleEntry>()
  for (const route of plan.routes) if (route.kind === 'article') entriesByRecord.set(route.entry.record, route.entry)
  const searchInputs = loaded.articleRecords.map((record) => {
    const entry = entriesByRecord.get(record)
    return [recordDigests.get(record), entry?.url, entry?.tags.map((tag) => tag.name)]
  })
  const searchSince = performance.now()
  const searchKey = `${searchPageUrl}index`
  const searchFingerprint = digest(input.settingsKey, JSON.stringify(searchInputs))
  if (!(await reuse(searchKey, searchFingerprint))) {
    const searchDigests = input.search?.fileDigests ?? new WeakMap<Uint8Array, string>()
    const index = buildSearchIndex(loaded.articleRecords, {
      variants,
      articlePath: (record) => entriesByRecord.get(record)?.url ?? articleUrl(record),
      tags: (record) => entriesByRecord.get(record)?.tags.map((tag) => tag.name) ?? record.tags,
      memory: input.search,
      // The settings say how a record is converted: its headline in the docs files.
      recordKey: (record) => {
        const recordDigest = recordDigests.get(record)
        return recordDigest && `${input.settingsKey}:${recordDigest}`
      },
    })
    stats.searchScannedStories = index.stats.scannedStories
    stats.searchSerializedShards = index.stats.serializedShards
    // A shard the index kept from the last build is the same object: its digest is known.
    const files = index.files.map((file) => {
      if (typeof file.contents === 'string') return pageFile(file.path, file.contents)
      let known = searchDigests.get(file.contents)
      if (known === undefined) searchDigests.set(file.contents, (known = digest(file.contents)))
      return { path: file.path, bytes: file.contents, digest: known }
    })
    await keep(searchKey, searchFingerprint, files)
    renderedRoutes.push(searchKey)
  }
  const searchOutputs = routes.get(searchKey)?.outputs ?? []
  stats.searchFiles = searchOutputs.length
  stats.searchMilliseconds = performance.now() - searchSince
  stats.searchBytes = searchOutputs.reduce((sum, [, , bytes]) => sum + bytes, 0)

  for (const [relative, bytes] of input.publicFiles) {
    if (generated.has(relative)) {
      throw new FileProblem(`public/${relative}`, { line: 1, column: 1 }, 'public-overwrite', `public/${relative} would overwrite the generated page ${relative}: rename or remove it`)
    }
    await put(relative, digest(bytes), bytes)
  }
  const since = performance.now()
  const files = await update.commit()
  stats.writeMilliseconds += performance.now() - since
  return { routes, renderedRoutes, pageCount: plan.routes.length * variants.length, files, stats }
}

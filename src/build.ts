// The build, top to bottom: scan → load → plan → render → write, each stage named in its errors.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import type { SiteConfig } from './config.ts'
import { loadArchive } from './load.ts'
import { buildSearchIndex, type SearchIndex } from './search/build.ts'
import {
  articleUrl,
  createRenderContext,
  createTemplates,
  defaultTemplatesDir,
  emptyVocabulary,
  parseVocabulary,
  planSite,
  renderRoute,
  searchPageUrl,
  type ArticleEntry,
  type SiteFile,
  type TagVocabulary,
} from './site/index.ts'
import type { ArticleRecord } from './types.ts'
import { createConverters, type Converters } from './variants/opencc.ts'
import { parseConversionOverrides } from './variants/overrides.ts'
import { variantsFor } from './variants/record.ts'
import { SiteWriter } from './write.ts'

export interface BuildOptions {
  /** The project folder: config, templates/, public/ and the vocabulary are found here. */
  root: string
  log: (line: string) => void
  /** Show progress lines (on a terminal); the summary is always shown. */
  progress?: boolean
}

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

/** Build the site into `config.outDir`; resolves to the exit code. The previous site stays until the new one is whole. */
export async function build(config: SiteConfig, options: BuildOptions): Promise<number> {
  const started = performance.now()
  const { log, root } = options
  const progress = options.progress ?? (process.stderr.isTTY === true && process.env.CI !== 'true')
  const at = (dir: string) => path.resolve(root, dir)
  try {
    const vocabularyFile = await readOptional(at(config.vocabulary), config.vocabulary)
    const vocabulary: TagVocabulary = vocabularyFile ? parseVocabulary(vocabularyFile) : emptyVocabulary
    // A missing override table means none; a bad one is reported with the rest and stops the build.
    const overridesFile = await readOptional(at(config.conversionOverrides), config.conversionOverrides)
    const overrides = overridesFile ? parseConversionOverrides(overridesFile) : undefined
    if (!existsSync(at(config.articlesDir))) throw new BuildError('scan', config.articlesDir, new Error('articles folder does not exist'))
    const archive = await stage('load', config.articlesDir, () => loadArchive(at(config.articlesDir)))
    const files = [...(vocabularyFile ? [vocabularyFile] : []), ...(overridesFile ? [overridesFile] : []), ...archive.files]
    const plan = await stage('plan', null, () => planSite(archive.articleRecords, config, vocabulary))
    attachMessages(files, plan.messages)
    const report = reporter(files, { quiet: true })
    if (report) log(report)
    if (files.some((file) => file.messages.some((message) => message.fatal))) {
      log(`Build failed: nothing was written; ${config.outDir}/ is as it was.`)
      return 1
    }

    const templatesDir = existsSync(at('templates')) ? at('templates') : defaultTemplatesDir
    const templates = createTemplates(templatesDir)
    // One pair of converters per build (each costs ~0.2 s to make), timed so the summary can say what conversion costs.
    const conversionStarted = performance.now()
    const conversion = timeConversion(await stage('render', config.conversionOverrides, () => createConverters(config.traditional, overrides)), performance.now() - conversionStarted)
    const variants = variantsFor(conversion.converters)
    const contexts = variants.map((variant) => createRenderContext(config, { variant, variants, templates, searchUrl: searchPageUrl }))
    const entriesByRecord = new Map<ArticleRecord, ArticleEntry>()
    for (const route of plan.routes) if (route.kind === 'article') entriesByRecord.set(route.entry.record, route.entry)
    const writer = await SiteWriter.open(at(config.outDir))
    let searchIndex: SearchIndex
    try {
      let rendered = 0
      const pageCount = plan.routes.length * contexts.length
      for (const context of contexts) {
        for (const route of plan.routes) {
          const siteFiles: SiteFile[] = await stage('render', `${context.variant.prefix}${route.url}` || '/', () => renderRoute(route, context))
          for (const siteFile of siteFiles) await writer.write(siteFile)
          rendered++
          if (progress && rendered % 500 === 0) log(`rendered ${rendered}/${pageCount} pages`)
        }
      }
      searchIndex = await stage('render', searchPageUrl, () =>
        buildSearchIndex(archive.articleRecords, {
          variants,
          articlePath: (record) => entriesByRecord.get(record)?.url ?? articleUrl(record),
          tags: (record) => entriesByRecord.get(record)?.tags.map((tag) => tag.name) ?? record.tags,
        }),
      )
      for (const siteFile of searchIndex.files) await writer.write(siteFile)
      if (existsSync(at('public'))) await stage('write', 'public/', () => writer.copyFolder(at('public')))
      await stage('write', config.outDir, () => writer.commit())
    } catch (error) {
      await writer.abandon()
      throw error
    }
    const warnings = files.reduce((count, file) => count + file.messages.length, 0)
    const elapsed = performance.now() - started
    const seconds = (elapsed / 1000).toFixed(2)
    log(`Built ${archive.articleRecords.length} articles from ${archive.files.length} files into ${plan.routes.length} pages (${writer.count} files) in ${config.outDir}/ in ${seconds} s; ${warnings} warnings.`)
    const { stats } = searchIndex
    log(
      `Search index: ${formatBytes(stats.bytes)} in ${searchIndex.files.length} files (${stats.documents} articles, ${stats.terms} terms, ${stats.shards} shards). ` +
        `Script conversion (zh-Hans ⇄ zh-Hant): ${(conversion.milliseconds() / 1000).toFixed(2)} s, ${((100 * conversion.milliseconds()) / elapsed).toFixed(1)}% of the build.`,
    )
    return 0
  } catch (error) {
    log(`Build failed: ${error instanceof Error ? error.message : String(error)}`)
    log(`${config.outDir}/ is as it was.`)
    return 1
  }
}

/** The converters with every call timed (plus the time it took to make them): the summary reports conversion's share of the build. */
function timeConversion(converters: Converters, setupMilliseconds: number): { converters: Converters; milliseconds: () => number } {
  let total = setupMilliseconds
  const timed = (convert: (text: string) => string) => (text: string) => {
    const start = performance.now()
    const converted = convert(text)
    total += performance.now() - start
    return converted
  }
  return { converters: { ...converters, toHant: timed(converters.toHant), toHans: timed(converters.toHans) }, milliseconds: () => total }
}

function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`
}

/** Run one stage, wrapping what it throws with the stage's name and file. */
async function stage<T>(name: BuildStage, file: string | null, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw error instanceof BuildError ? error : new BuildError(name, file, error)
  }
}

async function readOptional(filePath: string, name: string): Promise<VFile | null> {
  try {
    return new VFile({ path: name, value: await readFile(filePath, 'utf8') })
  } catch {
    return null
  }
}

/** Messages from planning name their file; put each on that file's VFile so the report groups them. */
function attachMessages(files: VFile[], messages: import('vfile-message').VFileMessage[]): void {
  for (const message of messages) {
    let file = files.find((candidate) => candidate.path === message.file)
    if (!file) {
      file = new VFile({ path: message.file ?? 'site' })
      files.push(file)
    }
    file.messages.push(message)
  }
}

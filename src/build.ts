// The build, top to bottom: scan → load → plan → render → write, each stage named in its errors.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import type { SiteConfig } from './config.ts'
import { loadArchive } from './load.ts'
import { createRenderContext, createTemplates, defaultTemplatesDir, emptyVocabulary, parseVocabulary, planSite, renderRoute, type SiteFile, type TagVocabulary } from './site/index.ts'
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
    if (!existsSync(at(config.articlesDir))) throw new BuildError('scan', config.articlesDir, new Error('articles folder does not exist'))
    const archive = await stage('load', config.articlesDir, () => loadArchive(at(config.articlesDir)))
    const files = [...(vocabularyFile ? [vocabularyFile] : []), ...archive.files]
    const plan = await stage('plan', null, () => planSite(archive.articleRecords, config, vocabulary))
    attachMessages(files, plan.messages)
    const report = reporter(files, { quiet: true })
    if (report) log(report)
    if (files.some((file) => file.messages.some((message) => message.fatal))) {
      log(`Build failed: nothing was written; ${config.outDir}/ is as it was.`)
      return 1
    }

    const templatesDir = existsSync(at('templates')) ? at('templates') : defaultTemplatesDir
    const context = createRenderContext(config, { templates: createTemplates(templatesDir) })
    const writer = await SiteWriter.open(at(config.outDir))
    try {
      let rendered = 0
      for (const route of plan.routes) {
        const siteFiles: SiteFile[] = await stage('render', route.url || '/', () => renderRoute(route, context))
        for (const siteFile of siteFiles) await writer.write(siteFile)
        rendered++
        if (progress && rendered % 500 === 0) log(`rendered ${rendered}/${plan.routes.length} pages`)
      }
      if (existsSync(at('public'))) await stage('write', 'public/', () => writer.copyFolder(at('public')))
      await stage('write', config.outDir, () => writer.commit())
    } catch (error) {
      await writer.abandon()
      throw error
    }
    const warnings = files.reduce((count, file) => count + file.messages.length, 0)
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    log(`Built ${archive.articleRecords.length} articles from ${archive.files.length} files into ${plan.routes.length} pages (${writer.count} files) in ${config.outDir}/ in ${seconds} s; ${warnings} warnings.`)
    return 0
  } catch (error) {
    log(`Build failed: ${error instanceof Error ? error.message : String(error)}`)
    log(`${config.outDir}/ is as it was.`)
    return 1
  }
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

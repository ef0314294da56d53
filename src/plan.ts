// The plan stage, shared by `check` and `build`: records → routes, with every message about the
// archive as a whole (URL and slug clashes, unmatched jumps) put on the file it is about.
import type { VFile } from 'vfile'
import type { SiteConfig } from './config.ts'
import { matchContinuations } from './continuations.ts'
import { attachMessages } from './load.ts'
import { emptyVocabulary, parseVocabulary, planSite, type Route } from './site/index.ts'
import type { ArticleRecord } from './types.ts'
import { parseConversionOverrides, type ConversionOverrides } from './variants/overrides.ts'

export interface PlannedArchive {
  routes: Route[]
  overrides: ConversionOverrides | undefined
  /** The settings files and sources, each carrying its messages. */
  files: VFile[]
  /** Is any message fatal? Then nothing may be written. */
  failed: boolean
}

/** Plan the site of `articleRecords`; `vocabularyFile` and `overridesFile` are null when absent. */
export function planArchive(articleRecords: ArticleRecord[], sourceFiles: VFile[], config: SiteConfig, vocabularyFile: VFile | null, overridesFile: VFile | null): PlannedArchive {
  const vocabulary = vocabularyFile ? parseVocabulary(vocabularyFile) : emptyVocabulary
  const overrides = overridesFile ? parseConversionOverrides(overridesFile) : undefined
  const files = [...(vocabularyFile ? [vocabularyFile] : []), ...(overridesFile ? [overridesFile] : []), ...sourceFiles]
  const { routes, messages } = planSite(articleRecords, config, vocabulary)
  attachMessages(files, [...matchContinuations(articleRecords).messages, ...messages])
  return { routes, overrides, files, failed: files.some((file) => file.messages.some((message) => message.fatal)) }
}

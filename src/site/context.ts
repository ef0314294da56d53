// What rendering needs besides the route: settings, the script variant, the templates.
import nunjucks from 'nunjucks'
import type { SiteConfig } from '../config.ts'
import { cardRenderer } from './card-global.ts'
import './nunjucks-frame.ts'
import { defaultTemplatesDir } from './templates-dir.ts'
import type { Variant } from '../variants/record.ts'

export type { Variant } from '../variants/record.ts'
export { defaultTemplatesDir } from './templates-dir.ts'

/** One output file, path posix and relative to the output folder. */
export interface SiteFile {
  path: string
  contents: string | Uint8Array
}

export interface RenderContext {
  config: SiteConfig
  /** The variant being rendered: article text comes from `variant.record`, every other text goes through `variant.convert`. */
  variant: Variant
  /** All configured variants, the default (unprefixed) one first; more than one adds the script switch and hreflang links. */
  variants: Variant[]
  templates: nunjucks.Environment
  /** Site-relative URL of the search page, or null while the site has none (it joins the header nav when set). */
  searchUrl: string | null
}

/** The Simplified, unprefixed variant without converters: records are shown as their sources wrote them. */
export const simplifiedVariant: Variant = { lang: 'zh-Hans', script: 'hans', prefix: '', convert: (text) => text, record: (record) => record, head: (record) => record, headline: (record) => record.headline ?? record.subheadline ?? record.kicker ?? '' }


/**
 * A Nunjucks environment with autoescape on, over a folder or over template sources already read
 * (name → text, so a build renders exactly the templates it fingerprinted). Article bodies are
 * passed in as values, never as templates.
 */
export function createTemplates(source: string | ReadonlyMap<string, string> = defaultTemplatesDir, options: { cardMemoCharacters?: number } = {}): nunjucks.Environment {
  const loader: nunjucks.ILoader =
    typeof source === 'string'
      ? new nunjucks.FileSystemLoader(source)
      : {
          getSource: (name) => {
            const src = source.get(name)
            if (src === undefined) throw new Error(`template not found: ${name}`)
            return { src, path: name, noCache: false }
          },
        }
  const environment = new nunjucks.Environment(loader, { autoescape: true, trimBlocks: true, lstripBlocks: true })
  environment.addGlobal('card', cardRenderer(environment, options.cardMemoCharacters))
  return environment
}

/** A render context with defaults: the Simplified variant only, the shipped templates, no search page. */
export function createRenderContext(
  config: SiteConfig,
  options: { variant?: Variant; variants?: Variant[]; templates?: nunjucks.Environment; searchUrl?: string | null } = {},
): RenderContext {
  const variant = options.variant ?? simplifiedVariant
  return {
    config,
    variant,
    variants: options.variants ?? [variant],
    templates: options.templates ?? createTemplates(),
    searchUrl: options.searchUrl ?? null,
  }
}

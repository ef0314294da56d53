// What rendering needs besides the route: settings, the script variant, the templates.
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import type { SiteConfig } from '../config.ts'
import type { Variant } from '../variants/record.ts'

export type { Variant } from '../variants/record.ts'

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

/** The templates/ folder shipped with news-archive. */
export const defaultTemplatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

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
  environment.addGlobal('card', cardRenderer(environment, options.cardMemoCharacters ?? cardMemoCharacters))
  return environment
}

/** The template every page depends on through the `card` global, besides the ones it names. */
export const cardMacroTemplate = '_macros.njk'

/**
 * The `card(a, level, showDate)` global: the card macro of _macros.njk, rendered once per article
 * card, heading level and date setting. An article is listed on its issue, month, tag and author
 * pages and as related on others, about fifteen times a script: as a macro called each time, cards
 * were a tenth of a build. A card object belongs to one variant (see views.ts), so it is the key.
 */
function cardRenderer(environment: nunjucks.Environment, budget: number) {
  // Oldest first; past the budget the oldest are dropped, so that the memo of a 100,000-article
  // archive stays the size of a 10,000-article one's (about 60 MB) rather than ten times that.
  const cards = new Map<string, nunjucks.runtime.SafeString>()
  const ids = new WeakMap<object, number>()
  let nextId = 0
  let characters = 0
  let template: nunjucks.Template | null = null
  return function card(this: { lookup: (name: string) => unknown }, a: object, level = 3, showDate = true): nunjucks.runtime.SafeString {
    let id = ids.get(a)
    if (id === undefined) ids.set(a, (id = nextId++))
    const key = `${id} ${level} ${showDate}`
    let html = cards.get(key)
    if (html === undefined) {
      template ??= new nunjucks.Template(`{% from "${cardMacroTemplate}" import card with context %}{{ card(a, level, showDate) }}`, environment, 'card()')
      const text = template.render({ t: this.lookup('t'), a, level, showDate })
      html = new nunjucks.runtime.SafeString(text)
      cards.set(key, html)
      characters += text.length
      for (const [oldest, dropped] of cards) {
        if (characters <= budget) break
        cards.delete(oldest)
        characters -= String(dropped).length
      }
    }
    return html
  }
}

/** Characters of rendered cards kept for reuse in one build. */
const cardMemoCharacters = 24_000_000

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

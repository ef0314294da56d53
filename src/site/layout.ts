// The page shell every HTML page shares: head, header nav, script switch, footer.
import { withTrailingSlash } from '../config.ts'
import { typesetCjk } from '../render/typography.ts'
import type { ArticleRecord } from '../types.ts'
import type { RenderContext, SiteFile, Variant } from './context.ts'
import { labels, type Labels } from './labels.ts'
import type { PageKind, Route } from './route-types.ts'
import { outputPath } from './urls.ts'

/** Link and text helpers bound to one render context. */
export interface PageTools {
  /** Root-relative link to a site-relative URL, under the base URL's path and the variant's prefix. */
  href: (url: string, variant?: Variant) => string
  /** Absolute URL of a site-relative URL (canonical, feeds, JSON-LD). */
  absolute: (url: string, variant?: Variant) => string
  /** Simplified text (labels, config, tag and author names) for display: converted to the variant's script, typeset when typography is on. */
  text: (source: string) => string
  /** Simplified paragraph text for display: as `text`, and extraction spaces between CJK characters removed. */
  prose: (source: string) => string
  /** Article text already in the variant's script (from `variant.record`): typeset, never converted again. */
  recordText: (shown: string) => string
  /** Article paragraph text already in the variant's script: as `recordText`, extraction spaces removed. */
  recordProse: (shown: string) => string
  /** The record in the variant's script (never converted into its own script). */
  inScript: (record: ArticleRecord) => ArticleRecord
  /** What lists show of the record (head.ts), in the variant's script: for titles, bylines and excerpts of other articles. */
  headInScript: (record: ArticleRecord) => ArticleRecord
  /** Interface labels in the variant's script. */
  t: Labels
}

const convertedLabels = new WeakMap<Variant['convert'], Labels>()

/** Interface labels converted once per variant. */
function labelsFor(variant: Variant): Labels {
  let converted = convertedLabels.get(variant.convert)
  if (!converted) {
    converted = JSON.parse(JSON.stringify(labels), (_key, value: unknown) => (typeof value === 'string' ? variant.convert(value) : value)) as Labels
    convertedLabels.set(variant.convert, converted)
  }
  return converted
}

// Made once per render context, so that what is cached per tools (article cards) lives as long as the context.
const toolsByContext = new WeakMap<RenderContext, PageTools>()

/** Helpers for links and text in `ctx` (the same object for the same context). */
export function pageTools(ctx: RenderContext): PageTools {
  let tools = toolsByContext.get(ctx)
  if (!tools) {
    tools = makePageTools(ctx)
    toolsByContext.set(ctx, tools)
  }
  return tools
}

function makePageTools(ctx: RenderContext): PageTools {
  const base = withTrailingSlash(ctx.config.baseUrl)
  const basePath = new URL(base).pathname
  const typeset = (text: string) => (ctx.config.typography ? typesetCjk(text) : text)
  const typesetProse = (text: string) => (ctx.config.typography ? typesetCjk(text, { removeSpaces: true }) : text)
  return {
    href: (url, variant = ctx.variant) => `${basePath}${variant.prefix}${url}`,
    absolute: (url, variant = ctx.variant) => new URL(`${variant.prefix}${url}`, base).href,
    text: (source) => typeset(ctx.variant.convert(source)),
    prose: (source) => typesetProse(ctx.variant.convert(source)),
    recordText: typeset,
    recordProse: typesetProse,
    inScript: (record) => ctx.variant.record(record),
    headInScript: (record) => ctx.variant.head(record),
    t: labelsFor(ctx.variant),
  }
}

export interface PageHead {
  /** The page's own title; the site title is appended. */
  title: string
  description?: string
  ogType?: 'website' | 'article'
  /** Extra `<meta property>` pairs (Open Graph article fields). */
  meta?: { property: string; content: string }[]
  /** Serialized JSON-LD, already safe to stand inside `<script>`. */
  jsonLd?: string
  prevUrl?: string | null
  nextUrl?: string | null
}

/**
 * The Content-Security-Policy every page carries in a `<meta http-equiv>`: only the site's own
 * files may load and run, so text smuggled into a page cannot execute even if escaping failed.
 * The site has no inline script (JSON-LD is data, never run), no inline style and no event
 * attribute; the dev server's reload client is an external script from the same origin.
 * `frame-ancestors`, `report-uri` and `sandbox` are not allowed in a meta policy (Chromium logs an error).
 */
export const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

const navKinds: Partial<Record<PageKind, string>> = { home: 'home', archive: 'archive', year: 'archive', month: 'archive', issue: 'archive', 'tag-index': 'tags', tag: 'tags', 'author-index': 'authors', author: 'authors', search: 'search' }
const scriptNames: Record<Variant['lang'], string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體' }

/** Render `route` with its template into the page shell; the one HTML file of the route. */
export function renderPage(route: Route, ctx: RenderContext, head: PageHead, data: Record<string, unknown>): SiteFile[] {
  if (route.template === null) throw new Error(`Route ${route.url} has no template`)
  const tools = pageTools(ctx)
  const { t } = tools
  const section = navKinds[route.kind]
  const nav = [
    { key: 'home', label: t.home, href: tools.href('') },
    { key: 'archive', label: t.archive, href: tools.href('archive/') },
    { key: 'tags', label: t.tags, href: tools.href('tags/') },
    { key: 'authors', label: t.authors, href: tools.href('authors/') },
    ...(ctx.searchUrl === null ? [] : [{ key: 'search', label: t.search, href: tools.href(ctx.searchUrl) }]),
  ].map((item) => ({ ...item, current: item.key === section }))
  const twins = ctx.variants.length > 1
  const siteTitle = tools.text(ctx.config.title)
  const page = {
    lang: ctx.variant.lang,
    csp: contentSecurityPolicy,
    title: route.kind === 'home' ? siteTitle : `${head.title} - ${siteTitle}`,
    description: head.description ?? null,
    canonical: tools.absolute(route.url),
    ogType: head.ogType ?? 'website',
    ogLocale: ctx.variant.lang === 'zh-Hans' ? 'zh_CN' : ctx.config.traditional === 'hk' ? 'zh_HK' : 'zh_TW',
    meta: head.meta ?? [],
    jsonLd: head.jsonLd ?? null,
    prevUrl: head.prevUrl ? tools.href(head.prevUrl) : null,
    nextUrl: head.nextUrl ? tools.href(head.nextUrl) : null,
    alternates: twins ? [...ctx.variants.map((variant) => ({ lang: variant.lang, href: tools.absolute(route.url, variant) })), { lang: 'x-default', href: tools.absolute(route.url, ctx.variants[0]) }] : [],
    switches: twins ? ctx.variants.filter((variant) => variant !== ctx.variant).map((variant) => ({ lang: variant.lang, label: scriptNames[variant.lang], href: tools.href(route.url, variant) })) : [],
    stylesheet: tools.href('style.css', ctx.variants[0]),
    favicon: tools.href('favicon.svg', ctx.variants[0]),
    feeds: { atom: tools.href('feed.xml'), rss: tools.href('rss.xml'), json: tools.href('feed.json') },
    home: tools.href(''),
  }
  const html = ctx.templates.render(route.template, { ...data, kind: route.kind, page, nav, t, site: { title: siteTitle, paper: tools.text(ctx.config.paper) } })
  return [{ path: `${ctx.variant.prefix}${outputPath(route.url)}`, contents: html }]
}

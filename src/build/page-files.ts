// Route → bytes: what the main thread and the render workers both do with a route, so that a page
// is the same bytes whichever thread made it.
import type { SiteConfig } from '../config.ts'
import { createRenderContext, createTemplates, renderRoute, searchPageUrl, type RenderContext, type Route } from '../site/index.ts'
import type { Variant } from '../variants/record.ts'
import { digest } from './fingerprint.ts'

/** One output file as written: its bytes and their digest. */
export interface PageFile {
  path: string
  bytes: Uint8Array
  digest: string
}

/** Renders routes in each variant of a build. */
export interface PageRenderer {
  /** The route's files in variant `variantIndex` (an index into the build's variants). */
  render(route: Route, variantIndex: number): PageFile[]
}

/** A renderer over the build's variants and template sources (name → text). */
export function pageRenderer(config: SiteConfig, variants: readonly Variant[], templateSources: ReadonlyMap<string, string>): PageRenderer {
  const templates = createTemplates(templateSources)
  const contexts: RenderContext[] = variants.map((variant) => createRenderContext(config, { variant, variants: [...variants], templates, searchUrl: searchPageUrl }))
  return {
    render(route, variantIndex) {
      const context = contexts[variantIndex]
      if (context === undefined) throw new Error(`no variant ${variantIndex}`)
      // Encoded once: the digest and the write use the same bytes.
      return renderRoute(route, context).map((file) => pageFile(file.path, file.contents))
    },
  }
}

/** A short digest of the routes' kinds and URLs in order: two threads agree on a route by its index only when their plans have the same key. */
export function routesKey(routes: readonly Route[]): string {
  return digest(routes.map((route) => `${route.kind} ${route.url}`).join('\n'))
}

/** A file made outside a route (the search index, public/) as a page file. */
export function pageFile(path: string, contents: string | Uint8Array): PageFile {
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents
  return { path, bytes, digest: digest(bytes) }
}

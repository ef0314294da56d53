// Which template files a template uses, through extends, include, import and from … import.

const reference = /\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']/gu

/** Template name → the names it refers to directly. */
export function directReferences(source: string): string[] {
  return [...source.matchAll(reference)].map((match) => match[1] as string)
}

/** Every template a template depends on, itself and `implicit` (used through globals) included, from each template's source text. */
export function templateClosure(name: string, sources: ReadonlyMap<string, string>, implicit: readonly string[] = []): string[] {
  const seen = new Set<string>()
  const visit = (current: string) => {
    if (seen.has(current)) return
    seen.add(current)
    for (const next of directReferences(sources.get(current) ?? '')) visit(next)
  }
  for (const root of [name, ...implicit]) visit(root)
  return [...seen].sort()
}

// Fingerprints: what a page was made from, so a rebuild renders only pages whose inputs changed.
import { createHash } from 'node:crypto'
import type { ArticleRecord } from '../types.ts'

/** A short hex digest of text or bytes. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part)
  return hash.digest('hex').slice(0, 20)
}

/** A record's content digest: everything a page can show of it. */
export function recordDigest(record: ArticleRecord): string {
  return digest(JSON.stringify(record))
}

/**
 * The fingerprint of a route: its own data with each article record in it replaced by that
 * record's digest, so a route re-renders when anything it shows changes and never otherwise.
 */
export function routeFingerprint(route: unknown, recordDigests: ReadonlyMap<ArticleRecord, string>, context: string): string {
  const json = JSON.stringify(route, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && recordDigests.has(value as ArticleRecord)) return `record:${recordDigests.get(value as ArticleRecord)}`
    return value
  })
  return digest(context, '\0', json)
}

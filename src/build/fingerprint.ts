// Fingerprints: what a page was made from, so a rebuild renders only pages whose inputs changed.
import { createHash } from 'node:crypto'
import type { ArticleRecord } from '../types.ts'

/** A short hex digest of text or bytes. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part)
  return hash.digest('hex').slice(0, 20)
}

/**
 * The fingerprint of a route: its own data with each article record in it replaced by that
 * record's digest, so a route re-renders when anything it shows changes and never otherwise.
 * `memo` carries the digests of objects shared between routes (entries, tag lists) across calls.
 */
export function routeFingerprint(route: object, recordDigests: ReadonlyMap<ArticleRecord, string>, context: string, memo: WeakMap<object, string> = new WeakMap()): string {
  return digest(context, '\0', structure(route, recordDigests, memo))
}

// A walk rather than JSON.stringify with a replacer: shared objects are digested once per build.
function structure(value: unknown, recordDigests: ReadonlyMap<ArticleRecord, string>, memo: WeakMap<object, string>): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'u' : JSON.stringify(value)
  const known = memo.get(value)
  if (known !== undefined) return known
  const record = recordDigests.get(value as ArticleRecord)
  let result: string
  if (record !== undefined) result = `r${record}`
  else if (Array.isArray(value)) result = `[${value.map((item) => structure(item, recordDigests, memo)).join(',')}]`
  else result = `{${Object.entries(value).map(([key, item]) => `${key}:${structure(item, recordDigests, memo)}`).join(',')}}`
  // Long structures are kept as their digest, so a parent's text stays short.
  if (result.length > 64) result = `#${digest(result)}`
  memo.set(value, result)
  return result
}

// Fingerprints: what a page was made from, so a rebuild renders only pages whose inputs changed.
import { createHash, hash } from 'node:crypto'
import type { ArticleRecord } from '../types.ts'

/** A short hex digest of text or bytes. */
export function digest(...parts: (string | Uint8Array)[]): string {
  // The one-shot hash is twice as fast as a Hash object for the many short texts of fingerprints.
  if (parts.every((part) => typeof part === 'string')) return hash('sha1', parts.join(''), 'hex').slice(0, 20)
  const sha1 = createHash('sha1')
  for (const part of parts) sha1.update(part)
  return sha1.digest('hex').slice(0, 20)
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
  if (typeof value !== 'object' || value === null) return value === undefined ? 'u' : JSON.stringify(value)
  const known = memo.get(value)
  if (known !== undefined) return known
  const record = recordDigests.get(value as ArticleRecord)
  let result: string
  if (record !== undefined) result = `r${record}`
  else if (Array.isArray(value)) {
    result = '['
    for (let index = 0; index < value.length; index++) result += `${index === 0 ? '' : ','}${structure(value[index], recordDigests, memo)}`
    result += ']'
  } else {
    result = '{'
    let first = true
    for (const key in value) {
      result += `${first ? '' : ','}${key}:${structure((value as Record<string, unknown>)[key], recordDigests, memo)}`
      first = false
    }
    result += '}'
  }
  // Long structures are kept as their digest, so a parent's text stays short.
  if (result.length > 64) result = `#${digest(result)}`
  memo.set(value, result)
  return result
}

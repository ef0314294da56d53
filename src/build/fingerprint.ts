// Fingerprints: what a page was made from, so a rebuild renders only pages whose inputs changed.
import { createHash, hash } from 'node:crypto'
import type { ArticleRecord } from '../types.ts'

/** A short hex digest of text or bytes. */
export function digest(...parts: (string | Uint8Array)[]): string {
  // The one-shot hash is twice as fast as a Hash object for the many short texts of fingerprints.
  if (parts.every((part) => typeof part === 'string')) return ownPrefix(hash('sha1', parts.join(''), 'hex'))
  const sha1 = createHash('sha1')
  for (const part of parts) sha1.update(part)
  return ownPrefix(sha1.digest('hex'))
}

/**
 * The first 20 characters of a hex digest as a string of their own: a build keeps ~7 digests an
 * article (fingerprints, file digests), and a slice keeps its 40-character parent too (88 bytes
 * rather than 40). JSON.parse makes the copy for 0.2 µs more than the slice; a Buffer's hex took 1.1 µs more.
 */
function ownPrefix(hex: string): string {
  return JSON.parse(`"${hex.slice(0, 20)}"`) as string
}

/**
 * The fingerprint of a route: its own data with each article record in it replaced by that
 * record's digest, so a route re-renders when anything it shows changes and never otherwise.
 * `wholeDigests` are more digests the page depends on: those of the records it shows whole, when
 * `recordDigests` are of what lists show (heads). `memo` keeps what can be kept of the work between
 * calls and builds (see FingerprintMemo).
 */
export function routeFingerprint(
  route: object,
  recordDigests: ReadonlyMap<ArticleRecord, string>,
  context: string,
  memo = new FingerprintMemo(),
  wholeDigests: readonly string[] = [],
): string {
  return memo.fingerprint(route, recordDigests, context, wholeDigests)
}

/** A route's data with each record in it replaced by `r`, and where those records sit. */
interface Shape {
  /** The data as text, or its digest when long, so a parent's text stays short. */
  text: string
  /** Each record's place, in walk order, flattened: holder, key, holder, key, … */
  holders: unknown[]
}

/**
 * The walks of routes, kept by a builder from build to build. A shape holds no record, only where
 * records sit, so it stays true of its object while the plan puts edited records into the entries
 * it has (see PlanMemo in src/plan.ts) and changes nothing else. A route's content, the digests of
 * the records it holds put into its shape, is worked out once per build and shared by its scripts.
 */
export class FingerprintMemo {
  private shapes = new WeakMap<object, Shape>()
  private routes = new WeakMap<object, RouteMemo>()
  // A build is known by its record digests: a new map, a new build.
  private builtFor: ReadonlyMap<ArticleRecord, string> | undefined
  private build = 0

  /** The fingerprint of `route` in `context` (see routeFingerprint). */
  fingerprint(route: object, recordDigests: ReadonlyMap<ArticleRecord, string>, context: string, wholeDigests: readonly string[] = []): string {
    const memo = this.content(route, recordDigests)
    const key = wholeDigests.length === 0 ? context : `${context}\0${wholeDigests.join('\0')}`
    let fingerprint = memo.fingerprints.get(key)
    if (fingerprint === undefined) {
      // Contexts are few (scripts × templates); a settings change or an edit makes new ones, so old ones go.
      if (memo.fingerprints.size >= 16) memo.fingerprints.clear()
      fingerprint = digest(key, '\0', memo.content)
      memo.fingerprints.set(key, fingerprint)
    }
    return fingerprint
  }

  /** Where the records of `route` sit in its data: holder, key, holder, key, … */
  holdersOf(route: object, recordDigests: ReadonlyMap<ArticleRecord, string>): readonly unknown[] {
    return (this.routes.get(route)?.shape ?? shapeOf(route, recordDigests, this.shapes)).holders
  }

  /** The route's data with its records' digests in place, worked out once per build. */
  private content(route: object, recordDigests: ReadonlyMap<ArticleRecord, string>): RouteMemo {
    if (this.builtFor !== recordDigests) {
      this.builtFor = recordDigests
      this.build++
    }
    let memo = this.routes.get(route)
    if (memo?.build === this.build) return memo
    // Most routes hold the records they held last build: compare digests, place by place, without joining them.
    if (memo !== undefined && sameDigests(memo, recordDigests)) {
      memo.build = this.build
      return memo
    }
    let shape = memo?.shape ?? shapeOf(route, recordDigests, this.shapes)
    let held = digestsIn(shape, recordDigests)
    if (held === null) {
      // A place that held a record holds something else now: no shape can be trusted.
      this.shapes = new WeakMap()
      this.routes = new WeakMap()
      shape = shapeOf(route, recordDigests, this.shapes)
      held = digestsIn(shape, recordDigests) as string[]
    }
    const records = held.join('')
    memo = { shape, held, content: records === '' ? shape.text : `#${digest(shape.text, '\0', records)}`, fingerprints: new Map(), build: this.build }
    this.routes.set(route, memo)
    return memo
  }
}

/** What a fingerprint memo knows of a route: its shape, and its content and fingerprints in the build it was last asked in. */
interface RouteMemo {
  shape: Shape
  /** The digests of the records it holds, in walk order. */
  held: string[]
  content: string
  /** By context. */
  fingerprints: Map<string, string>
  build: number
}

/** The digests of the records a shape holds; null when a place holds no record of this build. */
function digestsIn(shape: Shape, recordDigests: ReadonlyMap<ArticleRecord, string>): string[] | null {
  const { holders } = shape
  const held: string[] = []
  for (let index = 0; index < holders.length; index += 2) {
    const recordDigest = recordDigests.get(recordAt(holders, index))
    if (recordDigest === undefined) return null
    held.push(recordDigest)
  }
  return held
}

/** Does every place of the route's shape hold a record with the digest it had when `memo` was made? */
function sameDigests(memo: RouteMemo, recordDigests: ReadonlyMap<ArticleRecord, string>): boolean {
  const { holders } = memo.shape
  for (let index = 0; index < holders.length; index += 2) {
    if (recordDigests.get(recordAt(holders, index)) !== memo.held[index / 2]) return false
  }
  return true
}

function recordAt(holders: unknown[], index: number): ArticleRecord {
  return (holders[index] as Record<string | number, ArticleRecord>)[holders[index + 1] as string | number]!
}

const noHolders: unknown[] = []

// A walk rather than JSON.stringify with a replacer: shared objects (entries, tag lists) are walked once.
function shapeOf(value: object, recordDigests: ReadonlyMap<ArticleRecord, string>, shapes: WeakMap<object, Shape>): Shape {
  const known = shapes.get(value)
  if (known !== undefined) return known
  const walk = { holders: noHolders, recordDigests, shapes }
  let text: string
  if (Array.isArray(value)) {
    text = '['
    for (let index = 0; index < value.length; index++) text += `${index === 0 ? '' : ','}${itemText(value, index, walk)}`
    text += ']'
  } else {
    text = '{'
    let first = true
    for (const key in value) {
      text += `${first ? '' : ','}${key}:${itemText(value, key, walk)}`
      first = false
    }
    text += '}'
  }
  if (text.length > 64) text = `#${digest(text)}`
  const shape = { text, holders: walk.holders }
  shapes.set(value, shape)
  return shape
}

/** The text of `holder[key]` in its holder's shape; a record is `r`, its place added to the walk's holders. */
function itemText(holder: object, key: string | number, walk: { holders: unknown[]; recordDigests: ReadonlyMap<ArticleRecord, string>; shapes: WeakMap<object, Shape> }): string {
  const item = (holder as Record<string | number, unknown>)[key]
  if (typeof item !== 'object' || item === null) return item === undefined ? 'u' : JSON.stringify(item)
  if (walk.recordDigests.has(item as ArticleRecord)) {
    if (walk.holders === noHolders) walk.holders = []
    walk.holders.push(holder, key)
    return 'r'
  }
  const shape = shapeOf(item, walk.recordDigests, walk.shapes)
  if (shape.holders.length > 0) {
    if (walk.holders === noHolders) walk.holders = []
    for (const place of shape.holders) walk.holders.push(place)
  }
  return shape.text
}

// The one place opencc-js is built: converters for the two script directions, and the
// single-character tables that script detection and search folding are derived from.
import * as OpenCC from 'opencc-js'
import { compileDictionaryGroup, type Dictionary } from './dictionary-trie.ts'
import type { ConversionOverrides } from './overrides.ts'

export type Traditional = 'tw' | 'hk'

/** Both directions of a build's script conversion; each is built once and reused. */
export interface Converters {
  /** Simplified → the configured Traditional variant (cn→tw or cn→hk), then the editor's overrides. */
  toHant: (text: string) => string
  /** The configured Traditional variant → Simplified (tw→cn or hk→cn), then the editor's overrides. */
  toHans: (text: string) => string
  traditional: Traditional
}

/** Build the converters of one build (~0.2 s each); `twp`/`hkp` are never used: they rewrite vocabulary. */
export function createConverters(traditional: Traditional, overrides: ConversionOverrides = { toHant: [], toHans: [] }): Converters {
  const { from, to } = OpenCC.Locale as Locale
  // opencc-js's dictionaries and steps (as its ConverterFactory(from, to, [overrides]) chains them),
  // run by the compiled trie of dictionary-trie.ts. Overrides run as the last step, on OpenCC's
  // output, so their keys are written the way OpenCC writes a term (see conversion-overrides.yaml).
  const toHant = conversionChain([...required(from.cn, 'from.cn'), ...required(to[traditional], `to.${traditional}`), [overrides.toHant]])
  const toHans = conversionChain([...required(from[traditional], `from.${traditional}`), ...required(to.cn, 'to.cn'), [overrides.toHans]])
  return { toHant, toHans, traditional }
}

/** Steps applied one after another, each on the whole text; compiled on first use, as an archive in one script converts one way only. */
function conversionChain(groups: readonly DictGroup[]): (text: string) => string {
  let steps: ((text: string) => string)[] | null = null
  return (text) => {
    steps ??= groups.map(compileDictionaryGroup)
    let converted = text
    for (const step of steps) converted = step(converted)
    return converted
  }
}

/** Character tables (one character to one character) taken from OpenCC's dictionaries. */
export interface CharacterTables {
  /** Simplified character → Traditional (OpenCC STCharacters). */
  simplifiedToTraditional: Map<string, string>
  /** Traditional character → Simplified (OpenCC TSCharacters). */
  traditionalToSimplified: Map<string, string>
  /** Regional variant → OpenCC standard form (TW and HK variant tables, e.g. 裡 → 裏, 綫 → 線). */
  variantToStandard: Map<string, string>
}

let tables: CharacterTables | undefined

/** The single-character tables, read once from opencc-js's bundled dictionaries. */
export function characterTables(): CharacterTables {
  if (tables) return tables
  const { from, to } = OpenCC.Locale as Locale
  const variantToStandard = new Map<string, string>()
  for (const region of ['tw', 'hk'] as const) {
    for (const [key, value] of characterPairs(required(from[region], `from.${region}`))) variantToStandard.set(key, value)
  }
  tables = {
    simplifiedToTraditional: new Map(characterPairs(required(from.cn, 'from.cn'))),
    traditionalToSimplified: new Map(characterPairs(required(to.cn, 'to.cn'))),
    variantToStandard,
  }
  return tables
}

// opencc-js's own declarations import './core' without an extension, which nodenext resolution
// leaves untyped; these mirror its documented dictionary shapes.
type DictGroup = readonly Dictionary[]

// A locale's groups mix phrase and character dictionaries; the character dictionary is the
// one whose every entry maps one character to one character.
interface Locale {
  from: Record<string, readonly DictGroup[] | undefined>
  to: Record<string, readonly DictGroup[] | undefined>
}

function characterPairs(groups: readonly DictGroup[]): [string, string][] {
  const pairs: [string, string][] = []
  for (const group of groups) {
    for (const dict of group) {
      const entries = typeof dict === 'string'
        ? dict.split('|').map((entry) => entry.split(' ') as [string, string])
        : dict.map(([key, value]) => [key, value] as [string, string])
      const single = entries.every(([key, value]) => [...key].length === 1 && value !== undefined && [...value].length === 1)
      if (single) pairs.push(...entries)
    }
  }
  return pairs
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`opencc-js has no locale preset ${name}`)
  return value
}

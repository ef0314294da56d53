// The character table that folds both scripts to one for search, derived from OpenCC's
// single-character dictionaries at build time and shipped to the browser in meta.json.
import { createFolder } from '../../public/search-core.js'
import { characterTables } from '../variants/opencc.ts'

/**
 * Concatenated [from, to] pairs: a regional variant to OpenCC's standard form (裡 → 裏), then
 * Traditional to Simplified (裏 → 里). Only pairs of one UTF-16 unit each, so folding keeps
 * every position.
 */
export function foldPairs(): string {
  const { traditionalToSimplified, variantToStandard } = characterTables()
  let pairs = ''
  const chars = new Set([...variantToStandard.keys(), ...traditionalToSimplified.keys()])
  for (const char of chars) {
    // Follow the tables to a fixed point so that folding folded text changes nothing.
    let simplified = char
    for (let step = 0; step < 4; step++) {
      const standard = variantToStandard.get(simplified) ?? simplified
      simplified = traditionalToSimplified.get(standard) ?? standard
    }
    if (simplified !== char && char.length === 1 && simplified.length === 1) pairs += char + simplified
  }
  return pairs
}

let folder: ((text: string) => string) | undefined

/** The search folding as a function (built once): Traditional and regional forms → Simplified, one unit for one. */
export function foldScript(text: string): string {
  folder ??= createFolder(foldPairs())
  return folder(text)
}

// The editor's table of terms OpenCC converts wrongly in their paper's usage.
import type { VFile } from 'vfile'
import { isMap, isScalar } from 'yaml'
import { readYamlMapping } from '../yaml-mapping.ts'

/** Replacement pairs applied after conversion: [term as OpenCC outputs it, the editor's term]. */
export interface ConversionOverrides {
  /** Applied to Simplified → Traditional output. */
  toHant: [string, string][]
  /** Applied to Traditional → Simplified output. */
  toHans: [string, string][]
}

const directions = ['toHant', 'toHans'] as const

/** Read an override table (YAML: `toHant:` / `toHans:` mappings); every problem is a positioned message on `file`. */
export function parseConversionOverrides(file: VFile): ConversionOverrides {
  const overrides: ConversionOverrides = { toHant: [], toHans: [] }
  const { map, place } = readYamlMapping(String(file), file, {
    yamlRule: 'overrides-yaml',
    shapeRule: 'overrides-shape',
    shapeReason: 'Conversion overrides must be a mapping with `toHant` and `toHans`',
  })
  if (map === null) return overrides
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!(directions as readonly string[]).includes(key)) {
      file.message(`Unknown direction \`${key}\` (known: ${directions.join(', ')})`, place(pair.key), 'news-archive:overrides-unknown-key').fatal = true
      continue
    }
    const table = pair.value
    // `toHant:` with nothing under it is an empty table, not a mistake.
    if (table === null || (isScalar(table) && table.value === null)) continue
    if (!isMap(table)) {
      file.message(`\`${key}\` must map terms to replacements`, place(table), 'news-archive:overrides-shape').fatal = true
      continue
    }
    for (const entry of table.items) {
      const from = isScalar(entry.key) ? entry.key.value : undefined
      const to = isScalar(entry.value) ? entry.value.value : undefined
      if (typeof from !== 'string' || from === '' || typeof to !== 'string' || to === '') {
        file.message('An override maps a term to its replacement, both non-empty text', place(entry.key), 'news-archive:overrides-entry').fatal = true
        continue
      }
      if (from === to) {
        file.message(`Override \`${from}\` replaces the term with itself`, place(entry.key), 'news-archive:overrides-noop')
        continue
      }
      overrides[key as (typeof directions)[number]].push([from, to])
    }
  }
  return overrides
}

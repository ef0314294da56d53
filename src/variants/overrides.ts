// The editor's table of terms OpenCC converts wrongly in their paper's usage.
import type { VFile } from 'vfile'
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'

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
  const lineCounter = new LineCounter()
  const doc = parseDocument(String(file), { lineCounter, uniqueKeys: true })
  const place = (node: unknown) => {
    const offset = (node as YamlNode | null | undefined)?.range?.[0] ?? 0
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0])
    file.message(error.message.split('\n')[0] ?? error.message, { line, column: col }, 'news-archive:overrides-yaml').fatal = true
  }
  if (doc.errors.length > 0 || doc.contents === null) return overrides
  if (!isMap(doc.contents)) {
    file.message('Conversion overrides must be a mapping with `toHant` and `toHans`', place(doc.contents), 'news-archive:overrides-shape').fatal = true
    return overrides
  }
  for (const pair of doc.contents.items) {
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

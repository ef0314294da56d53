// A YAML settings text read for its top-level mapping, as every settings file and front matter
// block is: syntax errors and a wrong shape become fatal messages at their line and column.
import type { VFile } from 'vfile'
import { isMap, LineCounter, parseDocument, type YAMLMap } from 'yaml'

export type Place = { line: number; column: number }

export interface YamlMapping {
  /** The top-level mapping, or null when the text had errors, was empty or was not a mapping. */
  map: YAMLMap | null
  /** Where a node of the document starts in the file (its first line when it has no position). */
  place: (node: unknown) => Place
}

export interface YamlMappingOptions {
  /** Rule ids for a syntax error and for a document that is not a mapping. */
  yamlRule: string
  shapeRule: string
  /** What to say when the document is not a mapping. */
  shapeReason: string
  /** Put before the YAML library's own reason. */
  reasonPrefix?: string
  /** The file line the text starts on (front matter starts on line 2). */
  firstLine?: number
}

/** Parse `text` (duplicate keys are errors) and report its problems on `file`. */
export function readYamlMapping(text: string, file: VFile, options: YamlMappingOptions): YamlMapping {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const lineOffset = (options.firstLine ?? 1) - 1
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: line + lineOffset, column: col }
  }
  const place = (node: unknown) => placeAt((node as { range?: [number, number, number] } | null | undefined)?.range?.[0] ?? 0)
  for (const error of doc.errors) {
    // The position is the message's own; the library's " at line 3, column 7" would say it twice.
    const reason = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/u, '')
    file.message(`${options.reasonPrefix ?? ''}${reason}`, placeAt(error.pos[0]), `news-archive:${options.yamlRule}`).fatal = true
  }
  if (doc.errors.length > 0 || doc.contents === null) return { map: null, place }
  if (!isMap(doc.contents)) {
    file.message(options.shapeReason, place(doc.contents), `news-archive:${options.shapeRule}`).fatal = true
    return { map: null, place }
  }
  return { map: doc.contents, place }
}

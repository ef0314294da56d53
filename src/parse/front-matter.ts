// A YAML front matter block (`---` … `---`) at the top of a page or article file.
import type { VFile } from 'vfile'
import { isMap, LineCounter, parseDocument, type YAMLMap } from 'yaml'

export interface FrontMatter {
  /** The parsed mapping (empty when the file has no block). */
  data: Record<string, unknown>
  /** Where each key's value sits, for messages about it: `date`, and nested keys by path (`articles.1.slug`). */
  places: Record<string, { line: number; column: number }>
  /** The text after the block, and the file line it starts on. */
  body: string
  bodyLine: number
}

const opening = /^---[ \t]*\n/u
const closing = /^---[ \t]*$/mu

/** Split off and parse front matter; YAML errors become fatal messages at their line and column. */
export function readFrontMatter(text: string, file: VFile): FrontMatter {
  if (!opening.test(text)) return { data: {}, places: {}, body: text, bodyLine: 1 }
  const afterOpening = text.replace(opening, '')
  const end = closing.exec(afterOpening)
  if (!end) {
    file.message('Front matter starts with `---` on line 1 but has no closing `---`', { line: 1, column: 1 }, 'news-archive:front-matter-unclosed').fatal = true
    return { data: {}, places: {}, body: '', bodyLine: 1 }
  }
  const yamlText = afterOpening.slice(0, end.index)
  const yamlLines = yamlText.split('\n').length - (yamlText.endsWith('\n') ? 1 : 0)
  const bodyLine = yamlLines + 3
  const body = afterOpening.slice(end.index + end[0].length).replace(/^\n/u, '')
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false })
  // Front matter starts on file line 2, after the opening `---`.
  const place = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: line + 1, column: col }
  }
  for (const error of doc.errors) {
    const reason = `Front matter is not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/u, '')}`
    file.message(reason, place(error.pos[0]), 'news-archive:front-matter-yaml').fatal = true
  }
  if (doc.errors.length > 0 || doc.contents === null) return { data: {}, places: {}, body, bodyLine }
  if (!isMap(doc.contents)) {
    file.message('Front matter must be a mapping of `key: value` lines', place(doc.contents.range?.[0] ?? 0), 'news-archive:front-matter-shape').fatal = true
    return { data: {}, places: {}, body, bodyLine }
  }
  const places: FrontMatter['places'] = {}
  const record = (map: YAMLMap, prefix: string) => {
    for (const pair of map.items) {
      const key = `${prefix}${String((pair.key as { value?: unknown } | null)?.value ?? '')}`
      const node = (pair.value ?? pair.key) as { range?: [number, number, number] } | null
      places[key] = place(node?.range?.[0] ?? 0)
      if (isMap(pair.value)) record(pair.value, `${key}.`)
    }
  }
  record(doc.contents, '')
  return { data: doc.toJS() as Record<string, unknown>, places, body, bodyLine }
}

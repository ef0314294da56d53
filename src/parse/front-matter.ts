// A YAML front matter block (`---` … `---`) at the top of a page or article file.
import type { VFile } from 'vfile'
import { isMap, type YAMLMap } from 'yaml'
import { readYamlMapping } from '../yaml-mapping.ts'

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
  // Front matter starts on file line 2, after the opening `---`.
  const { map, place } = readYamlMapping(yamlText, file, {
    yamlRule: 'front-matter-yaml',
    shapeRule: 'front-matter-shape',
    shapeReason: 'Front matter must be a mapping of `key: value` lines',
    reasonPrefix: 'Front matter is not valid YAML: ',
    firstLine: 2,
  })
  if (map === null) return { data: {}, places: {}, body, bodyLine }
  const places: FrontMatter['places'] = {}
  const record = (mapping: YAMLMap, prefix: string) => {
    for (const pair of mapping.items) {
      const key = `${prefix}${String((pair.key as { value?: unknown } | null)?.value ?? '')}`
      const node = (pair.value ?? pair.key) as { range?: [number, number, number] } | null
      places[key] = place(node)
      if (isMap(pair.value)) record(pair.value, `${key}.`)
    }
  }
  record(map, '')
  return { data: map.toJSON() as Record<string, unknown>, places, body, bodyLine }
}

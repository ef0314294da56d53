// What a parse keeps: its own copies of the texts it cut from the source's text.
import { packedList } from '../packed-list.ts'

// V8 gives a cut of 13 characters or more (a slice, substring, regex match) as a view of the whole
// text it was cut from, and keeps that text alive while the cut is: shorter ones are copies already.
const shortestView = 13
const wide = /[^\u0000-\u00ff]/u

/**
 * `value` (strings, numbers, booleans, null, lists and plain objects) with each string a text of its
 * own and each list exactly as long as it is; objects are changed in place, keeping the shape their
 * maker gave them (one built key by key past 16 keys is a slow dictionary, three times the bytes). A
 * record's headline or paragraph cut from its page kept the whole page's text alive, 25 MB of the
 * 195 MB live at the end of rendering 6,448 articles; lists grown by push had room for 17 items where
 * most hold two or three.
 */
export function detach<T>(value: T): T {
  if (typeof value === 'string') return (value.length < shortestView ? value : ownText(value)) as T
  if (typeof value !== 'object' || value === null) return value
  // Packed: held as holey lists, parsed pages took 50 MB more at 100,000 articles once read back
  // from a worker's message or the parse cache.
  if (Array.isArray(value)) return packedList(value.map(detach)) as T
  const fields = value as Record<string, unknown>
  for (const key of Object.keys(fields)) fields[key] = detach(fields[key])
  return value
}

/** A copy of `text` that is no view of another (one byte a character when it can be, as V8 keeps such text). */
function ownText(text: string): string {
  const encoding = wide.test(text) ? 'utf16le' : 'latin1'
  return Buffer.from(text, encoding).toString(encoding)
}

// Characters a reader cannot see, or that say the text was damaged before it got here: each run is
// a warning at its line and column. The record keeps them (it is the source's text); see the README
// for what pages do with them.
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { characterCount } from './character-count.ts'

interface CharacterRule {
  ruleId: string
  /** Matches one run of such characters. */
  pattern: RegExp
  reason: (run: string) => string
}

const codePoints = (run: string) => [...run].map((char) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
const count = (run: string, one: string, many: string) => {
  const characters = characterCount(run)
  return characters === 1 ? one : `${characters} ${many}`
}

const rules: CharacterRule[] = [
  {
    ruleId: 'news-archive:replacement-character',
    pattern: /\uFFFD+/gu,
    reason: (run) => `${count(run, 'A replacement character', 'replacement characters')} (U+FFFD): the text was decoded wrongly before it got here, and what stood here is lost`,
  },
  {
    // C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls. HTML forbids them in text.
    ruleId: 'news-archive:control-character',
    pattern: /[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F]+/gu,
    reason: (run) => `${count(run, 'A control character', 'control characters')} (${codePoints(run)}) in the text: HTML does not allow them; remove them`,
  },
  {
    // Embeddings, overrides and isolates can reorder what a reader sees; marks are kept apart as harmless in CJK text but still invisible.
    ruleId: 'news-archive:bidi-control',
    pattern: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]+/gu,
    reason: (run) => `${count(run, 'An invisible text-direction control', 'invisible text-direction controls')} (${codePoints(run)}): it can reverse the order in which the text reads`,
  },
  {
    ruleId: 'news-archive:zero-width',
    pattern: /[\u200B-\u200D\u2060]+/gu,
    reason: (run) => `${count(run, 'A zero-width character', 'zero-width characters')} (${codePoints(run)}): invisible, it splits words for search`,
  },
  {
    // A byte order mark after the start: two files were joined, or an editor inserted one.
    ruleId: 'news-archive:stray-bom',
    pattern: /(?<!^)\uFEFF+/gu,
    reason: () => 'A byte order mark (U+FEFF) inside the text: were two files joined here?',
  },
]

/** Runs reported per rule and file before the rest are summed up in one message. */
const maxRunsReported = 10

/** Warn about every run of invisible or damaged characters in `text` (the whole decoded file). */
export function reportSuspiciousCharacters(text: string, file: VFile): void {
  // vfile-location counts lines and columns as every other message does.
  let locator: ReturnType<typeof location> | null = null
  const place = (offset: number) => {
    locator ??= location(text)
    return locator.toPoint(offset)
  }
  for (const rule of rules) {
    rule.pattern.lastIndex = 0
    let reported = 0
    let more: { offset: number; runs: number } | null = null
    for (const match of text.matchAll(rule.pattern)) {
      if (reported < maxRunsReported) {
        file.message(rule.reason(match[0]), place(match.index), rule.ruleId)
        reported++
      } else if (more === null) more = { offset: match.index, runs: 1 }
      else more.runs++
    }
    if (more) file.message(`${more.runs} more like this from here on (${rule.ruleId.replace('news-archive:', '')})`, place(more.offset), rule.ruleId)
  }
}

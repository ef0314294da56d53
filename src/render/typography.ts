// CJK typography at render time: the record keeps the source text, the reader gets print-style punctuation.

/** Characters that count as CJK context: Han, CJK and full-width punctuation, and the curly quotes Chinese text uses. */
const cjkContextAt = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026]/uy
const asciiToFullWidth: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' }
// Half-width katakana-block punctuation only ever stands in CJK text.
const halfWidthToFullWidth: Record<string, string> = { '｡': '。', '､': '、', '｢': '「', '｣': '」' }
// The only characters typesetting can change (besides parentheses); text without them is returned as it is.
const punctuationOnly = /[,;:?!｡､｢｣]/g
const punctuationAndSpaces = /[,;:?!｡､｢｣ \t\u00a0\u3000]/g

export interface TypesetOptions {
  /** Remove spaces standing between CJK characters (PDF extraction leaves them inside paragraphs). */
  removeSpaces?: boolean
  /** Text just before this one in the same block (for a text node split by markup). */
  before?: string
  /** Text just after this one in the same block. */
  after?: string
}

/**
 * Typeset CJK text: full-width punctuation where the source used ASCII in CJK context; numbers and Latin untouched.
 * One pass over the characters that can change; everything between them is copied as it is.
 */
export function typesetCjk(text: string, options: TypesetOptions = {}): string {
  const source = text.includes('(') ? fullWidthParentheses(text) : text
  const after = options.after ?? ''
  const candidates = options.removeSpaces ? punctuationAndSpaces : punctuationOnly
  candidates.lastIndex = 0
  let match = candidates.exec(source)
  if (match === null) return source
  const before = options.before ?? ''
  // Whether the character last written out is CJK context (a removed space writes nothing).
  let previousCjk = before !== '' && cjkAt(before, lastCodePointStart(before, before.length, 0))
  let copiedTo = 0
  let out = ''
  for (; match !== null; match = candidates.exec(source)) {
    const at = match.index
    const char = match[0]
    if (at > copiedTo) {
      previousCjk = cjkAt(source, lastCodePointStart(source, at, copiedTo))
      out += source.slice(copiedTo, at)
    }
    copiedTo = at + 1
    const halfWidth = halfWidthToFullWidth[char]
    if (halfWidth !== undefined) {
      out += halfWidth
      previousCjk = true
      continue
    }
    const fullWidth = asciiToFullWidth[char]
    if (fullWidth !== undefined) {
      const next: NextKind = previousCjk ? nextVisible(source, at + 1, after) : NextKind.Other
      if (next !== NextKind.Other) {
        out += fullWidth
        previousCjk = true
      } else {
        out += char
        previousCjk = false
      }
      continue
    }
    // A space (only looked for when removing them).
    if (previousCjk && nextVisible(source, at, after) === NextKind.Cjk) continue
    out += char
    previousCjk = char === '\u3000'
  }
  return copiedTo < source.length ? out + source.slice(copiedTo) : out
}

// What follows a character, as nextVisible reports it.
const NextKind = { End: 0, Cjk: 1, Digit: 2, Other: 3 } as const
type NextKind = (typeof NextKind)[keyof typeof NextKind]

/** What the first non-space character at or after `from` is, looking on into `after` past the end. */
function nextVisible(text: string, from: number, after: string): NextKind {
  for (let i = from; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return kindAt(text, i)
  for (let i = 0; i < after.length; i++) if (!isSpace(after.charCodeAt(i))) return kindAt(after, i)
  return NextKind.End
}

function kindAt(text: string, index: number): NextKind {
  const code = text.charCodeAt(index)
  if (code >= 0x30 && code <= 0x39) return NextKind.Digit
  return cjkAt(text, index) ? NextKind.Cjk : NextKind.Other
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000
}

/** Whether the character starting at `index` is CJK context. */
function cjkAt(text: string, index: number): boolean {
  cjkContextAt.lastIndex = index
  return cjkContextAt.test(text)
}

/** Start of the last code point before `end` (not before `floor`, which is a code point boundary). */
export function lastCodePointStart(text: string, end: number, floor: number): number {
  const low = text.charCodeAt(end - 1)
  if (low >= 0xdc00 && low <= 0xdfff && end - 2 >= floor) {
    const high = text.charCodeAt(end - 2)
    if (high >= 0xd800 && high <= 0xdbff) return end - 2
  }
  return end - 1
}

/** `(上接第1版)` → `（上接第1版）`: a parenthesised run holding Han characters takes full-width parentheses. */
function fullWidthParentheses(text: string): string {
  return text.replace(/\(([^()]*)\)/g, (whole, inner: string) => (/\p{Script=Han}/u.test(inner) ? `（${inner}）` : whole))
}

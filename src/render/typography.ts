// CJK typography at render time: the record keeps the source text, the reader gets print-style punctuation.

/** Characters that count as CJK context: Han, CJK and full-width punctuation, and the curly quotes Chinese text uses. */
const cjkContext = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026]/u
const asciiToFullWidth: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' }
// Half-width katakana-block punctuation only ever stands in CJK text.
const halfWidthToFullWidth: Record<string, string> = { '｡': '。', '､': '、', '｢': '「', '｣': '」' }
const space = /[ \t\u00a0\u3000]/
const digit = /[0-9]/

export interface TypesetOptions {
  /** Remove spaces standing between CJK characters (PDF extraction leaves them inside paragraphs). */
  removeSpaces?: boolean
  /** Text just before this one in the same block (for a text node split by markup). */
  before?: string
  /** Text just after this one in the same block. */
  after?: string
}

/** Typeset CJK text: full-width punctuation where the source used ASCII in CJK context; numbers and Latin untouched. */
export function typesetCjk(text: string, options: TypesetOptions = {}): string {
  const chars = Array.from(fullWidthParentheses(text))
  const after = Array.from(options.after ?? '')
  const out: string[] = []
  const previous = () => out.at(-1) ?? Array.from(options.before ?? '').at(-1) ?? ''
  /** The first character at or after `index` that is not a space (looking into `after` past the end). */
  const nextVisible = (index: number) => {
    for (let i = index; i < chars.length; i++) if (!space.test(chars[i]!)) return chars[i]!
    for (const char of after) if (!space.test(char)) return char
    return ''
  }
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!
    if (halfWidthToFullWidth[char]) {
      out.push(halfWidthToFullWidth[char])
      continue
    }
    const fullWidth = asciiToFullWidth[char]
    if (fullWidth && cjkContext.test(previous())) {
      const next = nextVisible(i + 1)
      if (next === '' || cjkContext.test(next) || digit.test(next)) {
        out.push(fullWidth)
        continue
      }
    }
    if (options.removeSpaces && space.test(char) && cjkContext.test(previous()) && cjkContext.test(nextVisible(i))) {
      continue
    }
    out.push(char)
  }
  return out.join('')
}

/** `(上接第1版)` → `（上接第1版）`: a parenthesised run holding Han characters takes full-width parentheses. */
function fullWidthParentheses(text: string): string {
  return text.replace(/\(([^()]*)\)/g, (whole, inner: string) => (/\p{Script=Han}/u.test(inner) ? `（${inner}）` : whole))
}

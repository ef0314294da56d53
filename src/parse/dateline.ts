// The dateline (电头) that opens an article's first paragraph, and the dates it names.
import type { Dateline } from '../types.ts'
import { datelineOpening } from './patterns.ts'

const digits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** `12`, `１２`, `十二`, `二十六`, `01` → a number; NaN when it is none of these. */
export function parseNumeral(text: string): number {
  const ascii = text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  if (/^\d+$/u.test(ascii)) return Number(ascii)
  if (!/^[〇零一二两三四五六七八九十]+$/u.test(text)) return Number.NaN
  if (!text.includes('十')) return Number([...text].map((c) => digits[c]).join(''))
  const [tens, units] = text.split('十') as [string, string]
  return (tens === '' ? 1 : (digits[tens] ?? Number.NaN)) * 10 + (units === '' ? 0 : (digits[units] ?? Number.NaN))
}

const num = '[0-9０-９〇零一二两三四五六七八九十]{1,3}'
/** Words that stand for a date without naming one. */
const vagueDate = /^(近日|日前|近期|昨天|昨日|今天|今日|前不久|不久前|最近|本周|上周|连日来|近来|日前)/u
/** Month and day, optionally a range `7日至8日` / `7日-8日` / `30日至12月1日`. */
const datePattern = new RegExp(`(?:(${num})月)?(${num})日(?:\\s*(?:至|到|—|-|~|～)\\s*(?:(${num})月)?(${num})日)?`, 'u')
export interface DatelineMatch {
  dateline: Dateline
  /** Where the dates were read, relative to the paragraph (for positioned messages). */
  dateOffset: number
}

/** The dateline at the start of a first paragraph, with ISO dates whose year comes from the issue date. */
export function parseDateline(paragraph: string, issueDate: string): DatelineMatch | null {
  const opening = datelineOpening.exec(paragraph)
  if (!opening) return null
  // The dateline is the opening word, its credits in brackets, then a date or a word standing for one,
  // up to the first clause comma; without a date it ends after the opening and credits.
  const bracketed = opening[0].startsWith('【')
  const credits = /^\s*[(（][^)）]*[)）]/u.exec(paragraph.slice(opening[0].length))?.[0] ?? ''
  const head = opening[0].length + credits.length
  const rest = paragraph.slice(head)
  const dated = !bracketed && (datePattern.test(rest.slice(0, 12)) || vagueDate.test(rest.trimStart()))
  const end = dated ? firstComma(paragraph, head) : head
  const text = paragraph.slice(0, end).trimEnd()
  const date = datePattern.exec(bracketed ? opening[0] : text.slice(head))
  const none = { dateline: { text, start: null, end: null }, dateOffset: 0 }
  if (!date) return none
  const [issueYear, issueMonth] = issueDate.split('-').map(Number) as [number, number]
  const month = date[1] === undefined ? issueMonth : parseNumeral(date[1])
  const year = datelineYear(issueYear, issueMonth, month)
  const start = isoDate(year, month, parseNumeral(date[2] as string))
  if (start === null) return none
  const endMonth = date[3] === undefined ? month : parseNumeral(date[3])
  const endDate = date[4] === undefined ? null : isoDate(datelineYear(issueYear, issueMonth, endMonth), endMonth, parseNumeral(date[4]))
  return { dateline: { text, start, end: endDate }, dateOffset: date.index + (bracketed ? 0 : head) }
}

/** A December dateline in a January issue is from the year before; otherwise the issue's year. */
function datelineYear(issueYear: number, issueMonth: number, month: number): number {
  return month - issueMonth >= 6 ? issueYear - 1 : issueYear
}

function firstComma(paragraph: string, openingLength: number): number {
  // Skip a parenthesised credit `本报讯(记者 刘洋 …)` so a comma inside it doesn't end the dateline.
  let depth = 0
  for (let index = 0; index < paragraph.length; index++) {
    const char = paragraph[index]
    if (char === '(' || char === '（') depth++
    else if (char === ')' || char === '）') depth = Math.max(0, depth - 1)
    else if (depth === 0 && (char === ',' || char === '，')) return index <= 60 ? index : openingLength
  }
  return openingLength
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

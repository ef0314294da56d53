// Credits: `■记者 杨晓梅` → {role 记者, names [杨晓梅]}; one line may hold several credits.
import type { Byline } from '../types.ts'
import { photoCreditPattern, roleWordPattern, slashRolePattern } from './patterns.ts'

/** One credit of a byline line, with where its text starts on the line. */
export interface Credit extends Omit<Byline, 'line'> {
  offset: number
}

/** Split a byline line into credits; each keeps its source text. Lines with one credit keep the whole line. */
export function parseBylineText(line: string): Credit[] {
  const photo = photoCreditPattern.exec(line)
  if (photo) return [{ role: photo[2] as string, names: splitNames(photo[1] as string), text: line, offset: 0 }]

  const marker = /^[■□]\s*/u.exec(line)?.[0] ?? ''
  const body = line.slice(marker.length)
  // `記者林志明、黃欣怡/台北報導`: the place after the slash is part of the text, not a name.
  const place = /[/／][^/／\s]*(报道|報導|报导|电|電)$/u.exec(body)
  const credits = splitCredits(place ? body.slice(0, place.index) : body)
  // Each credit's text runs to where the next begins, so every character of the line lands in one.
  return credits.map((credit, index) => {
    const start = index === 0 ? 0 : credit.offset + marker.length
    const next = credits[index + 1]
    const end = next === undefined ? line.length : next.offset + marker.length
    return { ...credit, text: line.slice(start, end).trim(), offset: start }
  })
}

/** Credits inside a dateline's parentheses: `本报讯(记者 刘洋 陈晨 通讯员 赵敏 文/图)`. */
export function parseInlineCredits(text: string): Credit[] {
  const group = /[(（]([^)）]+)[)）]/u.exec(text)
  if (!group) return []
  const inner = (group[1] as string).replace(/\s*(文\s*[/／]\s*图|文\s*[/／]\s*圖|摄影报道|攝影報導)\s*$/u, '')
  const innerOffset = (group.index ?? 0) + 1
  return splitCredits(inner)
    .filter((credit) => credit.role !== null)
    .map((credit) => ({ ...credit, offset: credit.offset + innerOffset }))
}

function splitCredits(body: string): Credit[] {
  const credits: Credit[] = []
  const tokens = [...body.matchAll(/[^\s、,，]+/gu)]
  let current: Credit | null = null
  for (const token of tokens) {
    let word = token[0]
    let offset = token.index ?? 0
    const slash = slashRolePattern.exec(word)
    const role = slash ? (slash[1] as string) : roleWordPattern.exec(word)?.[1]
    if (role !== undefined) {
      current = { role, names: [], text: '', offset }
      credits.push(current)
      word = word.slice(slash ? slash[0].length : role.length)
      offset += slash ? slash[0].length : role.length
    }
    if (word === '') continue
    if (current === null) {
      current = { role: null, names: [], text: '', offset }
      credits.push(current)
    }
    current.names.push(word)
    current.text = body.slice(current.offset, offset + word.length)
  }
  return credits.filter((credit) => credit.names.length > 0)
}

function splitNames(text: string): string[] {
  return text.split(/[\s、,，]+/u).filter(Boolean)
}

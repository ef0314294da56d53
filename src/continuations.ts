// Stories that jump pages: `(下转第2版)` on page 1 and `(上接第1版)` on page 2 are one story.
import { VFileMessage } from 'vfile-message'
import type { ArticleRecord } from './types.ts'

/** A story told in parts across pages of one issue, in reading order. */
export interface Story {
  /** Id of the first part: the story's page lives at its URL. */
  id: string
  parts: ArticleRecord[]
  /** Pages a part says the story continues from or on, that the archive does not have a part for. */
  missing: { after: string; page: number; direction: 'from' | 'to' }[]
}

/** Group continued articles into stories; a jump that cannot be matched is a positioned message on its source. */
export function matchContinuations(articleRecords: ArticleRecord[]): { stories: Story[]; storyByArticleId: Map<string, Story>; messages: VFileMessage[] } {
  const messages: VFileMessage[] = []
  const byIssuePage = new Map<string, ArticleRecord[]>()
  for (const record of articleRecords) {
    const key = `${record.issueDate}/${record.page}`
    byIssuePage.set(key, [...(byIssuePage.get(key) ?? []), record])
  }
  // next: part → the part it continues on; claimed: parts already taken as someone's continuation.
  const next = new Map<string, ArticleRecord>()
  const previous = new Map<string, ArticleRecord>()
  for (const record of articleRecords) {
    if (record.continuedTo === null) continue
    const candidates = (byIssuePage.get(`${record.issueDate}/${record.continuedTo}`) ?? []).filter(
      (other) => other.continuedFrom === record.page && !previous.has(other.id),
    )
    const match = bestByHeadline(record, candidates)
    if (match) {
      next.set(record.id, match)
      previous.set(match.id, record)
    }
  }

  const stories: Story[] = []
  const storyByArticleId = new Map<string, Story>()
  for (const record of articleRecords) {
    const isContinued = record.continuedTo !== null || record.continuedFrom !== null
    if (!isContinued || previous.has(record.id)) continue
    const parts = [record]
    for (let part = next.get(record.id); part; part = next.get(part.id)) parts.push(part)
    const story: Story = { id: record.id, parts, missing: [] }
    const first = parts[0] as ArticleRecord
    const last = parts.at(-1) as ArticleRecord
    if (first.continuedFrom !== null) story.missing.push({ after: first.id, page: first.continuedFrom, direction: 'from' })
    if (last.continuedTo !== null) story.missing.push({ after: last.id, page: last.continuedTo, direction: 'to' })
    for (const gap of story.missing) messages.push(unmatched(gap.direction === 'from' ? first : last, gap.direction, gap.page))
    stories.push(story)
    for (const part of parts) storyByArticleId.set(part.id, story)
  }
  return { stories, storyByArticleId, messages }
}

/** Of the parts on the right page, the one whose headline is most like this one's (the first when none has one). */
function bestByHeadline(record: ArticleRecord, candidates: ArticleRecord[]): ArticleRecord | null {
  if (candidates.length <= 1) return candidates[0] ?? null
  let best = candidates[0] as ArticleRecord
  let bestScore = -1
  for (const candidate of candidates) {
    const score = headlineSimilarity(record.headline ?? '', candidate.headline ?? '')
    if (score > bestScore) [best, bestScore] = [candidate, score]
  }
  return best
}

/** Dice coefficient of character bigrams: 1 for the same headline, 0 for nothing in common. */
export function headlineSimilarity(a: string, b: string): number {
  const bigrams = (text: string) => {
    const chars = [...text.replace(/\s+/gu, '')]
    return chars.slice(1).map((char, index) => `${chars[index]}${char}`)
  }
  const left = bigrams(a)
  const right = new Map<string, number>()
  for (const gram of bigrams(b)) right.set(gram, (right.get(gram) ?? 0) + 1)
  const total = left.length + [...right.values()].reduce((sum, count) => sum + count, 0)
  if (total === 0) return 0
  let shared = 0
  for (const gram of left) {
    const count = right.get(gram) ?? 0
    if (count > 0) {
      shared++
      right.set(gram, count - 1)
    }
  }
  return (2 * shared) / total
}

function unmatched(record: ArticleRecord, direction: 'from' | 'to', page: number): VFileMessage {
  const marker = record.continuationMarkers.find((candidate) => candidate.direction === direction)
  const line = marker?.line ?? (direction === 'from' ? record.sourceLines[0] : record.sourceLines[1])
  const reason =
    direction === 'to'
      ? `Article continues on page ${page}, but no article on page ${page} of ${record.issueDate} continues from page ${record.page}`
      : `Article continues from page ${page}, but no article on page ${page} of ${record.issueDate} continues on page ${record.page}`
  const message = new VFileMessage(reason, { place: { line, column: 1 }, ruleId: 'unmatched-continuation', source: 'news-archive' })
  message.file = record.source
  message.fatal = false
  return message
}

// Related articles: those sharing the most tags with an article, newest first among equals.
// Comparing every article with every other is quadratic (31 s for 10,000 articles). Articles with
// the same tags have the same candidates, so candidates are ranked once per distinct tag set,
// scoring tag sets through an inverted index (tag → tag sets carrying it). The cost grows with the
// square of the number of distinct tag sets, not of articles: 2,515 sets for 10,000 generated
// articles over a 16-tag vocabulary.
import { byNewest } from './archive.ts'
import type { ArticleEntry, TagRef } from './route-types.ts'

/** Articles with the same tags (with multiplicity), newest first. */
interface TagSet {
  /** Tag numbers, one per tag the articles carry. */
  tags: number[]
  /** Each entry's place among all entries, newest first (ascending). */
  ranks: number[]
}

/**
 * For every article, the `count` others sharing the most tags with it (an article's tag counted as often
 * as it carries it), newest first among equals; nothing for an article without tags.
 */
export function relatedEntries(entries: readonly ArticleEntry[], count: number): Map<ArticleEntry, ArticleEntry[]> {
  const newest = [...entries].sort(byNewest)
  const tagNumbers = new Map<TagRef, number>()
  const setKeys = newest.map((entry) =>
    entry.tags
      .map((tag) => tagNumbers.get(tag) ?? tagNumbers.set(tag, tagNumbers.size).get(tag)!)
      .sort((a, b) => a - b)
      .join(','),
  )
  // The ranking depends only on the tags of the articles in newest-first order: an edit that
  // leaves every article's tags and place as they were (a typo fixed) reuses the last ranking.
  const inputKey = `${count}|${setKeys.join(';')}`
  if (lastRanking?.inputKey !== inputKey) lastRanking = { inputKey, bestRanks: rankRelated(setKeys, count + 1) }
  const { bestRanks } = lastRanking
  const related = new Map<ArticleEntry, ArticleEntry[]>()
  newest.forEach((entry, rank) => {
    const best = bestRanks.get(setKeys[rank]!) ?? []
    related.set(
      entry,
      best
        .filter((other) => other !== rank)
        .slice(0, count)
        .map((other) => newest[other]!),
    )
  })
  return new Map(entries.map((entry) => [entry, related.get(entry)!]))
}

let lastRanking: { inputKey: string; bestRanks: Map<string, number[]> } | undefined

/** For each tag set (by key), the ranks of the `wanted` best articles for an article carrying it. */
function rankRelated(setKeys: readonly string[], wanted: number): Map<string, number[]> {
  const setsByKey = new Map<string, TagSet>()
  setKeys.forEach((key, rank) => {
    let set = setsByKey.get(key)
    if (!set) {
      set = { tags: key === '' ? [] : key.split(',').map(Number), ranks: [] }
      setsByKey.set(key, set)
    }
    set.ranks.push(rank)
  })
  const sets = [...setsByKey.values()]
  const setsByTag: number[][] = []
  sets.forEach((set, index) => {
    for (const tag of set.tags) (setsByTag[tag] ??= []).push(index)
  })

  const shared = new Int32Array(sets.length)
  const bestRanks = new Map<string, number[]>()
  for (const [key, set] of setsByKey) {
    if (set.tags.length === 0) continue
    const touched: number[] = []
    for (const tag of new Set(set.tags)) {
      for (const other of setsByTag[tag]!) {
        if (shared[other] === 0) touched.push(other)
        shared[other]!++
      }
    }
    // Best first: more shared tags, then the newer article. Sets are taken by score, highest first,
    // so the many sets sharing a single tag are not looked at once the best are found.
    const setsByScore: number[][] = []
    for (const other of touched) {
      ;(setsByScore[shared[other]!] ??= []).push(other)
      shared[other] = 0
    }
    const best: number[] = []
    for (let score = setsByScore.length - 1; score > 0 && best.length < wanted; score--) {
      for (const rank of newestOf(setsByScore[score] ?? [], sets, wanted - best.length)) best.push(rank)
    }
    bestRanks.set(key, best)
  }
  return bestRanks
}

/** The `count` smallest ranks of the given sets (each set's ranks ascending). */
function newestOf(setIndexes: readonly number[], sets: readonly TagSet[], count: number): number[] {
  const picks: number[] = []
  for (const index of setIndexes) {
    for (const rank of sets[index]!.ranks) {
      if (picks.length === count) {
        if (rank >= picks[count - 1]!) break
        picks.pop()
      }
      let at = picks.length
      while (at > 0 && rank < picks[at - 1]!) at--
      picks.splice(at, 0, rank)
    }
  }
  return picks
}

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
  entries: ArticleEntry[]
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
  const setsByKey = new Map<string, TagSet>()
  const setOf = new Map<ArticleEntry, TagSet>()
  newest.forEach((entry, rank) => {
    const tags = entry.tags.map((tag) => tagNumbers.get(tag) ?? tagNumbers.set(tag, tagNumbers.size).get(tag)!).sort((a, b) => a - b)
    const key = tags.join(',')
    let set = setsByKey.get(key)
    if (!set) {
      set = { tags, entries: [], ranks: [] }
      setsByKey.set(key, set)
    }
    set.entries.push(entry)
    set.ranks.push(rank)
    setOf.set(entry, set)
  })
  const sets = [...setsByKey.values()]
  const setsByTag: number[][] = Array.from({ length: tagNumbers.size }, () => [])
  sets.forEach((set, index) => {
    for (const tag of set.tags) setsByTag[tag]!.push(index)
  })

  // One more than needed, as the article itself is among its own tag set's best.
  const wanted = count + 1
  const shared = new Int32Array(sets.length)
  const bestBySet = new Map<TagSet, ArticleEntry[]>()
  for (const set of sets) {
    if (set.tags.length === 0) continue
    const touched: number[] = []
    for (const tag of new Set(set.tags)) {
      for (const other of setsByTag[tag]!) {
        if (shared[other] === 0) touched.push(other)
        shared[other]!++
      }
    }
    // Best first: more shared tags, then the newer article.
    const best: { score: number; rank: number; entry: ArticleEntry }[] = []
    const beats = (score: number, entryRank: number, than: { score: number; rank: number }) => score > than.score || (score === than.score && entryRank < than.rank)
    for (const other of touched) {
      const score = shared[other]!
      shared[other] = 0
      const { entries: candidates, ranks } = sets[other]!
      for (let k = 0; k < candidates.length; k++) {
        const entry = candidates[k]!
        const entryRank = ranks[k]!
        if (best.length === wanted) {
          if (!beats(score, entryRank, best[wanted - 1]!)) break
          best.pop()
        }
        let at = best.length
        while (at > 0 && beats(score, entryRank, best[at - 1]!)) at--
        best.splice(at, 0, { score, rank: entryRank, entry })
      }
    }
    bestBySet.set(set, best.map((candidate) => candidate.entry))
  }

  const related = new Map<ArticleEntry, ArticleEntry[]>()
  for (const entry of entries) {
    const best = bestBySet.get(setOf.get(entry)!) ?? []
    related.set(entry, best.filter((other) => other !== entry).slice(0, count))
  }
  return related
}

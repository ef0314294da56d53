// A memo bounded in size, for what a large one-shot build would otherwise keep to its end.

/** What the memos need of a map. */
export interface Memo<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): unknown
}

/**
 * A map that holds at most `capacity` (counted by `weigh`, one per entry by default), dropping the
 * oldest entries to make room (a value weighing more than the capacity is kept until the next is
 * set). No bound keeps what a build goes round in a circle larger than the bound, whichever entries
 * it drops: builds render in an order that brings the pages showing an article together (see
 * build/render-order.ts). In that order, dropping the least recently used rather than the oldest
 * was no faster (with 3,000 of 10,000 articles held), and costs a move on every hit.
 */
export function boundedMemo<K, V>(capacity: number, weigh: (value: V) => number = () => 1): Memo<K, V> {
  const entries = new Map<K, V>()
  let held = 0
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      const earlier = entries.get(key)
      if (earlier !== undefined) {
        entries.delete(key)
        held -= weigh(earlier)
      }
      entries.set(key, value)
      held += weigh(value)
      for (const [oldest, dropped] of entries) {
        if (held <= capacity || oldest === key) break
        entries.delete(oldest)
        held -= weigh(dropped)
      }
    },
  }
}

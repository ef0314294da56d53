// A memo bounded in size, for what a large one-shot build would otherwise keep to its end.

/** What the memos need of a map. */
export interface Memo<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): unknown
}

/**
 * A map that holds at most `capacity` (counted by `weigh`, one per entry by default), dropping the
 * entry used least recently to make room. Builds that use it render in an order that brings the
 * pages showing an article together (see build/render-order.ts): whatever order, no bound keeps
 * what a build goes round in a circle larger than the bound.
 */
export function boundedMemo<K, V>(capacity: number, weigh: (value: V) => number = () => 1): Memo<K, V> {
  // In the order of their last use, least recent first.
  const entries = new Map<K, V>()
  let held = 0
  return {
    get(key) {
      const value = entries.get(key)
      if (value !== undefined) {
        entries.delete(key)
        entries.set(key, value)
      }
      return value
    },
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

// A memo bounded in size, for what a large one-shot build would otherwise keep to its end.
import { LRUCache } from 'lru-cache'

/** What the memos need of a map. */
export interface Memo<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): unknown
}

/**
 * A map that holds at most `capacity` (counted by `weigh`, one per entry by default), dropping the
 * oldest entries to make room; a value weighing more than the capacity is not kept. No bound keeps
 * what a build goes round in a circle larger than the bound, whichever entries it drops: builds
 * render in an order that brings the pages showing an article together (see
 * build/render-order.ts). In that order, dropping the least recently used rather than the oldest
 * was no faster (with 3,000 of 10,000 articles held), so a hit is a `peek`, which leaves the order.
 *
 * lru-cache keeps the order in a linked list: a `Map` dropping its first entries (as this was
 * written before) walks past every entry deleted since its table was last rebuilt, and at 100,000
 * articles the card memo spent 14 s of a 275 s build there.
 */
export function boundedMemo<K extends {}, V extends {}>(capacity: number, weigh: (value: V) => number = () => 1): Memo<K, V> {
  // lru-cache takes no capacity below one, nor sizes other than positive integers (an empty string weighs one).
  if (capacity < 1) return { get: () => undefined, set: () => undefined }
  const entries = new LRUCache<K, V>({ maxSize: capacity, sizeCalculation: (value) => Math.max(1, Math.ceil(weigh(value))) })
  return {
    get: (key) => entries.peek(key),
    set: (key, value) => entries.set(key, value),
  }
}

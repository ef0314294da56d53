// Lists that V8's serializer writes whole: what goes to the cache files and between threads.

/** Lists longer than this stay as they are: spread into a call, they could exceed its arguments. */
const packedUpTo = 10_000

/**
 * `items` as a packed list, exactly as long as it is. Optimized, `map` makes holey lists, which V8's
 * serializer (a worker's message, the cache files) writes item by item and reads back with room for
 * 16 items: 144 bytes for a list of one to three, rather than 24 to 40.
 */
export function packedList<T>(items: T[]): T[] {
  return items.length <= packedUpTo ? Array.of(...items) : items
}

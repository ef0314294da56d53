// A memo bounded by count, for what a large one-shot build would otherwise keep to its end.

/** A map that keeps its latest `size` entries, dropping the oldest first. */
export function latest<K, V>(size: number): Pick<Map<K, V>, 'get' | 'set'> {
  const entries = new Map<K, V>()
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      entries.set(key, value)
      if (entries.size > size) entries.delete(entries.keys().next().value as K)
      return entries
    },
  }
}

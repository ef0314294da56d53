// How fast the V8 heap grows in a process that builds a large archive once (`news-archive build`).
import { setFlagsFromString } from 'node:v8'

/**
 * The share by which the heap may grow past what was live after a full collection before the next
 * one. A one-shot build of a large archive holds most of what it makes live to its end (records,
 * plan, each page's fingerprint and files: 1.0 to 1.4 GB at 100,000 articles), and by default V8
 * let the heap grow to 1.6 times that before collecting: that growth, more than what was live, took
 * the peak past 2 GB. Collecting sooner costs time, a few percent of such a build.
 */
const heapGrowingPercent = 25

/** Make V8 grow this process's heap slowly from now on: for a process that builds a large archive once and exits. */
export function growHeapSlowly(): void {
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`)
}

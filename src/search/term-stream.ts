// The terms of a one-shot build's stories, kept compact from their scan until the shards are
// written: about 2 bytes a (term, document) pair rather than a StoryTerms' 5 (375 MB at 100,000
// articles), in chunks let go as they are read back.
import type { PostingsReplay } from './postings.ts'
import { writeVarint } from './postings.ts'
import type { StoryTerms } from './terms.ts'

/**
 * Documents' terms in the order appended. Per document: its term count, then per term, by
 * ascending local number, the gap to the previous number (minus one) and the posting byte, every
 * number an unsigned LEB128. Sorted, the gaps are mostly one byte; the order of a document's terms
 * does not matter to its postings.
 */
export class TermStream {
  private readonly chunks: (Uint8Array | null)[] = []
  private readonly ends: number[] = []
  private chunk = new Uint8Array(0)
  private used = 0
  private sorted = new Int32Array(1024)
  /** Per local number: its posting byte in the document being appended. */
  private byteOf = new Uint8Array(1024)

  /**
   * `chunkBytes`: the size of a chunk (larger for a document that needs more). Past 32 MB, glibc's
   * malloc maps each chunk on its own and unmaps it when freed; smaller ones stay resident in its heap.
   */
  constructor(private readonly chunkBytes = 48 << 20) {}

  /** Append the next document's terms, numbered by `localOf` (see ShardAssembler.localOf). */
  append({ terms, bytes }: StoryTerms, localOf: (term: number) => number): void {
    const count = terms.length
    if (this.sorted.length < count) this.sorted = new Int32Array(count * 2)
    for (let i = 0; i < count; i++) {
      const local = localOf(terms[i]!)
      if (local >= this.byteOf.length) {
        const byteOf = new Uint8Array(Math.max(local + 1, this.byteOf.length * 2))
        byteOf.set(this.byteOf)
        this.byteOf = byteOf
      }
      this.sorted[i] = local
      this.byteOf[local] = bytes[i]!
    }
    const locals = this.sorted.subarray(0, count).sort()
    // Room for the count and, per term, a gap of at most 5 bytes and its byte.
    const room = 5 + count * 6
    if (this.used + room > this.chunk.length) {
      this.seal()
      this.chunk = new Uint8Array(Math.max(this.chunkBytes, room))
    }
    const { chunk, byteOf } = this
    let at = writeVarint(chunk, this.used, count)
    let previous = -1
    for (let i = 0; i < count; i++) {
      const local = locals[i]!
      at = writeVarint(chunk, at, local - previous - 1)
      chunk[at++] = byteOf[local]!
      previous = local
    }
    this.used = at
  }

  /** Visit every posting in document order (as ShardAssembler.finish asks); the stream is empty afterwards. */
  readonly replay: PostingsReplay = (post) => {
    this.seal()
    const { chunks, ends } = this
    let doc = 0
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index] as Uint8Array
      const end = ends[index]!
      // Read once: let the chunk go while the rest is read.
      chunks[index] = null
      let at = 0
      while (at < end) {
        let count = 0
        for (let shift = 1, byte = 0x80; byte >= 0x80; shift *= 0x80) {
          byte = chunk[at++]!
          count += (byte & 0x7f) * shift
        }
        let local = -1
        for (let i = 0; i < count; i++) {
          let gap = 0
          for (let shift = 1, byte = 0x80; byte >= 0x80; shift *= 0x80) {
            byte = chunk[at++]!
            gap += (byte & 0x7f) * shift
          }
          local += gap + 1
          post(doc, local, chunk[at++]!)
        }
        doc++
      }
    }
    this.chunks.length = 0
    this.ends.length = 0
  }

  private seal() {
    if (this.used > 0) {
      this.chunks.push(this.chunk)
      this.ends.push(this.used)
    }
    this.chunk = new Uint8Array(0)
    this.used = 0
  }
}

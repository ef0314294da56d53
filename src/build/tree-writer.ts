// Where a site tree's files are made: by synchronous calls on the build's thread, or on a thread of
// their own. A build that renders on this thread alone (an archive too large for render workers) left
// the second core idle while it wrote: at 100,000 articles, 298,083 files and 35-42 s of a 278 s build.
// On a thread of their own they are written while the next pages are rendered.
import { linkSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { makeFolder, unlinkIfThere, writeNamed } from './tree-operations.js'

/** One file-system call, as the writer thread runs it; a write names its bytes by place in the batch's buffer. */
export type WriterOperation = ['mkdir', string] | ['unlink', string] | ['link', string, string] | ['write', string, number, number]

/** Operations sent to the writer thread together, with the bytes of their writes. */
export interface WriterBatch {
  id: number
  operations: WriterOperation[]
  bytes: Uint8Array
}

/** The writer thread's answer to a batch: the first failure so far (this batch's or an earlier one's), or null; and the batch's buffer, to use again. */
export interface WriterReply {
  id: number
  failure: { message: string; code?: string; errno?: number; syscall?: string; path?: string } | null
  buffer: ArrayBuffer
}

/** Makes the files of a tree. Calls are done in order; a failure is thrown by a later call when not by its own. */
export interface TreeWriter {
  /** Make a folder and its parents. */
  mkdir(folder: string): void
  /** Remove a file; one already gone is no error. */
  unlink(file: string): void
  /** Give `existing`'s bytes a second name, `file`. */
  link(existing: string, file: string): void
  write(file: string, bytes: string | Uint8Array): void
  /** Something to await before asking for more, when much is waiting to be written; else undefined. */
  backlog(): Promise<void> | undefined
  /** Resolves once everything asked so far is done; rejects with the first failure. */
  settle(): Promise<void>
  /** Stop writing; what is not yet done is dropped. */
  close(): Promise<void>
}

/** Each call done on return, on this thread. */
export const directWriter: TreeWriter = {
  mkdir: makeFolder,
  unlink: unlinkIfThere,
  link: linkSync,
  write: writeNamed,
  backlog: () => undefined,
  settle: async () => {},
  close: async () => {},
}

/** Bytes gathered into one batch: about 30 pages, one message. */
const batchBytes = 512 << 10
/** Operations in one batch at most (links and folders carry no bytes). */
const batchOperations = 512
/**
 * Bytes sent and not yet written above which the build waits. The writer is faster than rendering,
 * so this bounds only a slow disk; every megabyte here is one more at the peak of a build near 2 GB.
 */
const backlogBytes = 4 << 20

/** Calls gathered into batches and run in order on a thread of their own (tree-writer-thread.js). */
export class ThreadTreeWriter implements TreeWriter {
  private readonly thread = new Worker(new URL('./tree-writer-thread.js', import.meta.url))
  private operations: WriterOperation[] = []
  private bytes = Buffer.allocUnsafe(batchBytes)
  private used = 0
  private nextId = 0
  /** Bytes of each batch sent and not yet answered. */
  private readonly unanswered = new Map<number, number>()
  private waitingBytes = 0
  private failure: Error | null = null
  private listeners: (() => void)[] = []
  /**
   * Buffers the writer has given back. Used again rather than made anew: freed only by the writer
   * thread's collector, which its small heap seldom runs, new buffers took a 100,000-article
   * build's peak 150 MB higher.
   */
  private readonly spare: ArrayBuffer[] = []

  constructor() {
    // Referenced only while batches are out: an idle writer does not keep the process alive.
    this.thread.unref()
    this.thread.on('message', (reply: WriterReply) => {
      this.waitingBytes -= this.unanswered.get(reply.id) ?? 0
      this.unanswered.delete(reply.id)
      if (reply.buffer.byteLength === batchBytes) this.spare.push(reply.buffer)
      if (reply.failure && this.failure === null) this.failure = Object.assign(new Error(reply.failure.message), reply.failure)
      if (this.unanswered.size === 0) this.thread.unref()
      this.wake()
    })
    this.thread.on('error', (error) => this.fail(error))
    this.thread.on('exit', () => this.fail(new Error('the writer thread exited')))
  }

  mkdir(folder: string): void {
    this.add(['mkdir', folder])
  }

  unlink(file: string): void {
    this.add(['unlink', file])
  }

  link(existing: string, file: string): void {
    this.add(['link', existing, file])
  }

  write(file: string, contents: string | Uint8Array): void {
    const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents
    if (this.used + bytes.byteLength > this.bytes.byteLength) {
      this.send()
      if (bytes.byteLength > batchBytes) {
        // A buffer of its own; the batch buffer just taken waits for the next batch.
        if (this.bytes.buffer.byteLength === batchBytes) this.spare.push(this.bytes.buffer as ArrayBuffer)
        this.bytes = Buffer.allocUnsafe(bytes.byteLength)
      }
    }
    this.bytes.set(bytes, this.used)
    this.used += bytes.byteLength
    this.add(['write', file, this.used - bytes.byteLength, bytes.byteLength])
  }

  backlog(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure)
    return this.waitingBytes > backlogBytes ? this.until(() => this.waitingBytes <= backlogBytes / 2) : undefined
  }

  settle(): Promise<void> {
    this.send()
    return this.until(() => this.unanswered.size === 0)
  }

  async close(): Promise<void> {
    this.thread.removeAllListeners('exit')
    await this.thread.terminate()
  }

  private add(operation: WriterOperation): void {
    if (this.failure) throw this.failure
    this.operations.push(operation)
    if (this.used >= batchBytes || this.operations.length >= batchOperations) this.send()
  }

  private send(): void {
    if (this.operations.length === 0) return
    const id = this.nextId++
    const batch: WriterBatch = { id, operations: this.operations, bytes: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used) }
    if (this.unanswered.size === 0) this.thread.ref()
    this.unanswered.set(id, this.used)
    this.waitingBytes += this.used
    // The buffer moves to the writer; the next batch gathers into a new one.
    this.thread.postMessage(batch, [this.bytes.buffer as ArrayBuffer])
    this.operations = []
    const spare = this.spare.pop()
    this.bytes = spare ? Buffer.from(spare) : Buffer.allocUnsafe(batchBytes)
    this.used = 0
  }

  /** Resolves when `done()` holds after an answer (or now), rejects once a failure is known. */
  private until(done: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) reject(this.failure)
        else if (done()) resolve()
        else this.listeners.push(check)
      }
      check()
    })
  }

  private fail(error: Error): void {
    this.failure ??= error
    this.unanswered.clear()
    this.wake()
  }

  private wake(): void {
    const listeners = this.listeners
    this.listeners = []
    for (const listener of listeners) listener()
  }
}

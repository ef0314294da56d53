// The thread that makes a site tree's files (see tree-writer.ts): it runs the operations it is sent
// in order, with synchronous calls, and answers each batch, giving its buffer back. After the first that fails it runs none,
// and answers every batch with that failure. Plain JavaScript, importing only node:, so that it
// starts in a few milliseconds whether news-archive runs from its bundle or through tsx.
import { linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'

if (parentPort === null) throw new Error('tree-writer-thread.js runs as a worker thread')
const port = parentPort

/** @type {{ message: string, code?: string, errno?: number, syscall?: string, path?: string } | null} */
let failure = null

port.on('message', (/** @type {import('./tree-writer.ts').WriterBatch} */ batch) => {
  if (failure === null) {
    try {
      for (const operation of batch.operations) run(operation, batch.bytes)
    } catch (error) {
      const { message, code, errno, syscall, path } = /** @type {NodeJS.ErrnoException} */ (error)
      failure = { message: String(message), code, errno, syscall, path }
    }
  }
  const buffer = /** @type {ArrayBuffer} */ (batch.bytes.buffer)
  port.postMessage(/** @type {import('./tree-writer.ts').WriterReply} */ ({ id: batch.id, failure, buffer }), [buffer])
})

/** @param {import('./tree-writer.ts').WriterOperation} operation @param {Uint8Array} bytes */
function run(operation, bytes) {
  switch (operation[0]) {
    case 'mkdir':
      mkdirSync(operation[1], { recursive: true })
      return
    case 'unlink':
      try {
        unlinkSync(operation[1])
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error
      }
      return
    case 'link':
      linkSync(operation[1], operation[2])
      return
    case 'write':
      writeFileSync(operation[1], bytes.subarray(operation[2], operation[2] + operation[3]))
      return
  }
}

// The thread that makes a site tree's files (see tree-writer.ts): it runs the operations it is sent
// in order, with synchronous calls, and answers each batch, giving its buffer back. After the first
// that fails it runs none, and answers every batch with that failure. Plain JavaScript, importing
// only node: and tree-operations.js, so that it starts in a few milliseconds whether news-archive
// runs from its bundle or through tsx.
import { parentPort } from 'node:worker_threads'
import { runOperation } from './tree-operations.js'

if (parentPort === null) throw new Error('tree-writer-thread.js runs as a worker thread')
const port = parentPort

/** @type {import('./tree-writer.ts').WriterReply['failure']} */
let failure = null

port.on('message', (/** @type {import('./tree-writer.ts').WriterBatch} */ batch) => {
  if (failure === null) {
    try {
      for (const operation of batch.operations) runOperation(operation, batch.bytes)
    } catch (error) {
      const { message, code, errno, syscall, path } = /** @type {NodeJS.ErrnoException} */ (error)
      failure = { message: String(message), code, errno, syscall, path }
    }
  }
  const buffer = /** @type {ArrayBuffer} */ (batch.bytes.buffer)
  port.postMessage(/** @type {import('./tree-writer.ts').WriterReply} */ ({ id: batch.id, failure, buffer }), [buffer])
})

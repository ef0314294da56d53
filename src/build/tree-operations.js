// The file-system calls that make a site tree, shared by the build's thread (tree-writer.ts) and the
// writer thread (tree-writer-thread.js). Plain JavaScript importing only node:, as the writer thread is.
import { linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs'

/** Make a folder and its parents. @param {string} folder */
export function makeFolder(folder) {
  mkdirSync(folder, { recursive: true })
}

/** Remove a file; one already gone is no error. @param {string} file */
export function unlinkIfThere(file) {
  try {
    unlinkSync(file)
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error
  }
}

/**
 * Run one operation, synchronously; a write's bytes are its place in `bytes`.
 * @param {import('./tree-writer.ts').WriterOperation} operation
 * @param {Uint8Array} bytes
 */
export function runOperation(operation, bytes) {
  switch (operation[0]) {
    case 'mkdir':
      makeFolder(operation[1])
      return
    case 'unlink':
      unlinkIfThere(operation[1])
      return
    case 'link':
      linkSync(operation[1], operation[2])
      return
    case 'write':
      writeNamed(operation[1], bytes.subarray(operation[2], operation[2] + operation[3]))
      return
  }
}

/**
 * Write a file whole. A write that fails after the open names no file (`ENOSPC: no space left on
 * device, write`): it is named here as Node names the file of a failed open, so that the build's
 * message says which file could not be written.
 * @param {string} file
 * @param {string | Uint8Array} contents
 */
export function writeNamed(file, contents) {
  try {
    writeFileSync(file, contents)
  } catch (error) {
    const failure = /** @type {NodeJS.ErrnoException} */ (error)
    if (failure.path === undefined) {
      failure.path = file
      failure.message = `${failure.message} '${file}'`
    }
    throw failure
  }
}

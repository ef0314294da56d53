// Making a tree's files on a thread of their own (src/build/tree-writer.ts): the same files as the
// direct calls make, in the order asked, and a failure reported with its code and path.
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { directWriter, ThreadTreeWriter } from '../../src/build/tree-writer.ts'
import { tempDirs } from '../helpers/temp-dirs.ts'

const tempDir = tempDirs('tree-writer-')

/** Page-like bytes of `size`, different for each `seed`. */
function pageBytes(seed: number, size: number): Buffer {
  return Buffer.alloc(size, `<p>第${seed}版 杨浦时报</p>\n`)
}

describe('ThreadTreeWriter', () => {
  it('writes, links, replaces and makes folders in the order asked, settled before settle() resolves', async () => {
    const root = tempDir()
    const writer = new ThreadTreeWriter()
    try {
      const pages = Array.from({ length: 300 }, (_, index) => ({ file: path.join(root, '2019', '12', String(index), 'index.html'), bytes: pageBytes(index, 3000 + index * 37) }))
      for (const { file, bytes } of pages) {
        writer.mkdir(path.dirname(file))
        writer.write(file, bytes)
      }
      // Larger than a batch: sent in a buffer of its own.
      const large = pageBytes(7, 3 << 20)
      writer.write(path.join(root, 'search.bin'), large)
      writer.link(path.join(root, 'search.bin'), path.join(root, 'search-link.bin'))
      // Replaced as the tree does it: the old name removed, then written again.
      writer.unlink(path.join(root, '2019', '12', '0', 'index.html'))
      writer.write(path.join(root, '2019', '12', '0', 'index.html'), '第一版')
      writer.unlink(path.join(root, 'never-there.html'))
      await writer.settle()
      for (const { file, bytes } of pages.slice(1)) expect(readFileSync(file).equals(bytes)).toBe(true)
      expect(readFileSync(path.join(root, '2019', '12', '0', 'index.html'), 'utf8')).toBe('第一版')
      expect(readFileSync(path.join(root, 'search.bin')).equals(large)).toBe(true)
      expect(statSync(path.join(root, 'search-link.bin')).ino).toBe(statSync(path.join(root, 'search.bin')).ino)
    } finally {
      await writer.close()
    }
  })

  it('reports a failure with its code and path, runs nothing after it, and throws it on the next call', async () => {
    const root = tempDir()
    writeFileSync(path.join(root, 'not-a-folder'), 'a file where a folder should be')
    const writer = new ThreadTreeWriter()
    try {
      writer.write(path.join(root, 'before.html'), 'before')
      writer.mkdir(path.join(root, 'not-a-folder', '2019'))
      // Larger than a batch: the failing batch is sent, and this one and the next follow it before any answer.
      writer.write(path.join(root, 'large.bin'), pageBytes(1, 1 << 20))
      writer.write(path.join(root, 'after.html'), 'after')
      const failure = await writer.settle().then(
        () => null,
        (error: NodeJS.ErrnoException) => error,
      )
      expect(failure?.code).toBe('ENOTDIR')
      expect(failure?.message).toContain('not a directory')
      expect(failure?.path).toBe(path.join(root, 'not-a-folder', '2019'))
      expect(readFileSync(path.join(root, 'before.html'), 'utf8')).toBe('before')
      expect(existsSync(path.join(root, 'large.bin'))).toBe(false)
      expect(existsSync(path.join(root, 'after.html'))).toBe(false)
      expect(() => writer.write(path.join(root, 'later.html'), 'later')).toThrow(failure as Error)
      await expect(writer.backlog()).rejects.toBe(failure)
    } finally {
      await writer.close()
    }
  })

  it('asks the build to wait once much is waiting to be written, and not before', async () => {
    const root = tempDir()
    const writer = new ThreadTreeWriter()
    try {
      writer.mkdir(root)
      expect(writer.backlog()).toBeUndefined()
      // Written without a turn of the event loop, nothing is answered: 20 MB wait.
      const waits: (Promise<void> | undefined)[] = []
      for (let index = 0; index < 80; index++) {
        writer.write(path.join(root, `${index}.bin`), pageBytes(index, 256 << 10))
        waits.push(writer.backlog())
      }
      expect(waits.slice(0, 8).every((wait) => wait === undefined)).toBe(true)
      expect(waits.at(-1)).toBeInstanceOf(Promise)
      await waits.at(-1)
      await writer.settle()
      expect(statSync(path.join(root, '79.bin')).size).toBe(256 << 10)
    } finally {
      await writer.close()
    }
  })

  // /dev/full opens, then refuses every write with ENOSPC, as a disk that fills during a build does.
  it.skipIf(!existsSync('/dev/full'))('names the file whose write ran out of space, on the thread and without it', async () => {
    const root = tempDir()
    const file = path.join(root, '第1版.html')
    symlinkSync('/dev/full', file)
    expect(() => directWriter.write(file, pageBytes(1, 100))).toThrow(`ENOSPC: no space left on device, write '${file}'`)
    const writer = new ThreadTreeWriter()
    try {
      writer.write(file, pageBytes(2, 100))
      const failure = await writer.settle().then(
        () => null,
        (error: NodeJS.ErrnoException) => error,
      )
      expect(failure?.code).toBe('ENOSPC')
      expect(failure?.path).toBe(file)
      expect(failure?.message).toBe(`ENOSPC: no space left on device, write '${file}'`)
    } finally {
      await writer.close()
    }
  })
})

// Removing a site tree (src/build/remove-tree.ts).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { removeTree } from '../../src/build/remove-tree.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'remove-tree-'))
afterEach(() => rmSync(path.join(dir, 'tree'), { recursive: true, force: true }))

describe('removeTree', () => {
  it('removes every file and folder at every depth, and only them: a link to a folder outside is not followed', async () => {
    const tree = path.join(dir, 'tree')
    const outside = path.join(dir, 'outside')
    mkdirSync(outside, { recursive: true })
    writeFileSync(path.join(outside, 'kept.txt'), 'kept')
    for (let day = 1; day <= 30; day++) {
      const folder = path.join(tree, '2019', '12', String(day), '1-1')
      mkdirSync(folder, { recursive: true })
      writeFileSync(path.join(folder, 'index.html'), `<p>${day}</p>`)
    }
    mkdirSync(path.join(tree, 'search', 'shards'), { recursive: true })
    for (let shard = 0; shard < 200; shard++) writeFileSync(path.join(tree, 'search', 'shards', `${shard}.bin`), 'x')
    mkdirSync(path.join(tree, 'empty', 'folder'), { recursive: true })
    symlinkSync(outside, path.join(tree, 'link'), 'dir')
    await removeTree(tree)
    expect(existsSync(tree)).toBe(false)
    expect(readdirSync(outside)).toEqual(['kept.txt'])
  })

  it('does nothing for a folder that is not there', async () => {
    await expect(removeTree(path.join(dir, 'tree', 'missing'))).resolves.toBeUndefined()
  })

  it('removes a root that is a link or a file itself, and never what a link points at', async () => {
    const outside = path.join(dir, 'outside-root')
    mkdirSync(outside, { recursive: true })
    writeFileSync(path.join(outside, 'kept.txt'), 'kept')
    mkdirSync(path.join(dir, 'tree'), { recursive: true })
    const link = path.join(dir, 'tree', 'link')
    symlinkSync(outside, link, 'dir')
    await removeTree(link)
    expect(existsSync(link)).toBe(false)
    expect(readdirSync(outside)).toEqual(['kept.txt'])
    const file = path.join(dir, 'tree', 'file')
    writeFileSync(file, 'x')
    await removeTree(file)
    expect(existsSync(file)).toBe(false)
  })
})

// The watcher's promises: saves in quick succession make one rebuild; a save during a rebuild makes exactly one more.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { watchAndRebuild, type RebuildLoop } from '../src/watch.ts'

let loop: RebuildLoop | undefined
let dir = ''
afterEach(async () => {
  await loop?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('watchAndRebuild', () => {
  it('debounces a burst of saves into one rebuild', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'news-archive-watch-'))
    const batches: string[][] = []
    loop = watchAndRebuild([dir], async (changed) => void batches.push(changed))
    await loop.ready
    for (let save = 0; save < 5; save++) writeFileSync(path.join(dir, 'a.txt'), `save ${save}`)
    await wait(600)
    await loop.idle()
    expect(batches).toEqual([[path.join(dir, 'a.txt')]])
  })

  it('runs exactly one more rebuild for the saves made while one was running', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'news-archive-watch-'))
    const batches: string[][] = []
    let release: () => void = () => {}
    loop = watchAndRebuild([dir], async (changed) => {
      batches.push(changed)
      // The first rebuild is slow: it is still running while the next saves arrive.
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve))
    })
    await loop.ready
    writeFileSync(path.join(dir, 'a.txt'), 'first')
    while (batches.length === 0) await wait(20)
    writeFileSync(path.join(dir, 'b.txt'), 'during')
    writeFileSync(path.join(dir, 'c.txt'), 'during')
    await wait(400)
    expect(batches.length).toBe(1)
    release()
    await wait(400)
    await loop.idle()
    expect(batches).toEqual([[path.join(dir, 'a.txt')], [path.join(dir, 'b.txt'), path.join(dir, 'c.txt')]])
  })
})

// Cache files (src/build/cache-file.ts): parts written under a key, read back whole or not at all.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCacheParts, ReadBuffer, writeCacheParts } from '../../src/build/cache-file.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'cache-file-'))
const at = (name: string) => path.join(dir, name)
const text = (length: number, seed: string) => seed.repeat(length)

describe('cache files', () => {
  it('read one after another into one buffer, each gives back its own parts, smaller or larger than the last', async () => {
    const files = { large: [text(50_000, '档'), { n: 1 }], small: [text(10, '案')], larger: [text(200_000, '报'), [1, 2, 3]] }
    for (const [name, parts] of Object.entries(files)) await writeCacheParts(at(`${name}.v8`), 'code-1', parts)
    const buffer = new ReadBuffer()
    for (const [name, parts] of Object.entries(files)) expect(await readCacheParts(at(`${name}.v8`), 'code-1', buffer)).toEqual(parts)
    expect(buffer.bytes.length).toBeGreaterThanOrEqual(400_000)
  })

  it('are nothing under another key, or cut short, or with a changed byte', async () => {
    await writeCacheParts(at('parts.v8'), 'code-1', ['一', '二'])
    expect(await readCacheParts(at('parts.v8'), 'code-2', new ReadBuffer())).toBeUndefined()
    const bytes = readFileSync(at('parts.v8'))
    writeFileSync(at('short.v8'), bytes.subarray(0, bytes.length - 5))
    expect(await readCacheParts(at('short.v8'), 'code-1', new ReadBuffer())).toBeUndefined()
    const changed = Buffer.from(bytes)
    changed.writeUInt8(changed.readUInt8(changed.length - 30) ^ 1, changed.length - 30)
    writeFileSync(at('changed.v8'), changed)
    expect(await readCacheParts(at('changed.v8'), 'code-1')).toBeUndefined()
    expect(await readCacheParts(at('missing.v8'), 'code-1')).toBeUndefined()
  })
})

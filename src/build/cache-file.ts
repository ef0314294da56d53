// A cache file that is only ever an optimisation: checksummed, and read as empty when it is not whole.
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { digest } from './fingerprint.ts'

const magic = 'news-archive-cache-1\n'

/** Read a cache value written by `writeCache` under `key`; undefined when missing, stale, truncated or corrupt. */
export async function readCache<T>(filePath: string, key: string): Promise<T | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(filePath)
  } catch {
    return undefined
  }
  const header = `${magic}${key}\n`
  const checksumLength = digest('').length
  if (bytes.length < header.length + checksumLength + 1 || bytes.subarray(0, header.length).toString('latin1') !== header) return undefined
  const checksum = bytes.subarray(header.length, header.length + checksumLength).toString('latin1')
  const payload = bytes.subarray(header.length + checksumLength + 1)
  if (digest(payload) !== checksum) return undefined
  try {
    return deserialize(payload) as T
  } catch {
    return undefined
  }
}

/** Write a cache value under `key` (the code and settings it is valid for), atomically. */
export async function writeCache(filePath: string, key: string, value: unknown): Promise<void> {
  const payload = serialize(value)
  await mkdir(path.dirname(filePath), { recursive: true })
  const temporary = `${filePath}.${process.pid}-${randomUUID()}.tmp`
  await writeFile(temporary, Buffer.concat([Buffer.from(`${magic}${key}\n${digest(payload)}\n`, 'latin1'), payload]))
  await rename(temporary, filePath)
}

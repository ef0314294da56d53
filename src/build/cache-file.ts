// A cache file that is only ever an optimisation: checksummed, and read as empty when it is not whole.
// A value is written as a run of parts, each serialized on its own, so that a large cache (the parse
// cache of 100,000 articles) never stands in memory as one buffer beside the objects it came from.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { digest } from './fingerprint.ts'

const magic = 'news-archive-cache-2\n'
const checksumLength = digest('').length

/**
 * A buffer to read cache files into, one after another, when each is deserialized at once: the parse
 * cache's 256 shards (2 MB each at 100,000 articles) read each into a buffer of its own left 66 MB
 * more resident, in malloc's heap, than reading them all into one.
 */
export class ReadBuffer {
  bytes = Buffer.alloc(0)
}

/** Read the parts written by `writeCacheParts` under `key`; undefined when missing, stale, truncated or corrupt. */
export async function readCacheParts(filePath: string, key: string, into?: ReadBuffer): Promise<unknown[] | undefined> {
  const body = await readCheckedBody(filePath, key, into)
  try {
    return (body && partsOf(body))?.map((part) => deserialize(part))
  } catch {
    return undefined
  }
}

/**
 * Read the parts written by `writeCacheParts` under `key`, checked whole but each deserialized only
 * when called for (where it may throw, if the bytes are not what this code wrote); undefined when
 * missing, stale, truncated or corrupt.
 */
export async function readCachePartsLazily(filePath: string, key: string): Promise<(() => unknown)[] | undefined> {
  const body = await readCheckedBody(filePath, key)
  return (body && partsOf(body))?.map((part) => () => deserialize(part))
}

/** The bytes of a cache file but its checksum, if it holds parts for `key` and its checksum holds; else undefined. */
async function readCheckedBody(filePath: string, key: string, into?: ReadBuffer): Promise<Buffer | undefined> {
  const header = `${magic}${key}\n`
  let bytes: Buffer | undefined
  try {
    // The header first: after an upgrade every cache file is stale (470 MB of them at 100,000 articles), and need not be read.
    const file = await open(filePath)
    try {
      const start = Buffer.alloc(header.length)
      const { bytesRead } = await file.read(start, 0, start.length, 0)
      if (bytesRead === start.length && start.toString('latin1') === header) bytes = await readWhole(file, into)
    } finally {
      await file.close()
    }
  } catch {
    return undefined
  }
  if (bytes === undefined || bytes.length < header.length + checksumLength) return undefined
  const body = bytes.subarray(0, bytes.length - checksumLength)
  return digest(body) === bytes.subarray(body.length).toString('latin1') ? body : undefined
}

/** The whole of `file`, in `into` when given (grown when too small). */
async function readWhole(file: FileHandle, into: ReadBuffer | undefined): Promise<Buffer> {
  if (into === undefined) return file.readFile()
  const { size } = await file.stat()
  if (into.bytes.length < size) into.bytes = Buffer.allocUnsafeSlow(Math.max(size, 2 * into.bytes.length))
  let length = 0
  while (length < size) {
    const { bytesRead } = await file.read(into.bytes, length, size - length, length)
    if (bytesRead === 0) break
    length += bytesRead
  }
  return into.bytes.subarray(0, length)
}

/** The parts of a checked body, each a view of its bytes; undefined when they do not fill it. */
function partsOf(body: Buffer): Buffer[] | undefined {
  const parts: Buffer[] = []
  for (let at = body.indexOf(10, magic.length) + 1; at < body.length; ) {
    const end = at + 4 + (at + 4 <= body.length ? body.readUInt32LE(at) : Infinity)
    if (end > body.length) return undefined
    parts.push(body.subarray(at + 4, end))
    at = end
  }
  return parts
}

/** Write `parts` under `key` (the code and settings they are valid for), atomically: the file appears whole or not at all. */
export async function writeCacheParts(filePath: string, key: string, parts: Iterable<unknown>): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true })
  const temporary = `${filePath}.${process.pid}-${randomUUID()}.tmp`
  const file = await open(temporary, 'w')
  // The checksum is the file's last bytes: a digest of all before it, as `digest` makes it.
  const hash = createHash('sha1')
  const append = async (bytes: Uint8Array) => {
    hash.update(bytes)
    await file.write(bytes)
  }
  try {
    await append(Buffer.from(`${magic}${key}\n`, 'latin1'))
    for (const part of parts) {
      const payload = serialize(part)
      const length = Buffer.alloc(4)
      length.writeUInt32LE(payload.length)
      await append(length)
      await append(payload)
    }
    await file.write(Buffer.from(hash.digest('hex').slice(0, checksumLength), 'latin1'))
  } catch (error) {
    await file.close()
    await rm(temporary, { force: true })
    throw error
  }
  await file.close()
  await rename(temporary, filePath)
}

/**
 * Entries of a map stored in one part. Each part is serialized into a buffer of its own, made as the
 * file is written: writing the state of 100,000 articles (three maps of about 290,000 entries, 88 MB)
 * raised the process's peak by 111 MB as two parts, by 66 MB in parts of 16,384 entries made
 * beforehand, and by 4 MB in parts of 4,096 made one at a time, in the same 0.7 s. A build peaks
 * at its end, where this is written.
 */
export const entriesPerPart = 4_096

/** Write `head`, then the entries of each map of `maps` in parts of `entriesPerPart`, as `writeCacheParts` does. */
export async function writeHeadAndMaps(filePath: string, key: string, head: unknown, maps: Iterable<ReadonlyMap<unknown, unknown>>): Promise<void> {
  const parts = function* () {
    yield head
    for (const map of maps) yield* inParts(map, entriesPerPart)
  }
  await writeCacheParts(filePath, key, parts())
}

/** `items` in runs of `size`, each made as it is asked for. */
function* inParts<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let part: T[] = []
  for (const item of items) {
    if (part.push(item) === size) {
      yield part
      part = []
    }
  }
  if (part.length > 0) yield part
}

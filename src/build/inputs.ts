// The project's other inputs, read once per build: settings files, templates and public/ files.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import pMap from 'p-map'
import { openFilesAtOnce } from '../scan.ts'

/** Every file under `dir` by posix path relative to it, sorted; an absent folder has none. */
export async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  let entries
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true })
  } catch {
    return new Map()
  }
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
  const contents = await pMap(paths, (filePath) => readFile(filePath), { concurrency: openFilesAtOnce })
  return new Map(paths.map((filePath, index) => [path.relative(dir, filePath).split(path.sep).join('/'), contents[index] as Buffer]))
}

/** A settings file as a VFile named as the user wrote it, or null when it does not exist. */
export async function readOptional(filePath: string, name: string): Promise<VFile | null> {
  try {
    return new VFile({ path: name, value: await readFile(filePath, 'utf8') })
  } catch {
    return null
  }
}

const packageRoot = path.resolve(import.meta.dirname, '..', '..')

/** A digest of news-archive's own code and locked dependencies: caches made by other code are not trusted. */
export async function codeDigest(digest: (...parts: (string | Uint8Array)[]) => string): Promise<string> {
  const sources = await readFolder(path.join(packageRoot, 'src'))
  const lock = await readFile(path.join(packageRoot, 'package-lock.json')).catch(() => Buffer.alloc(0))
  return digest(...[...sources].flatMap(([name, contents]) => [name, contents]), lock)
}

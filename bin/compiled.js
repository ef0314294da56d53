// news-archive is written in TypeScript. A command starts faster from one JavaScript bundle than
// through tsx's per-module loader (about half a second less of every command): esbuild bundles
// src/ into .cache/cli-<stamp>/ on the first run after a file of src/ or public/ (the search code
// is shared with the browser) changes, the stamp naming the newest of them. A bundle folder is
// never changed once made, so commands already running from it keep loading its chunks.
// Where no bundle can be made (a read-only install), tsx runs src/ as it is.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Two folders below the package root, as src/<folder>/ is: the modules find templates/ and src/ from there.
const bundlesDir = path.join(root, '.cache')
const entryPoints = { cli: 'src/cli.ts', build: 'src/build.ts', 'render-worker-entry': 'src/build/render-worker.ts', 'tree-writer-thread': 'src/build/tree-writer-thread.js' }
/** Bundles of older sources are removed once they are this old: no command runs from them any more. */
const staleAfterMs = 24 * 3600 * 1000

/** The URL of module `name` (cli or build) in a bundle of the current sources, made now if needed; null when none can be had. */
export async function compiledModule(name) {
  try {
    const dir = path.join(bundlesDir, `cli-${await sourcesStamp()}`)
    if ((await stat(dir).catch(() => null)) === null) await bundle(dir)
    return pathToFileURL(path.join(dir, `${name}.js`)).href
  } catch {
    return null
  }
}

/** The newest modification time and the number of files of src/ and public/. */
async function sourcesStamp() {
  let newest = 0
  let count = 0
  for (const folder of ['src', 'public']) {
    for (const entry of await readdir(path.join(root, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue
      newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs)
      count++
    }
  }
  return `${Math.floor(newest)}-${count}`
}

async function bundle(dir) {
  const { build } = await import('esbuild')
  // Made beside its place and renamed into it: commands started together never load half a bundle.
  const temporary = `${dir}.${process.pid}.tmp`
  await mkdir(bundlesDir, { recursive: true })
  await build({ absWorkingDir: root, entryPoints, outdir: temporary, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent' })
  await rename(temporary, dir).catch(async (error) => {
    await rm(temporary, { recursive: true, force: true })
    // Another command made the same bundle first: use that one.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
  })
  for (const entry of await readdir(bundlesDir)) {
    if (!entry.startsWith('cli-')) continue
    const other = path.join(bundlesDir, entry)
    if (other !== dir && Date.now() - (await stat(other)).mtimeMs > staleAfterMs) await rm(other, { recursive: true, force: true })
  }
}

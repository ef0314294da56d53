// news-archive is written in TypeScript. A command starts faster from one JavaScript bundle than
// through tsx's per-module loader (about half a second less of every command): the bundle is made
// by esbuild into .cache/cli/ on the first run after src/ changes, and used while it is newer
// than every file in src/ and public/ (the search code is shared with the browser). Where it cannot be made (a read-only install), tsx runs src/ as it is.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundleDir = path.join(root, '.cache', 'cli')
// Two levels below the package root, like src/<folder>/, so the modules' own relative paths
// (templates/, src/ for the code digest) resolve the same from the bundle.
const entryPoints = { cli: 'src/cli.ts', build: 'src/build.ts', 'render-worker-entry': 'src/build/render-worker.ts' }

/** The module `name` (cli or build) from a fresh bundle, made now if needed; null when none can be had. */
export async function compiledModule(name) {
  try {
    const built = await stat(path.join(bundleDir, `${name}.js`)).catch(() => null)
    if (built === null || Math.max(await newestSource(path.join(root, 'src')), await newestSource(path.join(root, 'public'))) >= built.mtimeMs) await bundle()
    return pathToFileURL(path.join(bundleDir, `${name}.js`)).href
  } catch {
    return null
  }
}

async function newestSource(dir) {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs)
  }
  return newest
}

async function bundle() {
  const { build } = await import('esbuild')
  // Made beside the bundle and renamed into place, so that commands started together never load half a bundle.
  const temporary = `${bundleDir}-${process.pid}`
  await rm(temporary, { recursive: true, force: true })
  await mkdir(path.dirname(bundleDir), { recursive: true })
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir: temporary,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  })
  await rm(bundleDir, { recursive: true, force: true })
  await rename(temporary, bundleDir).catch(async (error) => {
    // Another command put its bundle there first: use that one.
    await rm(temporary, { recursive: true, force: true })
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
  })
}

// Removing a whole site tree with bounded memory.
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises'
import path from 'node:path'
import pMap from 'p-map'

/** Folders listed, or files removed, at once. */
const concurrency = 16

/**
 * Remove `root` and everything in it; nothing when it does not exist. Written by hand because
 * fs.rm({ recursive: true }) of Node 20 lists every folder of a tree at once: for the 600,000 files
 * and folders of a site of 100,000 articles it held 500 MB more than the build (at 10,000 articles,
 * 112 MB against 48 MB here, and 5.8 s against 4.4 s).
 */
export async function removeTree(root: string): Promise<void> {
  // As fs.rm: a root that is a file or a link is removed itself (a link is not followed).
  const status = await lstat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (status === null) return
  if (!status.isDirectory()) return unlink(root)
  // Folder by folder, level by level: files as they are found, then the folders, deepest first.
  const levels: string[][] = []
  let level = [root]
  while (level.length > 0) {
    levels.push(level)
    const below: string[] = []
    await pMap(
      level,
      async (folder) => {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
          const child = path.join(folder, entry.name)
          if (entry.isDirectory()) below.push(child)
          else await unlink(child)
        }
      },
      { concurrency },
    )
    level = below
  }
  for (const folders of levels.reverse()) {
    await pMap(folders, (folder) => rmdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    }), { concurrency })
  }
}

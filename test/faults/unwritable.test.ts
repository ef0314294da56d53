// An output folder that cannot be written, or a disk that fills up, fails the build with a message
// naming the folder, exit 1, and the previous site intact. Tests run as root in CI, and root ignores
// permission bits: these use a path through a regular file, the immutable attribute and a tiny tmpfs.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hashTree } from '../build/built-site.ts'
import { childProject, runBuild } from './child-build.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** Run a command; true when it succeeded (chattr and mount need a filesystem and privileges CI may lack). */
const succeeds = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0

function probeFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'news-archive-unwritable-probe-'))
}
const canMakeImmutable = (() => {
  const dir = probeFolder()
  const ok = succeeds('chattr', ['+i', dir])
  if (ok) succeeds('chattr', ['-i', dir])
  return ok
})()
const canMountTmpfs = (() => {
  const dir = probeFolder()
  const ok = succeeds('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir])
  if (ok) succeeds('umount', [dir])
  return ok
})()

describe('an output folder that cannot be written', () => {
  it('an output path through a regular file fails with the folder named, exit 1', async () => {
    const root = childProject(0)
    writeFileSync(path.join(root, 'not-a-folder'), 'a file where the output folder should be\n')
    const result = await runBuild(root, 'not-a-folder/dist')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Build failed: .*not-a-folder/)
    expect(result.stderr).toContain('not a directory')
  })

  it.skipIf(!canMakeImmutable)('an output folder whose parent cannot be written (immutable) fails, and the previous site stays', async () => {
    const root = childProject(0)
    mkdirSync(path.join(root, 'site'))
    expect((await runBuild(root, 'site/dist')).code).toBe(0)
    const previous = hashTree(path.join(root, 'site', 'dist'))
    writeFileSync(path.join(root, 'articles', '2019', '12', '10', '01.txt'), '社区新闻\n\n本报讯 近日,社区举办活动,居民踊跃参加。 ■钱程\n')
    expect(succeeds('chattr', ['+i', path.join(root, 'site')])).toBe(true)
    cleanups.push(() => succeeds('chattr', ['-i', path.join(root, 'site')]))
    const result = await runBuild(root, 'site/dist')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Build failed: .*site/)
    expect(result.stderr).toContain('site/dist/ is as it was')
    expect(hashTree(path.join(root, 'site', 'dist'))).toEqual(previous)
  })
})

describe('a full disk', () => {
  it.skipIf(!canMountTmpfs)('a build that runs out of space on a 4 MB tmpfs fails with ENOSPC, and the previous site stays', async () => {
    const root = childProject(0)
    const disk = path.join(root, 'disk')
    mkdirSync(disk)
    expect(succeeds('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk])).toBe(true)
    cleanups.push(() => succeeds('umount', ['-l', disk]))
    expect((await runBuild(root, 'disk/dist')).code).toBe(0)
    const previous = hashTree(path.join(disk, 'dist'))
    // Three hundred more pages: the new tree cannot fit beside the live one.
    const bigger = childProject(300)
    const result = await runBuild(bigger, path.join(disk, 'dist'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Build failed: .*ENOSPC/)
    // Whichever call ran out of space (a write, an open, a folder made), the message names its file.
    expect(result.stderr).toMatch(/ENOSPC: no space left on device, \w+ '[^']*\/disk\/[^']+'/)
    expect(result.stderr).toContain('is as it was')
    expect(hashTree(path.join(disk, 'dist'))).toEqual(previous)
  }, 120_000)
})

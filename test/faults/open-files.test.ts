// An archive has more page files than a process may hold open at once: reading must not open them all together.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempFolder } from '../helpers/cli.ts'

const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'news-archive.js')

describe('many page files', () => {
  it('check reads 600 pages under a limit of 256 open files', () => {
    const pages: Record<string, string> = {}
    for (let day = 0; day < 600; day++) {
      const date = new Date(Date.UTC(2001, 0, 1 + day)).toISOString().slice(0, 10).replaceAll('-', '/')
      pages[`${date}/01.txt`] = `社区新闻${day}\n\n■记者 杨晓梅\n\n本报讯 近日,社区举办第${day}场活动。\n`
    }
    const root = tempFolder(pages)
    const result = spawnSync('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" "${bin}" check "${root}"`], { encoding: 'utf8' })
    expect(result.stderr).toContain('600 files, 600 articles checked')
    expect(result.status).toBe(0)
  }, 60_000)
})

// What pages make of characters the record keeps: control characters never reach HTML, and bidi
// controls and zero-width characters do not reach a headline, where an override could reverse it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFiles } from '../build/built-site.ts'
import { projectFolder, runIn } from './corpus-runner.ts'
import { mkdirSync, writeFileSync } from 'node:fs'

const page = '社区\u202E菜园\u200B开课了\n\n■记者 杨晓梅\n\n本报讯 近日,柳塘社区\u0007组织青少年\u001b走进社区菜园,体验耕作的辛苦。\n'

async function builtPages(): Promise<{ file: string; html: string }[]> {
  const root = projectFolder([], true)
  mkdirSync(path.join(root, 'articles', '2019', '12', '10'), { recursive: true })
  writeFileSync(path.join(root, 'articles', '2019', '12', '10', '01.txt'), page)
  const { code, stderr } = await runIn(root, ['build', '--articles', 'articles', '--out', 'dist'])
  expect(code, stderr).toBe(0)
  const out = path.join(root, 'dist')
  return listFiles(out)
    .filter((file) => /\.(html|xml|json)$/u.test(file))
    .map((file) => ({ file, html: readFileSync(path.join(out, file), 'utf8') }))
}

describe('hostile characters on built pages (src/render, src/site)', () => {
  it('no page, feed or index holds a C0/C1 control character', async () => {
    const offenders = (await builtPages()).filter(({ html }) => /[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F]/u.test(html)).map(({ file }) => file)
    expect(offenders).toEqual([])
  })

  it('no headline element or <title> holds a bidi control or zero-width character', async () => {
    const offenders = (await builtPages())
      .filter(({ html }) => [...html.matchAll(/<(h1|h2|h3|title)\b[^>]*>([\s\S]*?)<\/\1>/gu)].some((match) => /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060]/u.test(match[2] ?? '')))
      .map(({ file }) => file)
    expect(offenders).toEqual([])
  })
})

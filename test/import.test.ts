import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempFolder } from './helpers/cli.ts'

const samplePage = path.join(import.meta.dirname, '..', 'articles', '2019', '12', '10', '02.txt')

/** Every file under `dir`, by relative path, with its contents. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name)
    if (statSync(full).isFile()) files.set(name, readFileSync(full, 'latin1'))
  }
  return files
}

describe('news-archive import', () => {
  it('splits the sample page into Markdown articles that build into the same site', async () => {
    const imported = mkdtempSync(path.join(tmpdir(), 'news-archive-import-'))
    const { code } = await runCli(['import', samplePage, '--out', path.join(imported, '2019/12/10')])
    expect(code).toBe(0)
    expect(readdirSync(path.join(imported, '2019/12/10')).sort()).toEqual(['02-1.md', '02-2.md', '02-3.md'])
    const fromRaw = mkdtempSync(path.join(tmpdir(), 'news-archive-raw-'))
    const fromMarkdown = mkdtempSync(path.join(tmpdir(), 'news-archive-md-'))
    expect((await runCli(['build', '--out', path.join(fromRaw, 'site'), '--cache-dir', path.join(fromRaw, '.cache')])).code).toBe(0)
    expect((await runCli(['build', '--articles', imported, '--out', path.join(fromMarkdown, 'site'), '--cache-dir', path.join(fromMarkdown, '.cache')])).code).toBe(0)
    const rawSite = snapshot(path.join(fromRaw, 'site'))
    const markdownSite = snapshot(path.join(fromMarkdown, 'site'))
    expect([...markdownSite.keys()].sort()).toEqual([...rawSite.keys()].sort())
    for (const [name, contents] of rawSite) expect(markdownSite.get(name), name).toBe(contents)
  })

  it('keeps text that looks like Markdown or markup as text', async () => {
    const root = tempFolder({ '2020/03/17/01.txt': '标题\n\n■记者 杨晓梅\n\n1. 本报讯 近日,社区举办活动,*居民*踊跃参加<script>alert(1)</script>。\n\n# 不是标题,而是正文里的井号和 {{ x }}。\n' })
    const out = path.join(root, 'imported')
    expect((await runCli(['import', path.join(root, '2020/03/17/01.txt'), '--out', out])).code).toBe(0)
    const { stdout } = await runCli(['parse', path.join(root, '2020/03/17/01.txt')])
    const parsedParagraphs = JSON.parse(stdout).articles[0].sections[0].paragraphs
    const { parseMarkdownArticle } = await import('../src/parse/markdown.ts')
    const { VFile } = await import('vfile')
    const page = parseMarkdownArticle(new VFile({ path: '01-1.md', value: readFileSync(path.join(out, '01-1.md'), 'utf8') }))
    expect(page?.articles[0]?.sections[0]?.paragraphs).toEqual(parsedParagraphs)
  })

  it('never overwrites an existing file without --force', async () => {
    const root = tempFolder({ '2019/12/10/02.txt': readFileSync(samplePage, 'utf8'), '2019/12/10/02-2.md': 'editor’s corrections' })
    const page = path.join(root, '2019/12/10/02.txt')
    const refused = await runCli(['import', page])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/would overwrite .*02-2\.md/)
    expect(readFileSync(path.join(root, '2019/12/10/02-2.md'), 'utf8')).toBe('editor’s corrections')
    expect(existsSync(path.join(root, '2019/12/10/02-1.md'))).toBe(false)
    expect((await runCli(['import', page, '--force'])).code).toBe(0)
    expect(readFileSync(path.join(root, '2019/12/10/02-2.md'), 'utf8')).toMatch(/^---\nheadline: 强化创新策源功能/)
  })
})

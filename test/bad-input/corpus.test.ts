import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { badInputCases, findMessage, projectFolder, reportedMessages, runIn, type BadInputCase, type ExpectedMessage } from './corpus-runner.ts'

const cases = badInputCases()

async function runCase(testCase: BadInputCase) {
  const root = projectFolder(testCase.inputDir, testCase.command === 'build')
  const result = await runIn(root, [testCase.command, ...testCase.args])
  return { root, result, reported: reportedMessages(result.stderr) }
}

function expectMessages(stderr: string, expected: ExpectedMessage[]) {
  const reported = reportedMessages(stderr)
  for (const message of expected) {
    expect(findMessage(reported, message), `expected ${message.file}:${message.line}:${message.column} ${message.severity} ${message.ruleId} “${message.reason}” in:\n${stderr}`).toBeDefined()
  }
}

describe('the bad-input corpus: each case gets its message, at its file, line and column, and its exit code', () => {
  it('holds at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  for (const testCase of cases) {
    // A pending case documents behaviour that waits on a change outside the parser: it must fail until then.
    const test = testCase.pending ? it.fails : it
    test(`${testCase.name}: ${testCase.description}`, async () => {
      const { root, result } = await runCase(testCase)
      expectMessages(result.stderr, testCase.messages)
      expect(result.code, result.stderr).toBe(testCase.exitCode)
      // A failed build writes nothing: there is no half-made site.
      if (testCase.command === 'build' && testCase.exitCode !== 0) expect(existsSync(path.join(root, 'dist'))).toBe(false)
    })
  }
})

describe('a problem in one page never hides the messages of another', () => {
  it('`check` over one folder holding every bad page reports every expected message, and exits 1', async () => {
    // Each case's articles go into a folder of their own; the path convention still reads them (…/YYYY/MM/DD/NN.txt).
    const merged = cases.filter((testCase) => testCase.command === 'check' && !testCase.pending && !existsSync(path.join(testCase.inputDir, 'news-archive.yaml')))
    expect(merged.length).toBeGreaterThanOrEqual(30)
    const root = mkdtempSync(path.join(tmpdir(), 'news-archive-bad-input-all-'))
    for (const testCase of merged) cpSync(path.join(testCase.inputDir, 'articles'), path.join(root, 'articles', testCase.name), { recursive: true })
    const { code, stderr } = await runIn(root, ['check', 'articles'])
    const expected = merged.flatMap((testCase) => testCase.messages.map((message) => ({ ...message, file: message.file.replace(/^articles\//u, `articles/${testCase.name}/`) })))
    expectMessages(stderr, expected)
    expect(code).toBe(1)
  })
})

describe('big inputs, generated (never committed)', () => {
  const project = (files: Record<string, string | Uint8Array>) => {
    const root = mkdtempSync(path.join(tmpdir(), 'news-archive-bad-input-big-'))
    for (const [name, contents] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
      writeFileSync(path.join(root, name), contents)
    }
    return root
  }
  const file = 'articles/2019/12/10/01.txt'

  it('a 50 MB page is refused with its size, before it is decoded, and the other pages are still checked', async () => {
    const line = '本报讯 近日,柳塘社区组织青少年走进社区菜园,体验耕作的辛苦。 ■钱程\n\n'
    const big = Buffer.from(`社区菜园开课了\n\n${line.repeat(Math.ceil(50_000_000 / Buffer.byteLength(line)))}`)
    const root = project({ [file]: big, 'articles/2019/12/10/02.txt': '社区新闻\n\n本报讯 近日,居民踊跃参加活动。\n' })
    const { code, stderr } = await runIn(root, ['check', 'articles'])
    expectMessages(stderr, [
      { file, line: 1, column: 1, severity: 'error', ruleId: 'file-too-large', reason: `File is ${(big.length / 1_000_000).toFixed(1)} MB, more than the 8.0 MB a page file may hold` },
      { file: 'articles/2019/12/10/02.txt', line: 1, column: 1, severity: 'warning', ruleId: 'no-byline', reason: 'no byline' },
    ])
    expect(code).toBe(1)
  })

  it('a page just under the limit with 170,000 short lines parses without exhausting the stack', async () => {
    const text = `社区菜园开课了\n\n■记者 杨晓梅\n\n${'柳塘社区组织青少年走进社区菜园\n'.repeat(170_000)}`
    expect(Buffer.byteLength(text)).toBeLessThan(8_000_000)
    const root = project({ [file]: text })
    const { code, stderr } = await runIn(root, ['check', 'articles'])
    expect(stderr).toMatch(/1 files, \d+ articles checked/)
    expect(code).toBe(0)
  }, 120_000)

  it('a 200,000-character paragraph parses whole, with a warning at its line', async () => {
    const paragraph = `本报讯 近日,${'柳塘社区组织青少年走进社区菜园,体验耕作的辛苦'.repeat(9000)}。`
    expect(paragraph.length).toBeGreaterThanOrEqual(200_000)
    const root = project({ [file]: `社区菜园开课了\n\n■记者 杨晓梅\n\n${paragraph}\n` })
    const { code, stderr } = await runIn(root, ['check', 'articles'])
    expectMessages(stderr, [{ file, line: 5, column: 1, severity: 'warning', ruleId: 'long-paragraph', reason: `Paragraph of ${paragraph.length} characters` }])
    expect(code).toBe(0)
    const parsed = await runIn(root, ['parse', file])
    expect(JSON.parse(parsed.stdout).articles[0].sections[0].paragraphs).toEqual([paragraph])
  })

  it('5,000 articles on one page all parse, with one warning at the 201st', async () => {
    const articles = Array.from({ length: 5000 }, (_, index) => `第${index + 1}条新闻的标题\n\n■记者 杨晓梅\n\n本报讯 近日,社区组织第${index + 1}次活动,${'居民踊跃参加。'.repeat(1 + (index % 7))}\n`)
    const root = project({ [file]: articles.join('\n') })
    const { code, stdout, stderr } = await runIn(root, ['parse', file])
    expect(JSON.parse(stdout).articles).toHaveLength(5000)
    // Article n starts on line 6(n−1)+1: five lines and a blank line each.
    expectMessages(stderr, [{ file, line: 6 * 200 + 1, column: 1, severity: 'warning', ruleId: 'many-articles', reason: '5000 articles on one page' }])
    expect(code).toBe(0)
  })

  it('lone surrogates written from a JS string arrive as U+FFFD and are flagged, not dropped silently', async () => {
    // Node's UTF-8 encoder turns each lone surrogate into U+FFFD, as any editor pipeline built on JS strings does.
    const root = project({ 'articles/a.md': `---\nheadline: 社区食堂\ud800开张\ndate: 2019-12-10\npage: 1\n---\n本报讯 近日,\udc00\udc01社区举办活动。\n` })
    const { code, stderr } = await runIn(root, ['check', 'articles'])
    expectMessages(stderr, [
      { file: 'articles/a.md', line: 2, column: 15, severity: 'warning', ruleId: 'replacement-character', reason: 'A replacement character (U+FFFD)' },
      { file: 'articles/a.md', line: 6, column: 8, severity: 'warning', ruleId: 'replacement-character', reason: '2 replacement characters (U+FFFD)' },
    ])
    expect(code).toBe(0)
  })

  it('a page full of control characters gets ten positioned warnings and one that counts the rest', async () => {
    const root = project({ [file]: `社区菜园开课了\n\n本报讯 近日,${'社区\u0007活动,'.repeat(25)}居民参加。 ■钱程\n` })
    const { code, stderr } = await runIn(root, ['check', 'articles'])
    const reported = reportedMessages(stderr).filter((message) => message.ruleId === 'control-character')
    expect(reported).toHaveLength(11)
    expect(reported[0]).toMatchObject({ line: 3, column: 10 })
    expect(reported[10]).toMatchObject({ line: 3, column: 10 + 10 * 6, reason: expect.stringContaining('15 more like this') })
    expect(code).toBe(0)
  })
})

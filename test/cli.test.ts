import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempFolder } from './helpers/cli.ts'
import { fixturesRoot } from './helpers/fixtures.ts'

const seedInput = path.join(fixturesRoot, 'seed', 'input.txt')
const seedExpected = JSON.parse(readFileSync(path.join(fixturesRoot, 'seed', 'expected.json'), 'utf8'))
const brief = '本报讯 近日,柳塘社区组织青少年走进社区菜园,体验耕作的辛苦,度过了一个充实的周末。 ■钱程\n'

describe('news-archive parse', () => {
  it('prints the seed page as exactly the three expected articles', async () => {
    const { code, stdout } = await runCli(['parse', seedInput, '--issue-date', '2019-12-10', '--page', '2'])
    expect(code).toBe(0)
    const { articles } = JSON.parse(stdout)
    const fields = ['headline', 'kicker', 'subheadline', 'dateline', 'continuedFrom', 'continuedTo', 'sourceLines']
    expect(articles).toHaveLength(3)
    articles.forEach((article: Record<string, unknown>, index: number) => {
      const expected = seedExpected.articles[index]
      for (const field of fields) expect(article[field]).toEqual(expected[field])
      expect((article.bylines as { role: string; names: string[] }[]).map(({ role, names }) => ({ role, names }))).toEqual(expected.bylines)
      expect((article.sections as { heading: string; paragraphs: string[] }[]).map(({ heading, paragraphs }) => ({ heading, paragraphs }))).toEqual(expected.sections)
      expect(article.issueDate).toBe('2019-12-10')
      expect(article.page).toBe(2)
    })
  })

  it('takes issue date and page from the path convention', async () => {
    const root = tempFolder({ '2020/03/17/04.txt': brief })
    const { code, stdout } = await runCli(['parse', path.join(root, '2020/03/17/04.txt')])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).articles[0]).toMatchObject({ issueDate: '2020-03-17', page: 4, id: '2020-03-17/4-1' })
  })

  it('takes them from front matter, and flags override both', async () => {
    const root = tempFolder({ '2020/03/17/04.txt': `---\ndate: 2020-03-10\npage: 3\n---\n${brief}` })
    const file = path.join(root, '2020/03/17/04.txt')
    expect(JSON.parse((await runCli(['parse', file])).stdout).articles[0]).toMatchObject({ issueDate: '2020-03-10', page: 3 })
    expect(JSON.parse((await runCli(['parse', file, '--issue-date', '2020-01-02', '--page', '7'])).stdout).articles[0]).toMatchObject({ issueDate: '2020-01-02', page: 7 })
  })
})

describe('bad input: a clear message naming the file, and exit 1', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['empty.txt', '', /empty\.txt\n\s*1:1\s+error\s+File is empty/],
    ['blank.txt', ' \n\u3000\n\t\n', /blank\.txt\n\s*1:1\s+error\s+Page holds no text/],
    ['binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]), /binary\.txt\n\s*1:5\s+error\s+File holds NUL bytes/],
    ['utf16-no-bom.txt', new Uint8Array(Buffer.from('本报讯 近日,社区组织活动。', 'utf16le')), /utf16-no-bom\.txt\n.*UTF-16 without a byte order mark/],
    ['undecodable.txt', new Uint8Array([0xe6, 0x9c, 0xac, 0x0a, 0xff, 0xff, 0xff, 0xff]), /undecodable\.txt\n\s*2:1\s+error\s+File is neither UTF-8 nor GB18030/],
    ['furniture.txt', '第1版()\n\n专栏:\n\n(下转第2版)\n', /furniture\.txt\n\s*1:1\s+error\s+Page holds no article/],
  ]
  for (const [name, contents, message] of cases) {
    it(name, async () => {
      const root = tempFolder({ [`2020/03/17/${name}`]: contents })
      // Named by front matter would need text; these files carry their date in --issue-date.
      const { code, stderr } = await runCli(['parse', path.join(root, `2020/03/17/${name}`), '--issue-date', '2020-03-17', '--page', '1'])
      expect(stderr).toMatch(message)
      expect(code).toBe(1)
    })
  }

  it('a page that names neither issue date nor page', async () => {
    const root = tempFolder({ 'loose/page.txt': brief })
    const { code, stderr } = await runCli(['parse', path.join(root, 'loose/page.txt')])
    expect(stderr).toMatch(/page\.txt\n\s*1:1\s+error\s+Cannot tell the issue date and page/)
    expect(code).toBe(1)
  })

  it('an impossible issue date, at its line and column in the front matter', async () => {
    const root = tempFolder({ 'p.txt': `---\npage: 1\ndate: 2019-02-30\n---\n${brief}` })
    const { code, stderr } = await runCli(['parse', path.join(root, 'p.txt')])
    expect(stderr).toMatch(/p\.txt\n\s*3:7\s+error\s+Issue date 2019-02-30 is not a day of the calendar/)
    expect(code).toBe(1)
  })
})

describe('Markdown articles', () => {
  it('keep a link or image as its text and say, at its position, that the address is dropped', async () => {
    const root = tempFolder({ 'a.md': '---\nheadline: 标题\ndate: 2020-01-07\npage: 1\n---\n正文[点我](javascript:x)和![图](a.png)。\n' })
    const { code, stdout, stderr } = await runCli(['parse', path.join(root, 'a.md')])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).articles[0].sections[0].paragraphs).toEqual(['正文点我和图。'])
    expect(stderr).toMatch(/6:3\s+warning\s+A link in Markdown is kept as its text only/)
    expect(stderr).toMatch(/6:22\s+warning\s+An image in Markdown is kept as its text only/)
  })
})

describe('news-archive check', () => {
  it('prints every message under its file with line:column, exit 0 with warnings only', async () => {
    // The column counts characters of Chinese text as vfile does (one per UTF-16 unit).
    const root = tempFolder({ '2019/12/10/02.txt': '社区新闻\n\n本报讯 近日,社区在五角场举办活动,居民踊跃参加城市更 新讲座。\n' })
    const { code, stderr } = await runCli(['check', root])
    expect(stderr).toContain('2019/12/10/02.txt')
    expect(stderr).toMatch(/1:1\s+warning\s+Article has no byline/)
    expect(stderr).toMatch(/3:28\s+warning\s+Spaces between Chinese characters/)
    expect(code).toBe(0)
  })

  it('exits 1 when any file has an error, and still reports the others', async () => {
    const root = tempFolder({ '2019/12/10/01.txt': '', '2019/12/10/02.txt': brief.replace('■钱程', '') })
    const { code, stderr } = await runCli(['check', root])
    expect(stderr).toMatch(/01\.txt[\s\S]*1:1\s+error\s+File is empty/)
    expect(stderr).toMatch(/02\.txt[\s\S]*no byline/)
    expect(code).toBe(1)
  })
})

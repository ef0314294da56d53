// html-validate over every HTML file the build writes for the fixture archive: every page kind, 0 errors.
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { HtmlValidate } from 'html-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite, fixtureArticles, listFiles, tempDir } from './built-site.ts'

// The recommended preset, unchanged: no rule of it is unreasonable for an archive of static pages.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })

describe('every built HTML page', () => {
  let dir = ''
  let out = ''
  let htmlFiles: string[] = []

  beforeAll(async () => {
    dir = await tempDir()
    out = path.join(dir, 'site')
    const result = await buildSite(fixtureArticles, out)
    expect(result.code, result.stderr).toBe(0)
    htmlFiles = listFiles(out).filter((file) => file.endsWith('.html'))
  }, 60_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('covers every page kind', () => {
    const kinds = new Set(htmlFiles.map((file) => readFileSync(path.join(out, file), 'utf8').match(/<body class="kind-([a-z-]+)"/)?.[1] ?? `no kind: ${file}`))
    expect([...kinds]).toEqual(expect.arrayContaining(['archive', 'article', 'author', 'author-index', 'home', 'issue', 'month', 'not-found', 'tag', 'tag-index', 'year']))
    expect([...kinds].filter((kind) => kind.startsWith('no kind'))).toEqual([])
  })

  it('passes html-validate:recommended with 0 errors', async () => {
    const errors: string[] = []
    for (const file of htmlFiles) {
      const report = await validator.validateString(readFileSync(path.join(out, file), 'utf8'), file)
      for (const result of report.results) {
        for (const message of result.messages) {
          if (message.severity === 2) errors.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`)
        }
      }
    }
    expect(htmlFiles.length).toBeGreaterThan(30)
    expect(errors).toEqual([])
  })
})

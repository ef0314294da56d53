import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { createRenderContext, planSite, renderRoute, type PageKind, type TagVocabulary } from '../../src/site/index.ts'
import { fixtureArchive } from './records.ts'

const vocabulary: TagVocabulary = { source: 'tags.yaml', tags: [{ name: '养老', terms: ['养老'], slug: null, line: 1 }, { name: '宪法', terms: ['宪法'], slug: null, line: 2 }], authors: [] }
const htmlKinds: PageKind[] = ['home', 'article', 'issue', 'month', 'year', 'archive', 'tag-index', 'tag', 'author-index', 'author', 'search', 'not-found']

describe('rendered pages', () => {
  const config = { ...defaultConfig, pageSize: 2 }
  const { routes } = planSite(fixtureArchive(), config, vocabulary)
  const context = createRenderContext(config)
  const pages = routes.filter((route) => htmlKinds.includes(route.kind)).map((route) => ({ route, file: renderRoute(route, context)[0]! }))

  it('cover every HTML page kind', () => {
    expect(new Set(pages.map((page) => page.route.kind))).toEqual(new Set(htmlKinds))
  })

  it('pass html-validate’s recommended rules with no error', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
    for (const { route, file } of pages) {
      const report = await validator.validateString(String(file.contents), file.path)
      const errors = report.results.flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.message}`))
      expect(errors, `${route.kind} ${route.url}`).toEqual([])
    }
  })

  it('declare zh-Hans, a skip link, one main landmark and headings that never skip a level', () => {
    for (const { file } of pages) {
      const html = String(file.contents)
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-Hans">/)
      expect(html).toContain('<a class="skip-link" href="#main">')
      expect(html.match(/<main\b/g)).toHaveLength(1)
      const levels = [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]))
      expect(levels[0], file.path).toBe(1)
      levels.forEach((level, index) => expect(level - (levels[index - 1] ?? 0), `${file.path} h${level}`).toBeLessThanOrEqual(1))
    }
  })

  it('escape </script> inside the JSON-LD of an article', () => {
    const records = fixtureArchive()
    records[0] = { ...records[0]!, headline: '标题</script><script>alert(1)</script>' }
    const { routes: tricky } = planSite(records, config, vocabulary)
    const article = tricky.find((route) => route.kind === 'article' && route.entry.id === records[0]!.id)!
    const html = String(renderRoute(article, context)[0]!.contents)
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!
    expect(jsonLd).not.toContain('</script')
    expect(JSON.parse(jsonLd)).toMatchObject({ '@type': 'NewsArticle', headline: '标题</script><script>alert(1)</script>', datePublished: '2019-12-10', inLanguage: 'zh-Hans' })
  })
})

// The Eleventy 3 side of scripts/bench-peers: the generator's Markdown corpus (articles/) as
// article pages, paginated tag pages and monthly archive pages, in one script (zh-Hans),
// the same pages as scripts/peers/hugo.
import yaml from 'js-yaml'

const pageSize = 20

/** The articles, oldest first. */
const articlesOf = (collectionApi) => collectionApi.getFilteredByGlob('articles/**/*.md').sort((a, b) => a.date - b.date || a.inputPath.localeCompare(b.inputPath))

/** `2010-03` of a date (the corpus's dates are days, read as UTC). */
const monthKey = (date) => date.toISOString().slice(0, 7)

export default function (eleventyConfig) {
  eleventyConfig.addPassthroughCopy('style.css')
  // The corpus's front matter has `page` (the print page), a name Eleventy reserves: read it as `printPage`.
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text) => {
        const data = yaml.load(text) ?? {}
        if ('page' in data) {
          data.printPage = data.page
          delete data.page
        }
        return data
      },
    },
  })

  // One entry per page of every tag: {tag, number, total, items}, newest first like Hugo's term pages.
  eleventyConfig.addCollection('tagPages', (collectionApi) => {
    const byTag = new Map()
    for (const item of articlesOf(collectionApi).reverse()) {
      for (const tag of item.data.tags ?? []) {
        if (!byTag.has(tag)) byTag.set(tag, [])
        byTag.get(tag).push(item)
      }
    }
    const pages = []
    for (const [tag, items] of [...byTag].sort(([a], [b]) => a.localeCompare(b))) {
      const total = Math.ceil(items.length / pageSize)
      for (let number = 1; number <= total; number++) pages.push({ tag, number, total, count: items.length, items: items.slice((number - 1) * pageSize, number * pageSize) })
    }
    return pages
  })

  // One entry per month: {key, title, items}.
  eleventyConfig.addCollection('months', (collectionApi) => {
    const byMonth = new Map()
    for (const item of articlesOf(collectionApi)) {
      const key = monthKey(item.date)
      if (!byMonth.has(key)) byMonth.set(key, [])
      byMonth.get(key).push(item)
    }
    return [...byMonth].map(([key, items]) => ({ key, title: `${key.slice(0, 4)}年${Number(key.slice(5))}月`, items }))
  })

  eleventyConfig.addCollection('articles', (collectionApi) => articlesOf(collectionApi))

  eleventyConfig.addFilter('isoDate', (date) => date.toISOString().slice(0, 10))
  eleventyConfig.addFilter('chineseDate', (date) => `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`)
  eleventyConfig.addFilter('tagHref', (tag, number = 1) => `/tags/${tag}/${number > 1 ? `page/${number}/` : ''}`)
  // The opening of the body text, as Hugo's `substr .Plain 0 80` gives it.
  eleventyConfig.addFilter('excerpt', (item) => {
    const body = (item.rawInput ?? item.page?.rawInput ?? '').split('\n').find((line) => line.trim() !== '' && !line.startsWith('#')) ?? ''
    return body.slice(0, 80)
  })

  return {
    dir: { input: '.', includes: '_includes', output: '_site' },
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
  }
}

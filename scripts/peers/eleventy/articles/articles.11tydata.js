// Every Markdown article: the article layout, a URL by issue day like Hugo's, and the front
// matter's `page` (the print page) kept apart from Eleventy's own `page`.
export default {
  layout: 'article.njk',
  eleventyComputed: {
    title: (data) => data.headline ?? '简讯',
    permalink: (data) => `/${data.page.filePathStem.replace(/^\/articles\//u, '')}/`,
  },
}

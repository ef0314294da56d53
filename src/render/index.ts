// mdast → HTML: remark-rehype, the typography pass, rehype-stringify.
import type { Root } from 'mdast'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { articleToMdast, type ArticleBodyOptions } from './article-body.ts'
import rehypeCjkTypography from './rehype-cjk-typography.ts'
import { storyToMdast, type StoryBodyOptions } from './story-body.ts'

export { articleToMdast, sectionId, type ArticleBodyOptions } from './article-body.ts'
export { partId, storyToMdast, type StoryBodyOptions } from './story-body.ts'
export { typesetCjk, type TypesetOptions } from './typography.ts'
export { default as rehypeCjkTypography } from './rehype-cjk-typography.ts'

const processors = new Map<boolean, ReturnType<typeof createProcessor>>()

function createProcessor(typography: boolean) {
  return unified().use(remarkRehype).use(rehypeCjkTypography, { enabled: typography }).use(rehypeStringify).freeze()
}

/** Render an mdast tree to an HTML fragment, with or without CJK typography. */
export function mdastToHtml(tree: Root, options: { typography: boolean }): string {
  let processor = processors.get(options.typography)
  if (!processor) {
    processor = createProcessor(options.typography)
    processors.set(options.typography, processor)
  }
  const hast = processor.runSync(tree)
  return processor.stringify(hast)
}

/** Render an article record's body to an HTML fragment. */
export function renderArticleBody(record: Parameters<typeof articleToMdast>[0], options: ArticleBodyOptions & { typography: boolean }): string {
  return mdastToHtml(articleToMdast(record, options), options)
}

/** Render a story's parts, in reading order, to one HTML fragment with page-turn dividers. */
export function renderStoryBody(parts: Parameters<typeof storyToMdast>[0], options: StoryBodyOptions & { typography: boolean }): string {
  return mdastToHtml(storyToMdast(parts, options), options)
}

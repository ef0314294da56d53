// The typography pass as a rehype plugin, so it sees text only, never markup.
import type { Element, ElementContent, Root, Text } from 'hast'
import { typesetCjk } from './typography.ts'

export interface CjkTypographyOptions {
  /** Off leaves every text node exactly as the source wrote it. */
  enabled?: boolean
}

const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dd', 'dt', 'td', 'th', 'figcaption', 'blockquote', 'div', 'section', 'article'])
const verbatimTags = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style'])

/** rehype plugin: full-width CJK punctuation; extraction spaces removed from text standing directly in a paragraph. */
export default function rehypeCjkTypography(options: CjkTypographyOptions = {}) {
  return (tree: Root) => {
    if (options.enabled === false) return
    typesetBlock(tree.children as ElementContent[], 'root')
  }
}

interface TextRun {
  node: Text
  parentTag: string
}

/** Typeset the text runs of one block, each node seeing its neighbours' characters across inline markup. */
function typesetBlock(children: ElementContent[], blockTag: string): void {
  const runs: TextRun[] = []
  collectRuns(children, blockTag, runs)
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!
    run.node.value = typesetCjk(run.node.value, {
      removeSpaces: blockTag === 'p' && run.parentTag === 'p',
      before: runs[i - 1]?.node.value ?? '',
      after: runs[i + 1]?.node.value ?? '',
    })
  }
}

/** Gather the text nodes of a block in order; nested blocks are typeset on their own. */
function collectRuns(children: ElementContent[], parentTag: string, runs: TextRun[]): void {
  for (const child of children) {
    if (child.type === 'text') runs.push({ node: child, parentTag })
    else if (child.type === 'element') {
      const element = child as Element
      if (verbatimTags.has(element.tagName)) continue
      if (blockTags.has(element.tagName)) typesetBlock(element.children, element.tagName)
      else collectRuns(element.children, element.tagName, runs)
    }
  }
}

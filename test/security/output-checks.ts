// Checks shared by the injection tests: what in a page or feed could run, and a strict XML reader.
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { SaxesParser } from 'saxes'

// Elements the site never makes itself and an injection would (an image with onerror, an svg with onload, a frame…).
const foreignElements = new Set(['img', 'svg', 'iframe', 'frame', 'object', 'embed', 'base', 'style', 'math', 'video', 'audio', 'form'])
const urlProperties = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'data', 'cite'] as const

/** A URL a browser would run as script: `javascript:` after the whitespace and control characters it ignores. */
export function isScriptUrl(url: string): boolean {
  return /^javascript:/i.test(url.replace(/[\u0000-\u0020]/g, ''))
}

/**
 * What in `tree` an injection could have made: event handler attributes, style attributes, `javascript:`
 * URLs, elements the site never makes, and scripts other than JSON-LD and the site's own module scripts.
 * `ownScript(src)` says whether a script's src is one of the site's files; `allowForm` admits the search form.
 */
export function injectedElements(tree: Root, ownScript: (src: string) => boolean, allowForm = false): string[] {
  const found: string[] = []
  for (const element of selectAll('*', tree) as Element[]) {
    const name = element.tagName
    const properties = element.properties
    for (const key of Object.keys(properties)) {
      if (/^on/i.test(key)) found.push(`<${name}> with event handler ${key}`)
    }
    if (properties.style !== undefined) found.push(`<${name}> with a style attribute`)
    for (const key of urlProperties) {
      const value = properties[key]
      if (typeof value === 'string' && isScriptUrl(value)) found.push(`<${name} ${key}="${value}">`)
    }
    if (foreignElements.has(name) && !(allowForm && name === 'form')) found.push(`<${name}> element`)
    if (name === 'script') {
      const type = String(properties.type ?? '')
      const src = typeof properties.src === 'string' ? properties.src : null
      const jsonLd = type === 'application/ld+json' && src === null
      const own = type === 'module' && src !== null && ownScript(src)
      if (!jsonLd && !own) found.push(`<script${type ? ` type="${type}"` : ''}${src ? ` src="${src}"` : ''}>`)
    }
  }
  return found
}

/** Parse an HTML fragment (feed content, an Atom `type="html"` title) as a reader would. */
export function htmlFragment(html: string): Root {
  return fromHtml(html, { fragment: true })
}

/** The text of an HTML fragment that must hold text only; throws when it holds any element. */
export function htmlTextOnly(html: string): string {
  const tree = htmlFragment(html)
  const elements = selectAll('*', tree)
  if (elements.length > 0) throw new Error(`Expected text only, found <${elements.map((element) => element.tagName).join('>, <')}> in ${JSON.stringify(html)}`)
  return tree.children.map((node) => (node.type === 'text' ? node.value : '')).join('')
}

/** An XML element as a strict XML reader sees it. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  /** Character data and CDATA, concatenated. */
  text: string
  children: XmlElement[]
}

/** Parse `xml` with saxes (a conformant, non-validating XML 1.0 parser): the root element and every well-formedness error. */
export function parseXml(xml: string): { root: XmlElement | null; errors: string[] } {
  const parser = new SaxesParser()
  const errors: string[] = []
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  parser.on('error', (error) => errors.push(error.message))
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, text: '', children: [] }
    stack.at(-1)?.children.push(element)
    root ??= element
    stack.push(element)
  })
  parser.on('closetag', () => void stack.pop())
  const addText = (text: string) => {
    const current = stack.at(-1)
    if (current) current.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.write(xml).close()
  return { root, errors }
}

/** Every element under (and including) `element`. */
export function xmlElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(xmlElements)]
}

/** The children of `element` named `name`. */
export function xmlChildren(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name)
}

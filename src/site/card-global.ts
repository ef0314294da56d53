// The `card()` global of the templates: the card macro of _macros.njk, rendered once per card.
import nunjucks from 'nunjucks'
import { boundedMemo } from '../bounded-memo.ts'

/** The template every page depends on through the `card` global, besides the ones it names. */
export const cardMacroTemplate = '_macros.njk'

/**
 * The `card(a, level, showDate)` global: the card macro of _macros.njk, rendered once per article
 * card, heading level and date setting. An article is listed on its issue, month, tag and author
 * pages and as related on others, about fifteen times a script: as a macro called each time, cards
 * were a tenth of a build. An article card's href names its article and variant (see views.ts), so
 * it is the key: a card views.ts made again, having let the first go, finds its HTML. Any other
 * object is known by itself.
 */
export function cardRenderer(environment: nunjucks.Environment, budget = cardMemoCharacters) {
  // Within a budget of characters (see boundedMemo), so that the memo of a 100,000-article archive
  // stays the size of a 10,000-article one's (about 60 MB) rather than ten times that.
  const cards = boundedMemo<string, nunjucks.runtime.SafeString>(budget, (html) => html.length)
  const ids = new WeakMap<object, number>()
  let nextId = 0
  let template: nunjucks.Template | null = null
  return function card(this: { lookup: (name: string) => unknown }, a: object, level = 3, showDate = true): nunjucks.runtime.SafeString {
    const href = (a as { href?: unknown }).href
    let id: string | number | undefined = typeof href === 'string' ? href : ids.get(a)
    if (id === undefined) ids.set(a, (id = nextId++))
    const key = `${id} ${level} ${showDate}`
    let html = cards.get(key)
    if (html === undefined) {
      template ??= new nunjucks.Template(`{% from "${cardMacroTemplate}" import card with context %}{{ card(a, level, showDate) }}`, environment, 'card()')
      const text = template.render({ t: this.lookup('t'), a, level, showDate })
      // Rendered, a card is a rope of ~30 concatenations (1 KB of string headers); read as a number,
      // V8 flattens it in place. Kept flat, the memo was 17 MB rather than 20.5 MB at 6,448 articles.
      Number(text)
      html = new nunjucks.runtime.SafeString(text)
      cards.set(key, html)
    }
    return html
  }
}

/** Characters of rendered cards kept for reuse in one build. */
const cardMemoCharacters = 24_000_000

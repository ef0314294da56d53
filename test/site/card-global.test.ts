// The card() global renders the card macro once per card and level, within a budget of characters.
import { describe, expect, it } from 'vitest'
import { createTemplates } from '../../src/site/context.ts'

const sources = new Map([
  ['_macros.njk', '{% macro card(a, level=3, showDate=true) %}<h{{ level }}>{% if a.brief %}{{ t.brief }} {% endif %}{{ a.title }}{% if showDate %} {{ a.date }}{% endif %}</h{{ level }}>{% endmacro %}'],
  ['list.njk', '{% for a in articles %}{{ card(a, level) }}|{{ card(a, 4, false) }}|{% endfor %}'],
])
const articles = Array.from({ length: 30 }, (_, index) => ({ title: `标题${index}<b>`, date: `2019年12月${index + 1}日`, brief: index % 3 === 0 }))
const render = (cardMemoCharacters?: number) => {
  const environment = createTemplates(sources, { cardMemoCharacters })
  // The same cards three times over, at two levels: most calls are memo hits while the budget allows.
  return [2, 3, 2].map((level) => environment.render('list.njk', { articles, level, t: { brief: '简讯' } })).join('\n')
}

describe('the card() global', () => {
  it('gives the macro\'s output, escaped, whether its memo keeps every card or almost none', () => {
    const full = render()
    expect(full).toContain('<h2>简讯 标题0&lt;b&gt; 2019年12月1日</h2>|<h4>简讯 标题0&lt;b&gt;</h4>|')
    expect(full).toContain('<h3>标题29&lt;b&gt; 2019年12月30日</h3>')
    expect(render(40)).toBe(full)
    expect(render(0)).toBe(full)
  })

  it('knows an article card by its href: a card made again as a new object gets its HTML, and no other card does', () => {
    const t = { brief: '简讯' }
    const expected = createTemplates(sources, {}).render('list.njk', { articles, level: 3, t })
    const environment = createTemplates(sources, {})
    // views.ts keeps only the latest cards: one dropped is made again, a new object with the same href.
    const cards = () => articles.map((article, index) => ({ ...article, href: `/2019/12/${index + 1}/` }))
    expect(environment.render('list.njk', { articles: cards(), level: 3, t })).toBe(expected)
    expect(environment.render('list.njk', { articles: cards(), level: 3, t })).toBe(expected)
  })
})

// The templates' Frame.set (src/site/nunjucks-frame.ts) renders every scoping construct as nunjucks' own does.
import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'

type SetFunction = (name: string, value: unknown, resolveUp?: boolean) => void
const { Frame } = nunjucks.runtime as unknown as { Frame: { prototype: { set: SetFunction } } }
// Taken before the module replaces it (imported below, once this file has nunjucks' own).
const nunjucksSet = Frame.prototype.set

const sources = new Map([
  ['_macros.njk', '{% macro item(x, sep=", ", last=false) %}{{ x }}{% if not last %}{{ sep }}{% endif %}{% endmacro %}{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}'],
  ['base.njk', '{% set title = "base" %}[{% block main %}{% endblock %}]{{ title }}'],
  ['page.njk', `{% extends "base.njk" %}{% from "_macros.njk" import item, wrap %}
{% block main %}
{% set count = 0 %}
{% for row in rows %}{% set count = count + 1 %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}:
{% for cell in row %}{{ item(cell, sep="; ", last=loop.last) }}{% set inner = cell %}{% endfor %}({{ inner }})
{% endfor %}count={{ count }} inner={{ inner }}
{% set a, b = "both" %}{{ a }}{{ b }}
{% set captured %}{% for key, value in pairs %}{{ key }}={{ value }}{% if not loop.last %}&{% endif %}{% endfor %}{% endset %}{{ captured }}
{% call wrap("em") %}{% for x in [1, 2] %}{{ x }}{{ loop.last }}{% endfor %}{% endcall %}
{% if rows.length %}{% set title = "page" %}{% endif %}{{ title }}
{% include "part.njk" %}
{% endblock %}`],
  ['part.njk', '{% set title = "part" %}{% for x in rows %}{{ loop.index }}{% endfor %}{{ title }}'],
])
const context = { rows: [['甲', '乙'], ['丙'], []], pairs: { 一: 1, 二: 2 } }
const render = () => new nunjucks.Environment({ getSource: (name: string) => ({ src: sources.get(name) as string, path: name, noCache: true }) }).render('page.njk', context)

describe("the templates' Frame.set", () => {
  it('renders loops, sets, captures, macros, calls, blocks and includes as nunjucks 3 does', async () => {
    const expected = render()
    await import('../../src/site/nunjucks-frame.ts')
    expect(Frame.prototype.set).not.toBe(nunjucksSet)
    const patched = render()
    // What the constructs give with nunjucks' own (a set in a loop stays in it; one in an if does not).
    for (const part of ['1/0/3/2/3F:\n甲; 乙()', '3/2/1/0/3L:', 'count=3 inner=\n', 'bothboth', '一=1&amp;二=2', '<em>1false2true</em>', '\npage\n123part\n]base']) expect(expected).toContain(part)
    expect(patched).toBe(expected)
  })
})

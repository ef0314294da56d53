import type { Root } from 'hast'
import rehypeStringify from 'rehype-stringify'
import { h } from 'hastscript'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { rehypeCjkTypography, typesetCjk } from '../../src/render/index.ts'

describe('typesetCjk', () => {
  it('turns ASCII punctuation between CJK characters full-width', () => {
    expect(typesetCjk('12月7日至8日,区委召开学习讨论会;会议强调:怎么办?要干!')).toBe('12月7日至8日，区委召开学习讨论会；会议强调：怎么办？要干！')
  })

  it('gives a parenthesised CJK run full-width parentheses', () => {
    expect(typesetCjk('(上接第1版)把精益求精的工匠精神')).toBe('（上接第1版）把精益求精的工匠精神')
    expect(typesetCjk('本报讯(记者 刘洋 通讯员 赵敏)')).toBe('本报讯（记者 刘洋 通讯员 赵敏）')
  })

  it('leaves numbers and Latin untouched', () => {
    expect(typesetCjk('共1,000人,约占2.6%')).toBe('共1,000人，约占2.6%')
    expect(typesetCjk('Hello, world (v1.0): ok?')).toBe('Hello, world (v1.0): ok?')
    expect(typesetCjk('会议于14:30开始')).toBe('会议于14:30开始')
  })

  it('converts half-width CJK punctuation', () => {
    expect(typesetCjk('完成了｡改革､发展')).toBe('完成了。改革、发展')
  })

  it('removes extraction spaces between CJK characters only when asked', () => {
    expect(typesetCjk('推进城市更 新工作', { removeSpaces: true })).toBe('推进城市更新工作')
    expect(typesetCjk('推进城市更 新工作')).toBe('推进城市更 新工作')
    expect(typesetCjk('本报讯 12月4日 a b', { removeSpaces: true })).toBe('本报讯 12月4日 a b')
  })

  it('treats Han outside the Basic Plane as CJK context', () => {
    expect(typesetCjk('𠀀,𪚥')).toBe('𠀀，𪚥')
    expect(typesetCjk(',中', { before: '𠀀' })).toBe('，中')
    expect(typesetCjk('𠀀 𪚥', { removeSpaces: true })).toBe('𠀀𪚥')
  })

  it('removes a run of extraction spaces, and judges punctuation by what is written before it', () => {
    expect(typesetCjk('城市 \u00a0 更新', { removeSpaces: true })).toBe('城市更新')
    expect(typesetCjk('城市 ,更新', { removeSpaces: true })).toBe('城市 ,更新')
    expect(typesetCjk('会议\u3000,更新')).toBe('会议\u3000，更新')
    expect(typesetCjk('会议, 12日')).toBe('会议， 12日')
  })

  it('returns text with nothing to typeset unchanged', () => {
    const text = '杨浦区召开会议 12月4日 Hello world.'
    expect(typesetCjk(text, { before: '前', after: '后' })).toBe(text)
  })

  it('sees context across a split text node', () => {
    expect(typesetCjk(',区委召开', { before: '8日' })).toBe('，区委召开')
    expect(typesetCjk('会议强调?', { after: '' })).toBe('会议强调？')
  })
})

describe('rehypeCjkTypography', () => {
  const tree = () => h('div', [h('p', [h('strong', '本报讯 12月4日'), ',杨浦 区开展活动?'])])
  const render = (enabled: boolean) => {
    const processor = unified().use(rehypeCjkTypography, { enabled }).use(rehypeStringify)
    return processor.stringify(processor.runSync(h(null, [tree()])) as Root)
  }

  it('typesets text inside paragraphs across inline markup', () => {
    expect(render(true)).toBe('<div><p><strong>本报讯 12月4日</strong>，杨浦区开展活动？</p></div>')
  })

  it('leaves every text node as the source wrote it when off', () => {
    expect(render(false)).toBe('<div><p><strong>本报讯 12月4日</strong>,杨浦 区开展活动?</p></div>')
  })
})

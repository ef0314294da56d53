import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { readFrontMatter } from '../../src/parse/front-matter.ts'
import { parsePage } from '../../src/parse/page.ts'
import { parseSource } from '../../src/load.ts'
import { elementTexts, nonBlankCharacters } from '../helpers/conservation.ts'
import { parseFixture, parserFixtures } from '../helpers/fixtures.ts'

const meta = { issueDate: '2019-12-10', page: 2, paper: null }

describe('conservation over every fixture', () => {
  for (const fixture of parserFixtures()) {
    it(`${fixture.name}: every non-blank character lands in exactly one element`, () => {
      const { page, file } = parseFixture(fixture)
      expect(page).not.toBeNull()
      const body = readFrontMatter(String(file.value), new VFile()).body
      expect(nonBlankCharacters(elementTexts(page!).join(''))).toBe(nonBlankCharacters(body))
    })
  }
})

// Lines built from the pieces real pages are made of, so that the property explores the parser's
// decisions (bylines, datelines, markers, headings, column breaks) and not only random noise.
const pieces = [
  '■记者 杨晓梅', '□周文涛', '王伟 摄', '文/张三 图/李四', '记者 刘洋 通讯员 赵敏', '(上接第1版)', '(下转二版)', '》》》上接01版',
  '第1版()', '专栏:', '▲居民在公园里休憩。 周立 摄', '本报讯 12月7日至8日,', '又讯 近日,', '【新华社北京十六日电】',
  '为经济高质量发展注入新动力', '“绣”出城市治理精度', '——区委学习讨论会侧记', '城市更 新', '度过了一个充实的周末。 ■钱程',
  '区委召开学习讨论会,深入贯彻落实', '发挥其“溢', '出效应”?区商务委计划', '。', ',', ' ', '\u3000', '\t', 'A1', '2020年',
]
const line = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 30 }), fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((parts) => parts.join('')))
const pageText = fc.array(fc.tuple(line, fc.constantFrom('\n', '\n\n', '\n\n\n', '\r\n\r\n')), { maxLength: 40 }).map((lines) => lines.map(([text, end]) => text + end).join(''))

// Characters hostile input brings: C0 and C1 controls, bidi controls, zero-width characters, BOMs,
// U+FFFD, line and paragraph separators, and lone surrogates (any UTF-16 code unit).
const hostileCharacter = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b', '\u200b', '\u200d', '\u200e', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udfff'),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', maxLength: 3 }),
)
const hostileLine = fc.oneof(line, fc.array(fc.oneof(hostileCharacter, fc.constantFrom(...pieces)), { maxLength: 12 }).map((parts) => parts.join('')))
const nonBlankUnits = (texts: string[]) => texts.flatMap((text) => text.replace(/[\s\u3000\ufeff]/gu, '').split('')).sort().join('')
const hostilePage = fc.array(fc.tuple(hostileLine, fc.constantFrom('\n', '\n\n', '\r\n')), { maxLength: 30 }).map((lines) => lines.map(([text, end]) => text + end).join(''))

describe('parser properties over generated pages', () => {
  it('never throws on hostile characters (controls, bidi, zero-width, lone surrogates), and conserves every non-blank character', () => {
    fc.assert(
      fc.property(hostilePage, (text) => {
        const normalised = text.replace(/\r\n?/gu, '\n')
        const page = parsePage(normalised, meta, new VFile({ path: 'hostile.txt', value: normalised }))
        // Counted in UTF-16 units: two lone surrogates joined across a column break make one code point.
        expect(nonBlankUnits(elementTexts(page))).toBe(nonBlankUnits([normalised]))
      }),
      { numRuns: 1000 },
    )
  })

  it('never throws on arbitrary bytes read as a raw page or a Markdown article: a page or a fatal message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), hostilePage.map((text) => new TextEncoder().encode(text))), (bytes) => {
        for (const path of ['2019/12/10/01.txt', 'a.md']) {
          const file = new VFile({ path, value: bytes })
          const page = parseSource(file)
          // parseSource turns a crash into an `internal-error` message: there must be none.
          expect(file.messages.map((message) => message.ruleId)).not.toContain('internal-error')
          if (page === null) expect(file.messages.some((message) => message.fatal)).toBe(true)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('never throws, and conserves every non-blank character', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const normalised = text.replace(/\r\n?/gu, '\n')
        const page = parsePage(normalised, meta, new VFile({ path: 'generated.txt', value: normalised }))
        expect(nonBlankCharacters(elementTexts(page).join(''))).toBe(nonBlankCharacters(normalised))
      }),
      { numRuns: 1000 },
    )
  })

  it('reports lines and columns inside the text it was given', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const normalised = text.replace(/\r\n?/gu, '\n')
        const file = new VFile({ path: 'generated.txt', value: normalised })
        parsePage(normalised, meta, file)
        const lines = normalised.split('\n')
        for (const message of file.messages) {
          expect(message.line).toBeGreaterThanOrEqual(1)
          expect(message.line).toBeLessThanOrEqual(lines.length)
          expect(message.column).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 200 },
    )
  })
})

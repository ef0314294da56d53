import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { detectScript } from '../../src/variants/detect.ts'
import { createConverters } from '../../src/variants/opencc.ts'
import { parseConversionOverrides } from '../../src/variants/overrides.ts'
import { convertRecord, displayRecord, recordInScript, variantsFor } from '../../src/variants/record.ts'
import { seedRecords } from '../search/records.ts'

const plain = createConverters('tw')
const editorTable = parseConversionOverrides(new VFile({ path: 'conversion-overrides.yaml', value: readFileSync(new URL('../../conversion-overrides.yaml', import.meta.url), 'utf8') }))
const edited = createConverters('tw', editorTable)

describe('converters', () => {
  it('convert Simplified to Taiwan or Hong Kong Traditional, without twp vocabulary rewrites', () => {
    expect(plain.toHant('杨浦区养老服务发展')).toBe('楊浦區養老服務發展')
    expect(plain.toHant('头发和干部')).toBe('頭髮和幹部')
    // twp would turn 自行车 into 腳踏車 and 软件 into 軟體.
    expect(plain.toHant('自行车软件')).toBe('自行車軟件')
    const hk = createConverters('hk')
    expect(hk.toHant('里面的群众')).toBe('裏面的羣眾')
    expect(plain.toHant('里面的群众')).toBe('裡面的群眾')
  })

  it('convert Traditional back to Simplified', () => {
    expect(plain.toHans('楊浦區養老服務發展')).toBe('杨浦区养老服务发展')
    expect(createConverters('hk').toHans('裏面的羣眾')).toBe('里面的群众')
  })

  it('the editor\'s table fixes a real ambiguity: 一出门 is "go out", not the measure word 齣', () => {
    const sentence = '居民一出门就能看到绿地,政策一出台就受到欢迎。'
    expect(plain.toHant(sentence)).toBe('居民一齣門就能看到綠地,政策一齣臺就受到歡迎。')
    expect(edited.toHant(sentence)).toBe('居民一出門就能看到綠地,政策一出臺就受到歡迎。')
    // The override leaves the play's measure word alone.
    expect(edited.toHant('看了一出戏')).toBe('看了一齣戲')
  })

  it('cn→tw is not idempotent on Traditional text, so a source is never converted to itself', () => {
    // 结合中心 → 結合中心 is right; run again, 合中 matches a phrase entry and 合 becomes 閤.
    expect(plain.toHant('结合中心任务')).toBe('結合中心任務')
    expect(plain.toHant('結合中心任務')).toBe('結閤中心任務')
    const [record] = seedRecords()
    const hant = { ...convertRecord(record!, plain.toHant), script: 'hant' as const }
    expect(recordInScript(hant, 'hant', plain)).toBe(hant)
  })

  it('tw→cn leaves Simplified text as it is', () => {
    for (const record of seedRecords()) {
      const text = record.sections.flatMap((section) => section.paragraphs).join('\n')
      expect(plain.toHans(text)).toBe(text)
    }
  })
})

describe('override table', () => {
  it('reads both directions', () => {
    expect(editorTable.toHant).toContainEqual(['一齣門', '一出門'])
    expect(editorTable.toHans).toEqual([])
  })

  it('reports mistakes with their position', () => {
    const file = new VFile({ path: 'o.yaml', value: 'toHant:\n  範阿姨: 范阿姨\n  空: ""\ntoHans:\n  同: 同\nto: {}\n' })
    const overrides = parseConversionOverrides(file)
    expect(overrides.toHant).toEqual([['範阿姨', '范阿姨']])
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ['overrides-entry', 3, 3],
      ['overrides-noop', 5, 3],
      ['overrides-unknown-key', 6, 1],
    ])
    expect(file.messages.every((message) => message.source === 'news-archive')).toBe(true)
  })

  it('reports broken YAML and a wrong shape as fatal', () => {
    const broken = new VFile({ value: 'toHant: [\n' })
    parseConversionOverrides(broken)
    expect(broken.messages[0]?.ruleId).toBe('overrides-yaml')
    expect(broken.messages[0]?.fatal).toBe(true)
    const list = new VFile({ value: '- a\n' })
    parseConversionOverrides(list)
    expect(list.messages[0]?.ruleId).toBe('overrides-shape')
  })
})

describe('script detection', () => {
  it('tells Simplified from Traditional text', () => {
    for (const record of seedRecords()) {
      const text = record.sections.flatMap((section) => section.paragraphs).join('')
      expect(detectScript(text)).toBe('hans')
      expect(detectScript(plain.toHant(text))).toBe('hant')
      expect(detectScript(createConverters('hk').toHant(text))).toBe('hant')
    }
  })

  it('does not count characters both scripts write', () => {
    expect(detectScript('台')).toBe('hans')
    expect(detectScript('台灣')).toBe('hant')
    expect(detectScript('着力')).toBe('hans')
    expect(detectScript('2019 abc')).toBe('hans')
  })
})

describe('record twins and variants', () => {
  const [hansVariant, hantVariant] = variantsFor(edited)
  const [record] = seedRecords()

  it('converts every text field of a Simplified record for zh-Hant', () => {
    const twin = hantVariant.record(record!)
    expect(twin.headline).toBe('大格局謀發展 高質量抓落實')
    expect(twin.subheadline).toBe('——區委學習討論會側記')
    expect(twin.bylines[0]?.names).toEqual(['楊曉梅'])
    expect(twin.bylines[0]?.role).toBe('記者')
    expect(twin.dateline?.text).toBe('本報訊 12月7日至8日')
    expect(twin.sections[1]?.heading).toBe('為經濟高質量發展注入新動力')
    expect(twin.sections[0]?.paragraphs[0]).toMatch(/^本報訊 12月7日至8日,區委召開學習討論會/)
    expect(twin.id).toBe(record!.id)
    expect(hantVariant.record(record!)).toBe(twin)
    expect(hansVariant.record(record!)).toBe(record)
  })

  it('gives a Traditional record its zh-Hans twin by tw→cn and keeps it as written for zh-Hant', () => {
    const source = { ...convertRecord(record!, plain.toHant), script: 'hant' as const }
    expect(hantVariant.record(source)).toBe(source)
    const twin = hansVariant.record(source)
    expect(twin.headline).toBe(record!.headline)
    expect(twin.sections).toEqual(record!.sections)
  })

  it('names both variants and their prefixes', () => {
    expect([hansVariant.lang, hansVariant.prefix, hantVariant.lang, hantVariant.prefix]).toEqual(['zh-Hans', '', 'zh-Hant', 'zh-hant/'])
    expect(hansVariant.convert('搜索')).toBe('搜索')
    expect(hantVariant.convert('搜索')).toBe('搜索')
    expect(hantVariant.convert('标签')).toBe('標籤')
  })
})

describe('what pages show of a record', () => {
  it('drops a control character from any field, and bidi or zero-width characters from head lines, keeping the record', () => {
    const [record] = seedRecords()
    const paragraph = record!.sections[0]!.paragraphs[0]!
    const withBell = { ...record!, sections: [{ ...record!.sections[0]!, paragraphs: [`${paragraph}\u0007`] }] }
    expect(displayRecord(withBell).sections[0]!.paragraphs[0]).toBe(paragraph)
    expect(withBell.sections[0]!.paragraphs[0]).toBe(`${paragraph}\u0007`)
    const hiddenHead = { ...record!, headline: '大格局\u200B谋发展' }
    expect(displayRecord(hiddenHead).headline).toBe('大格局谋发展')
    expect(displayRecord(record!)).toBe(record)
  })
})

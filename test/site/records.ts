// Article records for site tests: the parsed sample page plus small hand-made ones.
import { seedRecords } from '../helpers/records.ts'
import type { ArticleRecord, Section } from '../../src/types.ts'

export { seedRecords }


/** A small hand-made record; `paragraphs` become one section without a heading. */
export function makeRecord(fields: Partial<ArticleRecord> & { issueDate: string; page: number; position: number; paragraphs?: string[] }): ArticleRecord {
  const { paragraphs = ['本报讯 一段正文。'], ...rest } = fields
  return {
    id: `${fields.issueDate}/${fields.page}-${fields.position}`,
    source: `${fields.issueDate.replaceAll('-', '/')}/${String(fields.page).padStart(2, '0')}.txt`,
    paper: '杨浦时报',
    headline: '标题',
    kicker: null,
    subheadline: null,
    headLines: { headline: 1, kicker: null, subheadline: null },
    bylines: [],
    dateline: null,
    continuedFrom: null,
    continuedTo: null,
    continuationMarkers: [],
    sections: [{ heading: null, headingLine: null, paragraphs, paragraphLines: paragraphs.map(() => [2]) }],
    sourceLines: [1, 3],
    tags: [],
    slug: null,
    script: 'hans',
    ...rest,
  }
}

/** A few issues around the seed: a front page the seed continues from, an older issue, a brief, a Markdown-style slug. */
export function fixtureArchive(): ArticleRecord[] {
  return [
    ...seedRecords(),
    makeRecord({
      issueDate: '2019-12-10',
      page: 1,
      position: 1,
      headline: '强化创新策源功能 彰显人民城市宜居魅力 营造风清气正氛围',
      kicker: '区委全会召开',
      bylines: [{ role: '记者', names: ['毛信慧', '成佳佳'], text: '■记者 毛信慧 成佳佳', line: 2 }],
      continuedTo: 2,
      paragraphs: ['本报讯 区委全会召开,会议强调营商环境和人才工作。(下转第2版)'],
    }),
    makeRecord({
      issueDate: '2019-11-05',
      page: 1,
      position: 1,
      headline: '进博会开幕 杨浦展团签约',
      bylines: [{ role: '记者', names: ['杨晓梅'], text: '■记者 杨晓梅', line: 2 }],
      paragraphs: ['本报讯 11月5日,第二届进博会开幕,杨浦展团签约多个项目。'],
    }),
    makeRecord({
      issueDate: '2019-11-05',
      page: 3,
      position: 1,
      headline: null,
      bylines: [{ role: null, names: ['钱程'], text: '■钱程', line: 3 }],
      paragraphs: ['本报讯 近日,控江路街道开展垃圾分类宣传,居民踊跃参与。'],
    }),
    makeRecord({
      issueDate: '2020-01-07',
      page: 2,
      position: 1,
      headline: '社区养老服务再升级',
      slug: 'yang-lao-fu-wu',
      source: '2020/01/07/yang-lao.md',
      tags: ['民生'],
      bylines: [{ role: '记者', names: ['杨晓梅'], text: '记者 杨晓梅', line: 4 }],
      sections: [
        { heading: null, headingLine: null, paragraphs: ['本区新开三家长者食堂,老年人就餐更方便。'], paragraphLines: [[6]] },
        { heading: '为老服务 更贴心', headingLine: 8, paragraphs: ['今年,全区养老床位增加200张。'], paragraphLines: [[10]] },
      ],
    }),
  ]
}

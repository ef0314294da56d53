// A builder keeps its last plan and its routes' fingerprint walks: what a rebuild reuses must be
// what planning and fingerprinting afresh would give.
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { digest, FingerprintMemo, routeFingerprint } from '../../src/build/fingerprint.ts'
import { defaultConfig } from '../../src/config.ts'
import { createPlanMemo, planArchive, type PlanMemo } from '../../src/plan.ts'
import type { ArticleRoute, Route } from '../../src/site/index.ts'
import type { ArticleRecord } from '../../src/types.ts'
import { fixtureArchive } from '../site/records.ts'

const vocabularyText = 'tags:\n  养老: [老年人]\n  进博会: []\n'

function plan(records: ArticleRecord[], memo?: PlanMemo) {
  return planArchive(records, [], defaultConfig, new VFile({ path: 'tags.yaml', value: vocabularyText }), null, memo)
}

/** Record digests as the render stage has them: one per record, changing with its content. */
const digestsOf = (records: ArticleRecord[]) => new Map(records.map((record) => [record, digest(JSON.stringify(record))]))

/** The records with the one whose id is `id` replaced by `edit` of it (a new object, as a reparse gives). */
function edited(records: ArticleRecord[], id: string, edit: (record: ArticleRecord) => Partial<ArticleRecord>): ArticleRecord[] {
  return records.map((record) => (record.id === id ? { ...record, ...edit(record) } : record))
}

const articleOf = (routes: Route[], id: string) => routes.find((route): route is ArticleRoute => route.kind === 'article' && route.entry.id === id)!
const target = '2019-11-05/1-1'

describe('plan memo', () => {
  it('keeps the routes when an edit changes only text the plan does not read, with the new record in its entry', () => {
    const memo = createPlanMemo()
    const records = fixtureArchive()
    const first = plan(records, memo)
    const after = edited(records, target, (record) => ({ headline: '进博会开幕 杨浦展团签约多项', sections: [{ ...record.sections[0]!, paragraphs: ['本报讯 改过的正文。'] }] }))
    const second = plan(after, memo)
    expect(second.routes).toBe(first.routes)
    expect(articleOf(second.routes, target).entry.record).toBe(after.find((record) => record.id === target))
    expect(second.routes).toEqual(plan(after).routes)
  })

  it('plans anew when an edit changes what routes are made from: tags, a slug, the date', () => {
    const edits: ((record: ArticleRecord) => Partial<ArticleRecord>)[] = [
      (record) => ({ sections: [{ ...record.sections[0]!, paragraphs: ['本报讯 老年人也来参观。'] }] }),
      () => ({ slug: 'jin-bo-hui' }),
      () => ({ issueDate: '2019-11-06', id: '2019-11-06/1-1' }),
    ]
    for (const edit of edits) {
      const memo = createPlanMemo()
      const records = fixtureArchive()
      const first = plan(records, memo)
      const after = edited(records, target, edit)
      const second = plan(after, memo)
      expect(second.routes).not.toBe(first.routes)
      expect(second.routes).toEqual(plan(after).routes)
    }
  })

  it('puts the plan’s messages on the files of every build that reuses it', () => {
    const memo = createPlanMemo()
    const records = fixtureArchive().map((record) => (record.continuedTo === 2 ? { ...record, continuedTo: 5 } : record))
    const file = () => new VFile({ path: records.find((record) => record.continuedTo === 5)!.source })
    const runs = [0, 1].map(() => planArchive(records, [file()], defaultConfig, null, null, memo))
    for (const run of runs) expect(run.files.flatMap((each) => each.messages.map((message) => message.ruleId))).toContain('unmatched-continuation')
  })
})

describe('fingerprint memo', () => {
  it('kept across builds, gives every route the fingerprint a fresh walk gives, and a new one only to routes showing the edit', () => {
    const planMemo = createPlanMemo()
    const fingerprints = new FingerprintMemo()
    const records = fixtureArchive()
    const firstRoutes = plan(records, planMemo).routes
    const fingerprintsOf = (routes: Route[], digests: Map<ArticleRecord, string>, memo: FingerprintMemo) =>
      new Map(routes.flatMap((route) => ['zh-Hans', 'zh-Hant'].map((lang) => [`${lang} ${route.url}`, routeFingerprint(route, digests, lang, memo)] as const)))
    const before = fingerprintsOf(firstRoutes, digestsOf(records), fingerprints)

    const after = edited(records, target, () => ({ headline: '进博会开幕 杨浦展团签约多项' }))
    const routes = plan(after, planMemo).routes
    expect(routes).toBe(firstRoutes)
    const kept = fingerprintsOf(routes, digestsOf(after), fingerprints)
    expect(kept).toEqual(fingerprintsOf(routes, digestsOf(after), new FingerprintMemo()))

    const changed = [...kept].filter(([key, fingerprint]) => before.get(key) !== fingerprint).map(([key]) => key)
    for (const url of ['2019/11/05/1-1/', '2019/11/05/', '2019/11/', '', 'feed.xml']) {
      expect(changed).toContain(`zh-Hans ${url}`)
      expect(changed).toContain(`zh-Hant ${url}`)
    }
    // Only pages that show the article: its own, its neighbours and the lists it is in.
    const showing = routes.filter((route) => route.dependsOn.includes(target)).flatMap((route) => [`zh-Hans ${route.url}`, `zh-Hant ${route.url}`])
    expect(changed.filter((key) => !showing.includes(key))).toEqual([])
  })

  it('takes stored tags (from a build in another process) for records of the same content under the same vocabulary', () => {
    const records = fixtureArchive()
    const keyOf = (record: ArticleRecord) => JSON.stringify(record)
    const tagged = plan(records)
    const first = planArchive(records, [], defaultConfig, new VFile({ path: 'tags.yaml', value: vocabularyText }), null, undefined, { keyOf, stored: undefined })
    expect(first.tags?.restored).toBe(0)
    expect(first.routes).toEqual(tagged.routes)
    // Another process: records equal in content, new objects; a stored tag the text would not give shows the text is not read.
    const again = structuredClone(records)
    const firstStored = first.tags!.toStore()
    const stored = { ...firstStored, byKey: new Map([...firstStored.byKey].map(([key, tags]) => [key, [...tags, '档案']])) }
    const planned = planArchive(again, [], defaultConfig, new VFile({ path: 'tags.yaml', value: vocabularyText }), null, undefined, { keyOf, stored })
    expect(planned.tags?.restored).toBe(records.length)
    expect(articleOf(planned.routes, '2019-12-10/2-3').entry.tags.map((tag) => tag.name)).toEqual(['档案'])
    // Another vocabulary: every record is tagged from its text again.
    const otherVocabulary = new VFile({ path: 'tags.yaml', value: `${vocabularyText}  党建: []\n` })
    const retagged = planArchive(structuredClone(records), [], defaultConfig, otherVocabulary, null, undefined, { keyOf, stored })
    expect(retagged.tags?.restored).toBe(0)
    expect(retagged.routes).toEqual(planArchive(records, [], defaultConfig, otherVocabulary, null).routes)
  })
})

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { headlineSimilarity, matchContinuations } from '../src/continuations.ts'
import { loadArchive } from '../src/load.ts'
import { runCli } from './helpers/cli.ts'

const twoPages = path.join(import.meta.dirname, 'fixtures', 'continuation')

describe('continuations', () => {
  it('matches each jump to the part on the named page with the most similar headline', async () => {
    const { articleRecords } = await loadArchive(twoPages)
    const { stories, storyByArticleId, messages } = matchContinuations(articleRecords)
    expect(messages).toEqual([])
    // Page 3 has the two second parts in the other order; headlines decide which is which.
    expect(stories.map((story) => story.parts.map((part) => part.id))).toEqual([
      ['2020-05-12/1-1', '2020-05-12/3-2'],
      ['2020-05-12/1-2', '2020-05-12/3-1'],
    ])
    expect(storyByArticleId.get('2020-05-12/3-1')?.id).toBe('2020-05-12/1-2')
  })

  it('reports a jump whose other part the archive lacks, at its source line', async () => {
    const { articleRecords } = await loadArchive(twoPages)
    const withoutPage3 = articleRecords.filter((record) => record.page !== 3)
    const { stories, messages } = matchContinuations(withoutPage3)
    expect(stories[0]?.missing).toEqual([{ after: '2020-05-12/1-1', page: 3, direction: 'to' }])
    expect(messages.map((message) => [message.file, message.line, message.ruleId])).toEqual([
      [expect.stringMatching(/01\.txt$/), 5, 'unmatched-continuation'],
      [expect.stringMatching(/01\.txt$/), 11, 'unmatched-continuation'],
    ])
  })

  it('check shows an unmatched jump as a positioned warning', async () => {
    const { code, stderr } = await runCli(['check', path.join(import.meta.dirname, '..', 'articles')])
    expect(stderr).toMatch(/57:1\s+warning\s+Article continues from page 1, but no article on page 1 of 2019-12-10/)
    expect(code).toBe(0)
  })

  it('scores headline similarity by shared bigrams', () => {
    expect(headlineSimilarity('加装电梯提速', '老旧小区加装电梯提速')).toBeGreaterThan(headlineSimilarity('加装电梯提速', '社区食堂开进居民区'))
    expect(headlineSimilarity('', '')).toBe(0)
    expect(headlineSimilarity('宪法知识竞赛', '宪法知识竞赛')).toBe(1)
  })
})

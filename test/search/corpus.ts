// A generated archive for size measurements: articles whose character and bigram statistics
// follow a Zipf law over a few thousand common characters, seeded with the sample page's
// sentences so that common news terms recur the way they do in a real paper.
import type { ArticleRecord } from '../../src/types.ts'
import { characterTables } from '../../src/variants/opencc.ts'
import { articleRecord, seedRecords } from './records.ts'

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` articles of about `length` characters each, spread over ten years, with tags. */
export function generateArticles(count: number, length = 2500, seed = 1): ArticleRecord[] {
  const next = random(seed)
  const seedText = seedRecords().flatMap((record) => record.sections.flatMap((section) => section.paragraphs)).join('')
  const sentences = seedText.split(/(?<=[。,;、])/).filter((sentence) => sentence.length > 3)
  // Seed characters first (most frequent), then the rest of OpenCC's Simplified characters.
  const alphabet = [...new Set([...seedText.replace(/[^\u4e00-\u9fff]/g, ''), ...characterTables().simplifiedToTraditional.keys()])]
  const zipf = (size: number) => Math.min(size - 1, Math.floor(Math.exp(next() * Math.log(size + 1)) - 1))
  const word = () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => alphabet[zipf(alphabet.length)]).join('')
  const sentence = () => {
    const base = sentences[zipf(sentences.length)]!
    // Replace a few words so that the archive's vocabulary grows with it.
    return base.replace(/[\u4e00-\u9fff]{2,4}/g, (match) => (next() < 0.25 ? word() : match))
  }
  const tagPool = Array.from({ length: 200 }, word)
  return Array.from({ length: count }, (_, i) => {
    const day = Math.floor((i / count) * 3650)
    const date = new Date(Date.UTC(2010, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)
    const paragraphs: string[] = []
    let paragraph = ''
    let written = 0
    while (written < length) {
      const text = sentence()
      paragraph += text
      written += text.length
      if (paragraph.length > 300) {
        paragraphs.push(paragraph)
        paragraph = ''
      }
    }
    if (paragraph) paragraphs.push(paragraph)
    return articleRecord({
      id: `${date}/${(i % 8) + 1}-${i}`,
      issueDate: date,
      page: (i % 8) + 1,
      position: 1,
      headline: `${word()}${word()} ${word()}${word()}`,
      bylines: [{ role: '记者', names: [word().slice(0, 3)], text: '■记者', line: 1 }],
      sections: [{ heading: null, headingLine: null, paragraphs, paragraphLines: paragraphs.map(() => []) }],
      tags: [tagPool[zipf(tagPool.length)]!, tagPool[zipf(tagPool.length)]!].filter((tag, j, all) => all.indexOf(tag) === j),
    })
  })
}

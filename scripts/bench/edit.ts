// The "one article edited" step: a few characters of one paragraph of one page, as an editor's fix.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

export interface Edit {
  /** The page, relative to the articles folder. */
  file: string
  line: number
  before: string
  after: string
}

const replacements = ['春', '夏', '秋', '冬']

/** Change three Han characters in the middle of the longest line (a paragraph) of the middle page; a second call changes them again. */
export async function editOnePage(articlesDir: string): Promise<Edit> {
  const pages = (await readdir(articlesDir, { recursive: true })).filter((file) => file.endsWith('.txt')).sort()
  const file = pages[Math.floor(pages.length / 2)]
  if (file === undefined) throw new Error(`no raw pages in ${articlesDir}`)
  const target = path.join(articlesDir, file)
  const lines = (await readFile(target, 'utf8')).split('\n')
  const index = lines.reduce((longest, line, at) => (line.length > (lines[longest] ?? '').length ? at : longest), 0)
  const line = [...(lines[index] ?? '')]
  // Han for Han keeps the line a paragraph (no new heading, byline or marker for the parser to find).
  let start = Math.floor(line.length / 2)
  while (start + 3 <= line.length && !line.slice(start, start + 3).every((char) => /\p{Script=Han}/u.test(char))) start++
  if (start + 3 > line.length) throw new Error(`no run of three Han characters in ${file}:${index + 1}`)
  const before = line.slice(start, start + 3).join('')
  const after = [...before].map((char, at) => {
    const next = replacements[at % replacements.length] as string
    return next === char ? (replacements[(at + 1) % replacements.length] as string) : next
  }).join('')
  line.splice(start, 3, ...after)
  lines[index] = line.join('')
  await writeFile(target, lines.join('\n'))
  return { file, line: index + 1, before, after }
}

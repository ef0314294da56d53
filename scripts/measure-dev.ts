// Time from saving an article to the reload event, as `npm run dev` does it, on a generated archive:
// `npx tsx scripts/measure-dev.ts [articles=10000]`. Not part of the test suite.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createBuilder } from '../src/build.ts'
import { defaultConfig } from '../src/config.ts'
import { startDev } from '../src/dev.ts'
import { generatePages } from './corpus.ts'

const articleCount = Number(process.argv[2] ?? 10000)
const repository = path.resolve(import.meta.dirname, '..')
const root = mkdtempSync(path.join(tmpdir(), 'news-archive-measure-dev-'))
for (const name of ['templates', 'public', 'tags.yaml', 'conversion-overrides.yaml']) cpSync(path.join(repository, name), path.join(root, name), { recursive: true })
const pagePaths: string[] = []
const archiveTime = new Date(Date.now() - 3_600_000)
for (const page of generatePages({ articles: articleCount, startDate: articleCount > 20000 ? '1970-01-06' : '2010-01-05' })) {
  const file = path.join(root, 'articles', page.path)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, page.text)
  // An archive's files are older than the session: a file changed in the last two seconds is read
  // again by every build until it settles (see readArchive), which would land on the first edit.
  // Its modification time is set back an hour; its change time settles in the wait below.
  utimesSync(file, archiveTime, archiveTime)
  pagePaths.push(file)
}

// A file's change time cannot be set back: wait until the newest is 2 seconds old, as an archive's files are.
await new Promise((resolve) => setTimeout(resolve, 2100))
const builder = createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false, saveInBackground: true })
const coldStarted = performance.now()
const dev = await startDev(builder, { host: '127.0.0.1', port: 0, watchPaths: [path.join(root, 'articles')], log: () => {} })
console.log(`cold build and serve: ${((performance.now() - coldStarted) / 1000).toFixed(1)} s — ${dev.lastResult().summary}`)
// The dev loop makes the second site tree while the editor reads the site; the first edit would wait for it.
const preparing = performance.now()
await builder.settled()
console.log(`second site tree ready ${((performance.now() - preparing) / 1000).toFixed(1)} s later`)

let onReload: (() => void) | null = null
get(`${dev.url}__events`, (response) => {
  response.setEncoding('utf8')
  response.on('data', (chunk: string) => {
    if (chunk.includes('event: reload')) onReload?.()
  })
})
await new Promise((resolve) => setTimeout(resolve, 200))

const times: number[] = []
for (let edit = 0; edit < 5; edit++) {
  const file = pagePaths[Math.floor((pagePaths.length * (edit + 1)) / 6)] as string
  const text = readFileSync(file, 'utf8')
  const reloaded = new Promise<void>((resolve) => (onReload = resolve))
  const saved = performance.now()
  // Change a few characters of one paragraph, as an editor fixing a typo does.
  writeFileSync(file, text.replace('，', `，修订${edit}`).replace(',', `,修订${edit}`))
  await reloaded
  times.push(performance.now() - saved)
  const { timings } = dev.lastResult()
  console.log(`save → reload event: ${Math.round(times.at(-1) as number)} ms — stages (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([stage, ms]) => [stage, Math.round(ms)])))}`)
}
times.sort((a, b) => a - b)
console.log(`median save → reload over ${times.length} edits of a ${articleCount}-article archive: ${Math.round(times[Math.floor(times.length / 2)] as number)} ms`)
await dev.close()
rmSync(root, { recursive: true, force: true })

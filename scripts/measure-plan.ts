// CPU time of the load, plan and fingerprint stages of a rebuild after one article changed, as a
// long-lived builder does it (parse cache, file statuses, plan memo and fingerprint memo kept between
// builds), in one process: `npx tsx scripts/measure-plan.ts [articles folder] [repetitions=5] [--fresh]`;
// --fresh keeps no memo but the parse cache. CPU time rather than wall time, as the machine may be shared.
// Not part of the test suite.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { digest, FingerprintMemo, routeFingerprint } from '../src/build/fingerprint.ts'
import { defaultConfig } from '../src/config.ts'
import { parseArchive } from '../src/load.ts'
import { readArchive, type SourceStamps } from '../src/scan.ts'
import type { ParseCache } from '../src/parse-cache.ts'
import { createPlanMemo, planArchive } from '../src/plan.ts'

const repository = path.resolve(import.meta.dirname, '..')
const articlesDir = path.resolve(process.argv[2] ?? path.join(repository, '.cache/bench/corpus-10000-seed1/raw'))
const repetitions = Number(process.argv[3] ?? 5)
const fresh = process.argv.includes('--fresh')
const vocabularyBytes = readFileSync(path.join(repository, 'tags.yaml'))
const cpuMilliseconds = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

let cache: ParseCache = new Map()
const planMemo = createPlanMemo()
const fingerprintMemo = new FingerprintMemo()
let stamps: SourceStamps | undefined
const times = { load: [] as number[], plan: [] as number[], fingerprints: [] as number[] }
for (let run = 0; run <= repetitions; run++) {
  let since = cpuMilliseconds()
  const used: ParseCache = new Map()
  const read = await readArchive(articlesDir, { stamps: fresh ? undefined : stamps })
  stamps = read.stamps
  const loaded = await parseArchive(read, cache, used)
  cache = used
  // The next run parses one source again, as after an edit: its records are new objects.
  cache.delete([...cache.keys()][(run * 7919) % cache.size]!)
  const load = cpuMilliseconds() - since

  since = cpuMilliseconds()
  const planned = planArchive(loaded.articleRecords, loaded.files, defaultConfig, new VFile({ path: 'tags.yaml', value: vocabularyBytes }), null, fresh ? undefined : planMemo)
  const plan = cpuMilliseconds() - since

  // As the render stage does: every route in both scripts, one memo for the build.
  since = cpuMilliseconds()
  const recordDigests = new Map(loaded.articleRecords.map((record) => [record, digest(loaded.keyBySource.get(record.source) ?? record.id, ':', String(record.position))]))
  const memo = fresh ? new FingerprintMemo() : fingerprintMemo
  for (const lang of ['zh-Hans', 'zh-Hant']) {
    for (const route of planned.routes) routeFingerprint(route, recordDigests, `settings\0${lang}\0${route.template}`, memo)
  }
  const fingerprints = cpuMilliseconds() - since

  if (run === 0) {
    console.log(`cold (ms CPU): load ${load.toFixed(0)} (${loaded.articleRecords.length} records), plan ${plan.toFixed(0)} (${planned.routes.length} routes), fingerprints ${fingerprints.toFixed(0)}`)
    continue
  }
  times.load.push(load)
  times.plan.push(plan)
  times.fingerprints.push(fingerprints)
}
console.log(`median of ${repetitions} warm runs (ms CPU): load ${median(times.load).toFixed(0)}, plan ${median(times.plan).toFixed(0)}, fingerprints ${median(times.fingerprints).toFixed(0)}`)

// A render worker: plans the archive it is sent, exactly as the main thread does, then renders the
// routes it is asked for by index and sends back their bytes (see render-pool.ts).
import { parentPort } from 'node:worker_threads'
import { VFile } from 'vfile'
import { parseInto } from '../load.ts'
import type { ParseCache } from '../parse-cache.ts'
import { planArchive } from '../plan.ts'
import type { ParsedPage } from '../types.ts'
import { variantsFor } from '../variants/record.ts'
import { converterCache } from './conversion.ts'
import { pageRenderer, routesKey, type PageFile } from './page-files.ts'
import type { WorkerReply, WorkerRequest, WorkerSetup } from './render-pool.ts'
import type { Route } from '../site/index.ts'

if (parentPort === null) throw new Error('render-worker.ts runs as a worker thread')
const port = parentPort

let planned: { routes: Route[]; renderer: ReturnType<typeof pageRenderer>; conversionMilliseconds: () => number } | null = null
// Pages this worker parsed, by source key, until the setup puts them in the archive's order.
const parsedHere = new Map<string, ParsedPage | null>()

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'parse') {
    const entries: ParseCache = new Map()
    for (const { key, path, bytes } of request.sources) {
      const page = parseInto(entries, key, new VFile({ path, value: bytes }))
      if (request.keep) parsedHere.set(key, page)
    }
    port.postMessage({ type: 'parsed', batch: request.batch, entries: [...entries] } satisfies WorkerReply)
    return
  }
  if (request.type === 'setup') {
    try {
      planned = plan(request.setup)
      port.postMessage({ type: 'ready', routesKey: routesKey(planned.routes) } satisfies WorkerReply)
    } catch (error) {
      port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply)
    }
    return
  }
  if (planned === null) throw new Error('render request before setup')
  const results: (PageFile[] | null)[] = []
  const transfer: ArrayBuffer[] = []
  for (const [variantIndex, routeIndex] of request.jobs) {
    const route = planned.routes[routeIndex]
    try {
      if (route === undefined) throw new Error(`no route ${routeIndex}`)
      const files = planned.renderer.render(route, variantIndex)
      for (const file of files) transfer.push(transferable(file))
      results.push(files)
    } catch {
      // The main thread renders this one again, and reports the error with its template and place.
      results.push(null)
    }
  }
  port.postMessage({ type: 'rendered', batch: request.batch, results, conversionMilliseconds: planned.conversionMilliseconds() } satisfies WorkerReply, transfer)
})

function plan(setup: WorkerSetup) {
  const file = (source: WorkerSetup['vocabulary']) => (source ? new VFile(source) : null)
  const given = new Map(setup.archive.pages)
  const articleRecords = setup.archive.sourceKeys.flatMap((key) => {
    const page = given.has(key) ? given.get(key) : parsedHere.get(key)
    if (page === undefined) throw new Error(`source ${key} was neither sent nor parsed`)
    return page?.articles ?? []
  })
  parsedHere.clear()
  const { routes, overrides, failed } = planArchive(articleRecords, [], setup.config, file(setup.vocabulary), file(setup.overrides))
  if (failed) throw new Error('the archive did not plan')
  const timed = converterCache()('', setup.config.traditional, overrides)
  const variants = variantsFor(timed.converters)
  return { routes, renderer: pageRenderer(setup.config, variants, new Map(setup.templateSources)), conversionMilliseconds: timed.milliseconds }
}

/** The file's bytes in an ArrayBuffer of their own, so that posting them moves rather than copies. */
function transferable(file: PageFile): ArrayBuffer {
  const { bytes } = file
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer
  const own = new Uint8Array(bytes.byteLength)
  own.set(bytes)
  file.bytes = own
  return own.buffer
}

// `news-archive dev`: build, serve, watch, rebuild what changed, and reload the open tabs.
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import type { Builder, BuildResult } from './build.ts'
import { serveDirectory, type RunningServer } from './serve.ts'
import { watchAndRebuild, type RebuildLoop } from './watch.ts'

export interface DevServer {
  url: string
  server: RunningServer
  loop: RebuildLoop
  /** The last build's result (the first one's until something changes). */
  lastResult: () => BuildResult
  close(): Promise<void>
}

export interface DevOptions {
  host: string
  port: number
  /** What to watch: articles, templates, public/ and the config files. */
  watchPaths: string[]
  log: (line: string) => void
}

// Served at /__dev/client.js, an external script so a strict Content-Security-Policy (script-src 'self') allows it.
const clientScript = `const source = new EventSource('/__events')
const overlayId = 'news-archive-dev-overlay'
source.addEventListener('reload', () => location.reload())
source.addEventListener('problem', (event) => {
  let overlay = document.getElementById(overlayId)
  if (!overlay) {
    overlay = document.createElement('pre')
    overlay.id = overlayId
    overlay.setAttribute('role', 'alert')
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#8a1010;border-top:4px solid #c00;font:14px/1.5 monospace;white-space:pre-wrap;z-index:2147483647'
    document.body.append(overlay)
  }
  overlay.textContent = 'news-archive: the last build failed; this is the last good site.\\n\\n' + JSON.parse(event.data)
})
source.addEventListener('fixed', () => document.getElementById(overlayId)?.remove())
`

/** Start the dev loop on a builder whose output folder is served. */
export async function startDev(builder: Builder, options: DevOptions): Promise<DevServer> {
  const streams = new Set<ServerResponse>()
  let last: BuildResult | undefined
  const send = (event: string, data: unknown) => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  const server = await serveDirectory(builder.outDir, {
    host: options.host,
    port: options.port,
    injectIntoHtml: '<script type="module" src="/__dev/client.js"></script>',
    routes: {
      '/__dev/client.js': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
        response.end(clientScript)
      },
      '/__events': (request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
        response.write(': connected\n\n')
        streams.add(response)
        // A tab opened after a failed build shows the problem at once.
        if (last?.ok === false) response.write(`event: problem\ndata: ${JSON.stringify(plain(last.report || last.summary))}\n\n`)
        request.on('close', () => streams.delete(response))
      },
    },
  })
  // Links are made for the address the site is served at.
  builder.setBaseUrl(server.url)
  const report = (result: BuildResult, line: string) => {
    if (result.report) options.log(result.report)
    options.log(line)
  }
  // The first build begins once the watcher is watching: from then on, what the watcher reports is
  // all that changed, and no rebuild looks at the other sources (the first edit included).
  const loop = watchAndRebuild(
    options.watchPaths,
    async (changed) => {
      const started = performance.now()
      options.log(`changed: ${changed.map((file) => path.relative(process.cwd(), file)).join(', ')}`)
      const wasOk = last?.ok ?? true
      // The watcher names paths as it was given them: relative ones from the working folder.
      last = await builder.build({ changedPaths: changed.map((file) => path.resolve(file)) })
      report(last, `${last.summary} (${Math.round(performance.now() - started)} ms from change to reload)`)
      if (!last.ok) send('problem', plain(last.report || last.summary))
      else {
        if (!wasOk) send('fixed', null)
        // Nothing to see when the site came out the same (a save without a change).
        if (last.files.swapped) send('reload', { pages: last.renderedRoutes.length, files: last.files.written })
      }
    },
    {
      first: async () => {
        last = await builder.build()
        report(last, last.summary)
        // While the editor reads the site, make the second tree the first edit would otherwise make.
        void builder.prepare()
      },
    },
  )
  await loop.ready
  return {
    url: server.url,
    server,
    loop,
    lastResult: () => last as BuildResult,
    close: async () => {
      await loop.close()
      for (const stream of streams) stream.end()
      await server.close()
    },
  }
}

/** The report without terminal colours, for the page overlay. */
function plain(report: string): string {
  return report.replace(/\u001b\[[0-9;]*m/gu, '')
}

// The editor's loop: a save rebuilds what changed and reloads the open tabs; a bad save shows where.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBuilder, type Builder } from '../src/build.ts'
import { defaultConfig } from '../src/config.ts'
import { startDev, type DevServer } from '../src/dev.ts'
import { fixtureArticles, repositoryRoot } from './build/built-site.ts'
import { rawRequest } from './helpers/site-server.ts'

let root: string
let dev: DevServer
const events: string[] = []
const logLines: string[] = []

/** Resolve when an event named `name` has arrived after `from` events. */
function nextEvent(name: string, from: number, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = setInterval(() => {
      const found = events.slice(from).find((event) => event.startsWith(`event: ${name}\n`))
      if (found) {
        clearInterval(poll)
        resolve(found)
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll)
        reject(new Error(`no ${name} event; got ${JSON.stringify(events.slice(from))}; log: ${logLines.join('\n')}`))
      }
    }, 20)
  })
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'news-archive-dev-'))
  cpSync(fixtureArticles, path.join(root, 'articles'), { recursive: true })
  for (const name of ['templates', 'public', 'tags.yaml']) cpSync(path.join(repositoryRoot, name), path.join(root, name), { recursive: true })
  const builder = createBuilder({ ...defaultConfig }, { root, log: () => {}, progress: false, cacheDir: null })
  dev = await startDev(builder, { host: '127.0.0.1', port: 0, watchPaths: [path.join(root, 'articles'), path.join(root, 'templates')], log: (line) => logLines.push(line) })
  await new Promise<void>((resolve) => {
    get(`${dev.url}__events`, (response) => {
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        buffer += chunk
        const parts = buffer.split('\n\n')
        buffer = parts.pop() ?? ''
        events.push(...parts)
      })
      resolve()
    })
  })
}, 60_000)

afterAll(async () => {
  await dev?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('news-archive dev', () => {
  it('serves the site on loopback with the live-reload client in every page', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const html = await (await fetch(`${dev.url}2020/01/07/1-1/`)).text()
    expect(html).toContain('<script type="module" src="/__dev/client.js"></script>')
    expect((await fetch(`${dev.url}__dev/client.js`)).headers.get('content-type')).toMatch(/javascript/)
  })

  it('sends a reload event after a save, with the page rebuilt', async () => {
    const from = events.length
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    writeFileSync(page, readFileSync(page, 'utf8').replace('网络安全知识进社区', '网络安全知识走进社区'))
    await nextEvent('reload', from)
    expect(await (await fetch(`${dev.url}2020/01/07/1-1/`)).text()).toContain('网络安全知识走进社区')
  }, 20_000)

  it('debounces saves in quick succession into one rebuild', async () => {
    const from = events.length
    const page = path.join(root, 'articles/2020/01/07/01.txt')
    const text = readFileSync(page, 'utf8')
    for (let save = 1; save <= 5; save++) writeFileSync(page, text.replace('走进社区', `走进社区${'!'.repeat(save)}`))
    await nextEvent('reload', from)
    await dev.loop.idle()
    expect(events.slice(from).filter((event) => event.startsWith('event: reload')).length).toBe(1)
    expect(await (await fetch(`${dev.url}2020/01/07/1-1/`)).text()).toContain('走进社区!!!!!')
  }, 20_000)

  it('shows a parse error with its position and keeps serving the last good site', async () => {
    const from = events.length
    const broken = path.join(root, 'articles/2020/01/07/09.txt')
    writeFileSync(broken, '---\ndate: 2020-01-07\npage: [9\n---\n正文\n')
    const problem = await nextEvent('problem', from)
    expect(problem).toMatch(/09\.txt/)
    expect(problem).toMatch(/\d+:\d+/)
    expect(logLines.join('\n')).toMatch(/09\.txt[\s\S]*error/)
    const response = await fetch(`${dev.url}2020/01/07/1-1/`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('网络安全知识走进社区')
    rmSync(broken)
    await nextEvent('fixed', from)
  }, 20_000)

  it('serves nothing outside the output folder and answers a missing page with the 404 page', async () => {
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '//etc/passwd']) {
      const { status, body } = await rawRequest(dev.url, attempt)
      expect([400, 404]).toContain(status)
      expect(body).not.toContain('root:')
    }
    const missing = await fetch(`${dev.url}no/such/page/`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('<html lang="zh-Hans"')
  })
})

describe('news-archive dev, starting', () => {
  it('builds a save made while its first build runs, right after it', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'news-archive-dev-start-'))
    try {
      cpSync(fixtureArticles, path.join(project, 'articles'), { recursive: true })
      for (const name of ['templates', 'public', 'tags.yaml']) cpSync(path.join(repositoryRoot, name), path.join(project, name), { recursive: true })
      const real = createBuilder({ ...defaultConfig }, { root: project, log: () => {}, progress: false, cacheDir: null })
      const page = path.join(project, 'articles/2020/01/07/01.txt')
      let firstBuild = true
      // The editor saves after the first build has read the archive, before it has finished.
      const builder: Builder = {
        ...real,
        build: async (options) => {
          const result = await real.build(options)
          if (firstBuild) {
            firstBuild = false
            writeFileSync(page, readFileSync(page, 'utf8').replace('网络安全知识进社区', '网络安全知识开讲进社区'))
            await new Promise((resolve) => setTimeout(resolve, 500))
          }
          return result
        },
      }
      const starting = await startDev(builder, { host: '127.0.0.1', port: 0, watchPaths: [path.join(project, 'articles')], log: () => {} })
      try {
        await starting.loop.idle()
        expect(await (await fetch(`${starting.url}2020/01/07/1-1/`)).text()).toContain('网络安全知识开讲进社区')
      } finally {
        await starting.close()
      }
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  }, 30_000)
})

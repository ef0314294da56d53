// Watching the project: changes, debounced, become rebuilds; a change during a rebuild triggers one more.
import { watch, type FSWatcher } from 'chokidar'

export interface RebuildLoop {
  /** Resolves when the watcher is ready to see changes, and the first rebuild (if given) has run. */
  ready: Promise<void>
  /** Resolves once no rebuild is running or waiting. */
  idle(): Promise<void>
  close(): Promise<void>
}

/**
 * Watch `paths` and call `rebuild` with the changed paths after `debounceMs` of quiet.
 * Rebuilds never overlap: what changes while one runs is collected for exactly one more.
 * `first`, if given, runs as soon as the watcher is ready, as the first rebuild: a build that began
 * while watching knows that what the watcher reports after it is everything that changed.
 */
export function watchAndRebuild(paths: string[], rebuild: (changed: string[]) => Promise<void>, options: { debounceMs?: number; first?: () => Promise<void> } = {}): RebuildLoop {
  const { debounceMs = 20, first } = options
  const watcher: FSWatcher = watch(paths, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } })
  let changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  let idleWaiters: (() => void)[] = []

  const settle = () => {
    if (running === null && timer === undefined && changed.size === 0) {
      for (const resolve of idleWaiters.splice(0)) resolve()
    }
  }
  /** Run `job` as the running rebuild; resolves when it has ended (it never rejects). */
  const run = (job: () => Promise<void>): Promise<void> => {
    running = job()
      .catch(() => {})
      .finally(() => {
        running = null
        // Saves that arrived during the rebuild get one more rebuild, not one each.
        if (changed.size > 0) schedule()
        else settle()
      })
    return running
  }
  const start = () => {
    timer = undefined
    if (running !== null || changed.size === 0) return
    const batch = [...changed].sort()
    changed = new Set()
    run(() => rebuild(batch))
  }
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(start, debounceMs)
  }
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => (first ? void run(first).then(resolve) : resolve())))
  watcher.on('all', (_event, changedPath) => {
    changed.add(changedPath)
    if (running === null) schedule()
  })

  return {
    ready,
    idle: () =>
      new Promise((resolve) => {
        idleWaiters.push(resolve)
        settle()
      }),
    close: async () => {
      if (timer !== undefined) clearTimeout(timer)
      idleWaiters = []
      await watcher.close()
    },
  }
}

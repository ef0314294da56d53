// Watching the project: changes, debounced, become rebuilds; a change during a rebuild triggers one more.
import { watch, type FSWatcher } from 'chokidar'

export interface RebuildLoop {
  /** Resolves when the watcher is ready to see changes. */
  ready: Promise<void>
  /** Resolves once no rebuild is running or waiting. */
  idle(): Promise<void>
  close(): Promise<void>
}

/**
 * Watch `paths` and call `rebuild` with the changed paths after `debounceMs` of quiet.
 * Rebuilds never overlap: what changes while one runs is collected for exactly one more.
 */
export function watchAndRebuild(paths: string[], rebuild: (changed: string[]) => Promise<void>, debounceMs = 20): RebuildLoop {
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
  const start = () => {
    timer = undefined
    if (running !== null || changed.size === 0) return
    const batch = [...changed].sort()
    changed = new Set()
    running = rebuild(batch)
      .catch(() => {})
      .finally(() => {
        running = null
        // Saves that arrived during the rebuild get one more rebuild, not one each.
        if (changed.size > 0) schedule()
        else settle()
      })
  }
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(start, debounceMs)
  }
  watcher.on('all', (_event, changedPath) => {
    changed.add(changedPath)
    if (running === null) schedule()
  })

  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
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

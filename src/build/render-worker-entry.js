// A worker thread does not inherit the main thread's tsx loader: register it, then load the worker.
import { register } from 'tsx/esm/api'

register()
await import('./render-worker.ts')

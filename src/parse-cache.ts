// Parsed pages by content digest, so an unchanged source is not parsed again.
import type { VFile } from 'vfile'
import type { ParsedPage } from './types.ts'
import { digest } from './build/fingerprint.ts'

/** A message as stored: enough to put it back on its file. */
interface StoredMessage {
  reason: string
  line: number | undefined
  column: number | undefined
  ruleId: string | undefined
  source: string | undefined
  fatal: boolean | null | undefined
}

export interface ParseCacheEntry {
  page: ParsedPage | null
  messages: StoredMessage[]
}

/** Source digest → what parsing it gave. */
export type ParseCache = Map<string, ParseCacheEntry>

/** The key of a source in the cache: its path (which may name its issue and page) and its bytes. */
export function sourceKey(file: VFile, bytes: Uint8Array): string {
  return digest(file.path, '\0', bytes)
}

/** Remember what parsing `file` gave. */
export function storeParse(cache: ParseCache, key: string, file: VFile, page: ParsedPage | null): void {
  const messages = file.messages.map((message) => ({
    reason: message.reason,
    line: message.line,
    column: message.column,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal,
  }))
  cache.set(key, { page, messages })
}

/** Replay a cached parse onto `file`: its messages, as if it had been parsed now. */
export function replayParse(entry: ParseCacheEntry, file: VFile): ParsedPage | null {
  for (const stored of entry.messages) {
    const place = stored.line === undefined ? undefined : { line: stored.line, column: stored.column ?? 1 }
    const message = file.message(stored.reason, { place, ruleId: stored.ruleId, source: stored.source })
    message.fatal = stored.fatal
  }
  return entry.page
}

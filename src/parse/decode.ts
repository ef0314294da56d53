// Bytes of a page file → text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' }
  | { ok: false; reason: string; ruleId: string; place: { line: number; column: number } }

/** Decode a page file; strict UTF-8 is tried first, then GB18030. Line ends come back as \n. */
export function decodePage(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'File is empty', ruleId: 'news-archive:empty-file', place: { line: 1, column: 1 } }
  const bom = byteOrderMark(bytes)
  if (bom) {
    const text = tryDecode(bom.encoding, bytes.subarray(bom.length))
    if (text === null) return { ok: false, reason: `File starts with a ${bom.encoding} byte order mark but is not valid ${bom.encoding}`, ruleId: 'news-archive:undecodable', place: { line: 1, column: 1 } }
    return finish(text, bom.encoding)
  }
  if (bytes.includes(0)) {
    const hint = looksLikeUtf16(bytes) ? ' (it looks like UTF-16 without a byte order mark: save it as UTF-8)' : ''
    return { ok: false, reason: `File holds NUL bytes, so it is binary, not text${hint}`, ruleId: 'news-archive:binary-file', place: placeOf(bytes, '\0') }
  }
  const utf8 = tryDecode('utf-8', bytes)
  if (utf8 !== null) return finish(utf8, 'utf-8')
  const gb = tryDecode('gb18030', bytes)
  if (gb !== null) return finish(gb, 'gb18030')
  return { ok: false, reason: 'File is neither UTF-8 nor GB18030 text: save it as UTF-8', ruleId: 'news-archive:undecodable', place: placeOf(bytes, '\uFFFD') }
}

function finish(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'): Decoded {
  // CRLF and lone CR become LF; line numbers stay the same.
  return { ok: true, text: text.replace(/\r\n?/gu, '\n'), encoding }
}

function byteOrderMark(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Does the file read as UTF-16 text in either byte order? Such a file lacks only its byte order mark. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (bytes.length % 2 !== 0) return false
  return ['utf-16le', 'utf-16be'].some((encoding) => {
    const text = tryDecode(encoding, bytes)
    if (text === null || text.length === 0) return false
    const readable = text.match(/[\p{L}\p{N}\p{P}\p{S}\s]/gu)?.length ?? 0
    return !text.includes('\0') && readable / text.length >= 0.9
  })
}

/** Line and column of the first `char` in a lossy UTF-8 reading, where a message about the bytes should point. */
function placeOf(bytes: Uint8Array, char: string): { line: number; column: number } {
  const lossy = new TextDecoder('utf-8').decode(bytes)
  const index = Math.max(0, lossy.indexOf(char))
  const before = lossy.slice(0, index).split(/\r\n?|\n/u)
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 }
}

// Bytes of a page file → text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

export type Place = { line: number; column: number }

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' }
  | { ok: false; problems: { reason: string; ruleId: string; place: Place }[] }

/** A printed page's text is about 20 KB; a file this big is not one page, and parsing it would only waste time. */
export const maxPageBytes = 8_000_000

/** Mixed-encoding lines reported one by one before the rest are summed up. */
const maxLinesReported = 10

/** Decode a page file; strict UTF-8 is tried first, then GB18030. Line ends come back as \n. */
export function decodePage(bytes: Uint8Array): Decoded {
  const fail = (reason: string, ruleId: string, place: Place = { line: 1, column: 1 }): Decoded => ({ ok: false, problems: [{ reason, ruleId: `news-archive:${ruleId}`, place }] })
  if (bytes.length === 0) return fail('File is empty', 'empty-file')
  if (bytes.length > maxPageBytes) {
    return fail(`File is ${formatMegabytes(bytes.length)}, more than the ${formatMegabytes(maxPageBytes)} a page file may hold (a printed page is about 20 KB of text): split it into pages`, 'file-too-large')
  }
  const bom = byteOrderMark(bytes)
  if (bom) {
    const text = tryDecode(bom.encoding, bytes.subarray(bom.length))
    if (text === null) return fail(`File starts with a ${bom.encoding} byte order mark but is not valid ${bom.encoding}`, 'undecodable')
    return finish(text, bom.encoding)
  }
  if (bytes.includes(0)) {
    if (looksLikeUtf16(bytes)) return fail('File looks like UTF-16 without a byte order mark: save it as UTF-8', 'undecodable')
    return fail('File holds NUL bytes, so it is binary, not text', 'binary-file', placeOf(bytes, '\0'))
  }
  const utf8 = tryDecode('utf-8', bytes)
  if (utf8 !== null) return finish(utf8, 'utf-8')
  const mixed = mixedEncodingLines(bytes)
  if (mixed) return { ok: false, problems: mixed }
  const gb = tryDecode('gb18030', bytes)
  if (gb !== null) return finish(gb, 'gb18030')
  return fail('File is neither UTF-8 nor GB18030 text: save it as UTF-8', 'undecodable', placeOf(bytes, '\uFFFD'))
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

/**
 * A file whose non-ASCII lines are mostly UTF-8 but some are not (a GBK line pasted into a UTF-8 file).
 * GB18030 would read the whole file without complaint and turn the UTF-8 lines into mojibake, so the
 * lines that are not UTF-8 are reported instead, each with how it reads as GB18030.
 */
function mixedEncodingLines(bytes: Uint8Array): { reason: string; ruleId: string; place: Place }[] | null {
  const utf8Lines: number[] = []
  const otherLines: { line: number; bytes: Uint8Array }[] = []
  let start = 0
  let lineNumber = 1
  for (let index = 0; index <= bytes.length; index++) {
    if (index < bytes.length && bytes[index] !== 0x0a) continue
    const line = bytes.subarray(start, index)
    if (line.some((byte) => byte >= 0x80)) {
      const text = tryDecode('utf-8', line)
      if (text === null) otherLines.push({ line: lineNumber, bytes: line })
      // Two or more non-ASCII characters: GBK text is almost never valid UTF-8 by chance over that length.
      else if ((text.match(/[^\x00-\x7f]/gu)?.length ?? 0) >= 2) utf8Lines.push(lineNumber)
    }
    start = index + 1
    lineNumber++
  }
  if (utf8Lines.length === 0 || otherLines.length === 0) return null
  const problems = otherLines.slice(0, maxLinesReported).map(({ line, bytes: lineBytes }) => {
    const lossy = new TextDecoder('utf-8').decode(lineBytes)
    const column = Math.max(0, lossy.indexOf('\uFFFD'))
    // The valid prefix re-encodes to the same bytes, so its length is where the foreign bytes start.
    const foreign = lineBytes.subarray(new TextEncoder().encode(lossy.slice(0, column)).length)
    const asGb = new TextDecoder('gb18030').decode(foreign).replace(/\r$/u, '').trim()
    const reading = asGb ? `; read as GBK it says “${truncate(asGb, 10)}”` : ''
    return {
      reason: `Line ${line} is not UTF-8, while the file's other lines are (mixed encodings)${reading}: save this line as UTF-8`,
      ruleId: 'news-archive:mixed-encoding',
      place: { line, column: column + 1 },
    }
  })
  const more = otherLines.length - maxLinesReported
  if (more > 0) {
    const next = otherLines[maxLinesReported] as { line: number }
    problems.push({ reason: `${more} more lines from here on are not UTF-8 (mixed encodings)`, ruleId: 'news-archive:mixed-encoding', place: { line: next.line, column: 1 } })
  }
  return problems
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
function placeOf(bytes: Uint8Array, char: string): Place {
  const lossy = new TextDecoder('utf-8').decode(bytes)
  const index = Math.max(0, lossy.indexOf(char))
  const before = lossy.slice(0, index).split(/\r\n?|\n/u)
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 }
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

function truncate(text: string, length: number): string {
  const characters = [...text]
  return characters.length > length ? `${characters.slice(0, length).join('')}…` : text
}

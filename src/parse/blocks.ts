// A raw page's text → blocks: one per non-blank line, trimmed, with its line and column.
import { characterCount } from './character-count.ts'

export interface Block {
  text: string
  /** 1-based line in the file. */
  line: number
  /** 1-based column of the first non-blank character, counted as vfile counts (UTF-16 units). */
  column: number
  /** Blank lines between this block and the one before it. */
  blankLinesBefore: number
}

// Indentation and trailing space of a line: ASCII blanks, tabs, U+3000 and other Unicode spaces.
const edgeSpace = /^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/gu

/** Split text (line ends already normalised to \n) into blocks; `firstLine` is the file line of text's first line. */
export function splitBlocks(text: string, firstLine = 1): Block[] {
  const blocks: Block[] = []
  let blankLines = 0
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.replace(edgeSpace, '')
    if (trimmed === '') {
      blankLines++
      return
    }
    const indent = raw.length - raw.replace(/^[\s\u3000\ufeff]+/u, '').length
    blocks.push({ text: trimmed, line: firstLine + index, column: indent + 1, blankLinesBefore: blankLines })
    blankLines = 0
  })
  return blocks
}

/**
 * The line width of a hard-wrapped page (every ~20–45 characters a block of its own), or null.
 * Detected as a mode of block lengths that most long-ish blocks share.
 */
export function hardWrapWidth(blocks: Block[]): number | null {
  const lengths = blocks.map((block) => characterCount(block.text)).filter((length) => length >= 12)
  if (lengths.length < 8) return null
  const counts = new Map<number, number>()
  for (const length of lengths) counts.set(length, (counts.get(length) ?? 0) + 1)
  let width = 0
  let best = 0
  for (const [length, count] of counts) {
    // Count a window of ±1 around each length: wrapping varies by a character with punctuation.
    const windowCount = count + (counts.get(length - 1) ?? 0) + (counts.get(length + 1) ?? 0)
    if (windowCount > best || (windowCount === best && length > width)) [width, best] = [length, windowCount]
  }
  if (width > 45 || width < 15) return null
  // A loop, not Math.max(...lengths): a page of a million lines would overflow the call stack.
  const longest = lengths.reduce((max, length) => (length > max ? length : max), 0)
  return best / lengths.length >= 0.5 && longest <= width + 3 ? width : null
}

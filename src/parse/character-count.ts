// How long a line is, in characters as a reader counts them: line widths, short lines, fragments.

/**
 * The number of code points in `text`, as `[...text].length` gives it, but without making an array
 * of them: the parser measures every line that way, and the arrays were 1.2 GB of the 7.5 GB a
 * 10,000-article build allocated (a sixth of its young collections). No library counts code points
 * without building such an array or segmenting graphemes (another count).
 */
export function characterCount(text: string): number {
  let count = text.length
  for (let index = 0; index < text.length - 1; index++) {
    const unit = text.charCodeAt(index)
    // A high surrogate followed by a low one is one character, as string iteration takes it.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--
        index++
      }
    }
  }
  return count
}

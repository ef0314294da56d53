// Which script a text is written in, from characters that exist in only one of the two.
import { characterTables } from './opencc.ts'

let distinctive: { hans: Set<string>; hant: Set<string> } | undefined

// A character counts for a script only when the other script never uses it: 着/著 are keys
// of both tables, and 台 is Simplified for 臺 but also Hong Kong's and Taiwan's everyday form.
function distinctiveCharacters() {
  if (distinctive) return distinctive
  const { simplifiedToTraditional, traditionalToSimplified, variantToStandard } = characterTables()
  const hans = new Set<string>()
  const hant = new Set<string>()
  for (const [char, other] of simplifiedToTraditional) {
    if (char !== other && !traditionalToSimplified.has(char) && !variantToStandard.has(char)) hans.add(char)
  }
  for (const [char, other] of traditionalToSimplified) if (char !== other && !simplifiedToTraditional.has(char)) hant.add(char)
  distinctive = { hans, hant }
  return distinctive
}

/** Count the characters only Simplified and only Traditional writes. */
export function scriptEvidence(text: string): { hans: number; hant: number } {
  const { hans, hant } = distinctiveCharacters()
  const counts = { hans: 0, hant: 0 }
  for (const char of text) {
    if (hans.has(char)) counts.hans++
    else if (hant.has(char)) counts.hant++
  }
  return counts
}

/** Evidence this far ahead settles the question: the rest of a long article need not be read. */
const decisiveLead = 24

/** `hant` when Traditional-only characters outnumber Simplified-only ones; a text with neither is `hans`. */
export function detectScript(text: string): 'hans' | 'hant' {
  const { hans, hant } = distinctiveCharacters()
  let lead = 0
  for (const char of text) {
    if (hans.has(char)) lead--
    else if (hant.has(char)) lead++
    if (lead >= decisiveLead || lead <= -decisiveLead) break
  }
  return lead > 0 ? 'hant' : 'hans'
}

// Stories as the site shows them: continued articles grouped by matchContinuations, parts as entries.
import { matchContinuations } from '../continuations.ts'
import type { Archive } from './archive.ts'
import type { ArticleEntry, StoryRef } from './route-types.ts'

/** Each continued article's story, by entry id (every part of a story maps to the same object). */
export function siteStories(archive: Archive): Map<string, StoryRef> {
  const { stories } = matchContinuations(archive.entries.map((entry) => entry.record))
  const storyById = new Map<string, StoryRef>()
  for (const story of stories) {
    const parts = story.parts.map((part) => archive.entriesById.get(part.id)).filter((entry): entry is ArticleEntry => entry !== undefined)
    const ref: StoryRef = { parts, missing: story.missing.map(({ page, direction }) => ({ page, direction })) }
    for (const part of parts) storyById.set(part.id, ref)
  }
  return storyById
}

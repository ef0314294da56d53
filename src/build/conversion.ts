// Script converters for a build: made once (each costs ~0.2 s), kept while their settings hold, and timed.
import type { ConversionOverrides } from '../variants/overrides.ts'
import { createConverters, type Converters } from '../variants/opencc.ts'

/** Converters whose calls add up their time, so the summary can give conversion's share of the build. */
export interface TimedConverters {
  converters: Converters
  /** Milliseconds spent converting (and making the converters) since the last `reset`. */
  milliseconds(): number
  reset(): void
}

/** A maker of timed converters that reuses the last ones while `key` (variant and override table) is the same. */
export function converterCache(): (key: string, traditional: 'tw' | 'hk', overrides: ConversionOverrides | undefined) => TimedConverters {
  let last: { key: string; timed: TimedConverters } | null = null
  return (key, traditional, overrides) => {
    if (last?.key === key) {
      last.timed.reset()
      return last.timed
    }
    let total = 0
    // Made on first use: a rebuild that renders nothing in the other script never pays for them.
    let made: Converters | null = null
    const make = () => {
      if (made === null) {
        const started = performance.now()
        made = createConverters(traditional, overrides)
        total += performance.now() - started
      }
      return made
    }
    const timed = (pick: (converters: Converters) => (text: string) => string) => (text: string) => {
      const convert = pick(make())
      const start = performance.now()
      const converted = convert(text)
      total += performance.now() - start
      return converted
    }
    const result: TimedConverters = {
      converters: { traditional, toHant: timed((converters) => converters.toHant), toHans: timed((converters) => converters.toHans) },
      milliseconds: () => total,
      reset: () => {
        total = 0
      },
    }
    last = { key, timed: result }
    return result
  }
}

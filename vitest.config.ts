import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Whole-site builds and browsers share two cores with the rest of the suite: allow them time.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // Temporary folders go under one folder per run, removed at its end.
    globalSetup: ['test/helpers/temp-root.ts'],
  },
})

// Parser fixture cases as files: test/fixtures/<case>/input.txt beside expected.json.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { parseRawPage } from '../../src/parse/raw-page.ts'
import type { ParsedPage } from '../../src/types.ts'

export const fixturesRoot = path.join(import.meta.dirname, '..', 'fixtures')

export interface FixtureCase {
  name: string
  inputPath: string
  expected: ExpectedPage
}

export interface ExpectedPage {
  issueDate: string
  page: number
  articles: Record<string, unknown>[]
  furniture?: { text: string; line: number }[]
  messages?: { ruleId: string; line: number; column?: number }[]
}

/** The seed page and every case under test/fixtures/parse/. */
export function parserFixtures(): FixtureCase[] {
  const parseDir = path.join(fixturesRoot, 'parse')
  const dirs = [path.join(fixturesRoot, 'seed'), ...readdirSync(parseDir).sort().map((name) => path.join(parseDir, name))]
  return dirs.map((dir) => ({
    name: path.basename(dir),
    inputPath: path.join(dir, 'input.txt'),
    expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ExpectedPage,
  }))
}

/** Parse a fixture's input with the issue date and page its expected result names. */
export function parseFixture(fixture: FixtureCase): { page: ParsedPage | null; file: VFile } {
  const file = new VFile({ path: fixture.inputPath, value: readFileSync(fixture.inputPath) })
  const page = parseRawPage(file, { issueDate: fixture.expected.issueDate, page: fixture.expected.page })
  return { page, file }
}

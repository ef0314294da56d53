// The bad-input corpus: test/fixtures/bad-input/<case>/input/ is a project folder, expected.json says
// which command to run in it and what it must print. Big inputs are generated in code instead.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/cli.ts'

export const corpusRoot = path.join(import.meta.dirname, '..', 'fixtures', 'bad-input')
const repositoryRoot = path.join(import.meta.dirname, '..', '..')

export interface ExpectedMessage {
  file: string
  line: number
  column: number
  severity: 'error' | 'warning' | 'info'
  /** Without the `news-archive:` prefix. */
  ruleId: string
  /** A substring of the message's reason. */
  reason: string
}

export interface BadInputCase {
  name: string
  description: string
  command: 'check' | 'build' | 'parse'
  args: string[]
  exitCode: number
  messages: ExpectedMessage[]
  /** Set while the behaviour waits on a change outside the parser: what is needed. */
  pending?: string
  inputDir: string
}

/** Every case folder, sorted by name. */
export function badInputCases(): BadInputCase[] {
  return readdirSync(corpusRoot)
    .sort()
    .map((name) => ({
      name,
      inputDir: path.join(corpusRoot, name, 'input'),
      ...(JSON.parse(readFileSync(path.join(corpusRoot, name, 'expected.json'), 'utf8')) as Omit<BadInputCase, 'name' | 'inputDir'>),
    }))
}

/** A temp project: the repository's templates/ and public/ (for builds), then the case's files over them. */
export function projectFolder(inputDirs: string | string[], withSite: boolean): string {
  const root = mkdtempSync(path.join(tmpdir(), 'news-archive-bad-input-'))
  if (withSite) {
    for (const folder of ['templates', 'public']) cpSync(path.join(repositoryRoot, folder), path.join(root, folder), { recursive: true })
  }
  for (const dir of [inputDirs].flat()) if (existsSync(dir)) cpSync(dir, root, { recursive: true })
  return root
}

/** Run the CLI with `cwd` as the working folder (the CLI finds config, templates and public/ there). */
export async function runIn(cwd: string, argv: string[]): ReturnType<typeof runCli> {
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    return await runCli(argv)
  } finally {
    process.chdir(previous)
  }
}

export interface ReportedMessage {
  file: string
  line: number
  column: number
  severity: string
  reason: string
  ruleId: string
}

/** The messages of a vfile-reporter report: a file's path on a line, then its `line:column severity reason rule source` lines. */
export function reportedMessages(report: string): ReportedMessage[] {
  const messages: ReportedMessage[] = []
  let file: string | null = null
  for (const line of report.split('\n')) {
    const message = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+(error|warning|info)\s+(.*?)\s+([a-z0-9-]+)\s+news-archive\s*$/u.exec(line)
    if (message && file !== null) {
      messages.push({ file, line: Number(message[1]), column: Number(message[2]), severity: message[3] as string, reason: message[4] as string, ruleId: message[5] as string })
    } else if (/^\S/u.test(line) && !/^[✖⚠]|^\d+ files?|^Built|^Build failed/u.test(line)) {
      file = line.replace(/\s+\d+ (errors?|warnings?|messages?).*$/u, '').trim()
    }
  }
  return messages
}

/** The reported message that matches `expected`, or undefined. */
export function findMessage(reported: ReportedMessage[], expected: ExpectedMessage): ReportedMessage | undefined {
  return reported.find(
    (message) =>
      message.file === expected.file &&
      message.line === expected.line &&
      message.column === expected.column &&
      message.severity === expected.severity &&
      message.ruleId === expected.ruleId &&
      message.reason.includes(expected.reason),
  )
}

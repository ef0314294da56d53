// Problems found while rendering that belong to a file the editor can fix: a template, a public/ file.
import { VFile } from 'vfile'

/** An error about one of the project's files, reported like a parser message: file, line, column, rule. */
export class FileProblem extends Error {
  constructor(
    readonly file: string,
    readonly place: { line: number; column: number },
    readonly ruleId: string,
    reason: string,
  ) {
    super(reason)
  }

  /** The problem as a VFile carrying one fatal message, for vfile-reporter. */
  toVFile(): VFile {
    const file = new VFile({ path: this.file })
    file.message(this.message, { place: this.place, ruleId: this.ruleId, source: 'news-archive' }).fatal = true
    return file
  }
}

/**
 * A Nunjucks error as a problem on the template it names: `(article.njk) [Line 3, Column 7]
 * unexpected token` is a syntax error there; `template not found: x` names the template that
 * asked for x (or, when the page's own template is missing, that one).
 */
export function templateProblem(error: unknown, templatesDir: string, routeTemplate: string | null): FileProblem | null {
  const text = error instanceof Error ? error.message : String(error)
  const located = /^\((.+?)\)(?: \[Line (\d+), Column (\d+)\])?\n\s*(?:Error: )?([\s\S]*)$/u.exec(text)
  const missing = /template not found: (.+)$/u.exec(located?.[4] ?? text)
  const name = located?.[1] && located[1] !== 'unknown path' ? located[1] : routeTemplate
  if (name === null || name === undefined) return null
  const file = `${templatesDir}/${name}`
  if (missing) return new FileProblem(file, { line: 1, column: 1 }, 'template-missing', `Template \`${missing[1]}\` does not exist (used by ${name})`)
  if (!located) return null
  const place = { line: Number(located[2] ?? 1), column: Number(located[3] ?? 1) }
  return new FileProblem(file, place, 'template-syntax', `Template error: ${(located[4] ?? '').trim()}`)
}

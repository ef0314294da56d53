// Where the shipped templates are: its own module, so that a build which renders nothing finds them without loading nunjucks.
import { fileURLToPath } from 'node:url'

/** The templates/ folder shipped with news-archive (this module is two folders below the package root, in src/ as in the CLI's bundle). */
export const defaultTemplatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

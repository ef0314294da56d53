// URL rules: stable, ASCII, never derived from a headline (a corrected typo must not break a link).
import { pinyin } from 'pinyin-pro'
import type { ArticleRecord } from '../types.ts'

/** A slug editors may give in front matter or the vocabulary (one rule, the parser's). */
export { slugPattern } from '../parse/patterns.ts'

/** Site-relative URL of an article: `2019/12/10/2-1/`, or `2019/12/10/<slug>/` with a front matter slug. */
export function articleUrl(record: Pick<ArticleRecord, 'issueDate' | 'page' | 'position' | 'slug'>): string {
  return `${issueUrl(record.issueDate)}${record.slug ?? `${record.page}-${record.position}`}/`
}

/** `2019-12-10` → `2019/12/10/`. */
export function issueUrl(issueDate: string): string {
  return `${issueDate.replaceAll('-', '/')}/`
}

/** `2019-12` → `2019/12/`. */
export function monthUrl(year: string, month: string): string {
  return `${year}/${month}/`
}

/** `2019` → `2019/`. */
export function yearUrl(year: string): string {
  return `${year}/`
}

/** Page `n` (1-based) of a paginated list whose first page is `url`. */
export function paginatedUrl(url: string, pageNumber: number): string {
  return pageNumber === 1 ? url : `${url}page/${pageNumber}/`
}

/** ASCII slug of a Chinese term by its pinyin (`养老` → `yang-lao`); `surname` reads the first character as a family name. */
export function pinyinSlug(text: string, options: { surname?: boolean } = {}): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', surname: options.surname ? 'head' : 'off' })
  return syllables
    .map((syllable) => syllable.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase())
    .join('-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** The file a site-relative URL is written to: folders get `index.html`. */
export function outputPath(url: string): string {
  return url === '' || url.endsWith('/') ? `${url}index.html` : url
}

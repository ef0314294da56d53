// The vocabulary of news-archive: what the parser produces and what the site is built from.

/** A person credit: `■记者 杨晓梅` → role 记者, names [杨晓梅]; the source text is kept verbatim. */
export interface Byline {
  /** 记者, 通讯员, 文, 图, 摄 … or null for a bare `□周文涛` / `■钱程`. */
  role: string | null
  names: string[]
  /** The credit exactly as the source wrote it, e.g. `■记者 杨晓梅`. */
  text: string
  /** 1-based source line of the credit. */
  line: number
  /** True for a credit read out of a dateline (`本报讯(记者 刘洋)`): a view into the paragraph, not text of its own. */
  inParagraph?: boolean
}

/** The dateline that opens an article: `本报讯 12月7日至8日` → 2019-12-07 … 2019-12-08. */
export interface Dateline {
  text: string
  /** ISO date, year taken from the issue date; null when the dateline names no month and day. */
  start: string | null
  /** ISO date of the range's end, or null when the dateline names one day. */
  end: string | null
}

export interface Section {
  heading: string | null
  /** Source line of the heading, null when the section has none. */
  headingLine: number | null
  /** Paragraph texts as the source wrote them (column-broken blocks joined with nothing between). */
  paragraphs: string[]
  /** For each paragraph, the source lines of the blocks it was joined from. */
  paragraphLines: number[][]
}

/** A continuation marker standing on a line of its own, e.g. `(下转第2版)`. */
export interface ContinuationMarker {
  text: string
  line: number
  direction: 'from' | 'to'
  page: number
}

/** One article of a printed page, as parsed (or as written in Markdown by an editor). */
export interface ArticleRecord {
  /** Stable identity: `2019-12-10/2-1` (issue date / page - position on the page). */
  id: string
  /** Path of the source file, relative to the articles folder when it is inside it. */
  source: string
  paper: string | null
  issueDate: string
  page: number
  /** 1-based position of the article on its page, in reading order. */
  position: number
  headline: string | null
  kicker: string | null
  subheadline: string | null
  /** Source lines of headline, kicker and subheadline (null where absent). */
  headLines: { headline: number | null; kicker: number | null; subheadline: number | null }
  bylines: Byline[]
  dateline: Dateline | null
  continuedFrom: number | null
  continuedTo: number | null
  /** Markers that stand on their own line (a marker that opens a paragraph stays in its text). */
  continuationMarkers: ContinuationMarker[]
  sections: Section[]
  /** First and last source line of the article, 1-based, inclusive. */
  sourceLines: [number, number]
  /** Editor-supplied fields (front matter); empty for a plain raw page. */
  tags: string[]
  slug: string | null
  /** The script the source is written in, detected from its characters. */
  script: 'hans' | 'hant'
}

/** A line of page furniture (`第1版()`, `专栏:`, a photo caption) that belongs to no article. */
export interface FurnitureLine {
  text: string
  line: number
}

/** What the parser makes of one raw page. */
export interface ParsedPage {
  issueDate: string
  page: number
  paper: string | null
  articles: ArticleRecord[]
  furniture: FurnitureLine[]
}

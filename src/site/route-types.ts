// What a page needs, decided before any HTML is made. Records → routes is pure; route → files renders.
import type { ArticleRecord } from '../types.ts'

/** Every kind of page the site has; one module in src/site/ per kind. */
export type PageKind =
  | 'home'
  | 'article'
  | 'issue'
  | 'month'
  | 'year'
  | 'archive'
  | 'tag-index'
  | 'tag'
  | 'author-index'
  | 'author'
  | 'search'
  | 'not-found'
  | 'feeds'
  | 'sitemap'
  | 'robots'

export interface TagRef {
  name: string
  slug: string
  url: string
}

export interface AuthorRef {
  name: string
  slug: string
  url: string
}

/** An article as the site knows it: its record, URL, tags and linked authors. */
export interface ArticleEntry {
  id: string
  url: string
  record: ArticleRecord
  tags: TagRef[]
  /** Byline names in byline order, each once. */
  authors: AuthorRef[]
}

/** A story told in parts across pages of one issue (see src/continuations.ts), as the site shows it. */
export interface StoryRef {
  /** The parts in reading order: the story's page is the first part's URL and shows them all. */
  parts: ArticleEntry[]
  /** Pages a part says the story continues from or on that the archive lacks: the page says so. */
  missing: { page: number; direction: 'from' | 'to' }[]
}

export interface IssueRef {
  date: string
  url: string
}

export interface Pagination {
  /** 1-based. */
  pageNumber: number
  pageCount: number
  prevUrl: string | null
  nextUrl: string | null
}

export interface CountedRef {
  name: string
  url: string
  count: number
}

interface RouteBase {
  /** Site-relative: `2019/12/10/2-1/` for a folder (written as its index.html), `sitemap.xml` for a file, `` for home. */
  url: string
  /** Nunjucks template under templates/, or null for files made without one (feeds, robots.txt). */
  template: string | null
  /** Ids of the articles whose content this page shows: rebuild it when one of them changes. */
  dependsOn: string[]
}

export interface HomeRoute extends RouteBase {
  kind: 'home'
  latestIssue: IssueRef | null
  latestPages: IssuePage[]
  recent: ArticleEntry[]
  years: CountedRef[]
  topTags: CountedRef[]
  authorCount: number
}

export interface ArticleRoute extends RouteBase {
  kind: 'article'
  entry: ArticleEntry
  issue: IssueRef
  prev: ArticleEntry | null
  next: ArticleEntry | null
  related: ArticleEntry[]
  /** The story this article is a part of, or null for an article on one page. The first part's page shows the story whole; a later part's page is short and links there. */
  story: StoryRef | null
  /** The parts before and after this one in its story, when the archive has them. */
  continuedFrom: ArticleEntry | null
  continuedTo: ArticleEntry | null
}

export interface IssuePage {
  page: number
  articles: ArticleEntry[]
}

export interface IssueRoute extends RouteBase {
  kind: 'issue'
  issue: IssueRef
  pages: IssuePage[]
  prevIssue: IssueRef | null
  nextIssue: IssueRef | null
}

export interface MonthRoute extends RouteBase {
  kind: 'month'
  year: string
  /** `01` … `12`. */
  month: string
  issues: { issue: IssueRef; articles: ArticleEntry[] }[]
  prevMonth: { year: string; month: string; url: string } | null
  nextMonth: { year: string; month: string; url: string } | null
}

export interface YearRoute extends RouteBase {
  kind: 'year'
  year: string
  issues: IssueRef[]
  prevYear: { year: string; url: string } | null
  nextYear: { year: string; url: string } | null
}

export interface ArchiveRoute extends RouteBase {
  kind: 'archive'
  years: (CountedRef & { issueCount: number })[]
}

export interface TagIndexRoute extends RouteBase {
  kind: 'tag-index'
  tags: CountedRef[]
}

export interface TagRoute extends RouteBase {
  kind: 'tag'
  tag: TagRef
  count: number
  entries: ArticleEntry[]
  pagination: Pagination
}

export interface AuthorIndexRoute extends RouteBase {
  kind: 'author-index'
  authors: CountedRef[]
}

export interface AuthorRoute extends RouteBase {
  kind: 'author'
  author: AuthorRef
  count: number
  entries: ArticleEntry[]
  pagination: Pagination
}

export interface SearchRoute extends RouteBase {
  kind: 'search'
  /** Years that have issues, newest first: the year filter. */
  years: string[]
  /** Tags by article count, most used first: the tag filter. */
  tags: CountedRef[]
}

export interface NotFoundRoute extends RouteBase {
  kind: 'not-found'
}

export interface FeedsRoute extends RouteBase {
  kind: 'feeds'
  entries: ArticleEntry[]
  /** The stories of the entries that are parts of one, by entry id: a first part's item carries the whole story, a later part's links to it. */
  stories: Record<string, StoryRef>
  /** Issue date of the newest entry: feeds never carry the build time, so builds are reproducible. */
  updated: string | null
}

export interface SitemapRoute extends RouteBase {
  kind: 'sitemap'
  pages: { url: string; lastmod: string | null }[]
  /** The most URLs one sitemap file may list (the protocol's limit is 50,000); past it, sitemap.xml is an index of numbered sitemaps. */
  urlsPerFile: number
}

export interface RobotsRoute extends RouteBase {
  kind: 'robots'
}

export type Route =
  | HomeRoute
  | ArticleRoute
  | IssueRoute
  | MonthRoute
  | YearRoute
  | ArchiveRoute
  | TagIndexRoute
  | TagRoute
  | AuthorIndexRoute
  | AuthorRoute
  | SearchRoute
  | NotFoundRoute
  | FeedsRoute
  | SitemapRoute
  | RobotsRoute

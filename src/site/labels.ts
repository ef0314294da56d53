// Every piece of interface text, in Simplified; a variant converts them like any other text.

export const labels = {
  skipToContent: '跳到正文',
  mainNav: '主导航',
  home: '首页',
  archive: '往期',
  tags: '标签',
  authors: '作者',
  search: '搜索',
  searchArchive: '搜索档案',
  searchQuery: '关键词',
  searchYear: '年份',
  searchTag: '标签',
  allYears: '全部年份',
  searching: '正在搜索…',
  searchNone: '没有找到相关文章。',
  searchCount: '找到 {n} 篇文章。',
  searchMore: '显示更多',
  searchFailed: '搜索索引无法加载。',
  searchHint: '可搜索人名、地名、词语，简体繁体皆可。',
  prevArticle: '上一篇',
  nextArticle: '下一篇',
  inIssueNav: '本期上下篇',
  related: '相关文章',
  readIssue: '阅读本期',
  latestIssue: '最新一期',
  recent: '近期文章',
  waysIn: '浏览档案',
  years: '年份',
  allTags: '全部标签',
  allAuthors: '全部作者',
  moreTags: '更多标签',
  prevPage: '上一页',
  nextPage: '下一页',
  pagination: '分页',
  prevIssue: '上一期',
  nextIssue: '下一期',
  issueNav: '前后期',
  prevMonth: '上个月',
  nextMonth: '下个月',
  monthNav: '前后月份',
  prevYear: '上一年',
  nextYear: '下一年',
  yearNav: '前后年份',
  issuesThisMonth: '本月各期',
  notFoundTitle: '页面不存在',
  notFoundText: '您要找的页面不存在，或已移到别处。',
  notFoundHelp: '可以从首页、往期或标签继续浏览。',
  brief: '简讯',
  feeds: '订阅',
  contents: '本期目录',
  continuedFrom: '上接',
  continuedTo: '下转',
  continuedFromMissing: '本文上接{page}，该版未收入档案。',
  continuedToMissing: '本文下转{page}，该版未收入档案。',
  storyPart: '这是《{title}》转到{page}的部分。全文各版合在一页：',
  readWholeStory: '阅读全文',
  noIssue: '无报',
  weekdays: ['一', '二', '三', '四', '五', '六', '日'],
  weekdayNames: ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'],
  footer: '本站为静态档案，由 news-archive 生成。',
}

export type Labels = typeof labels

/** `2019-12-10` → `2019年12月10日`. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  return `${year}年${month}月${day}日`
}

/** `2` → `第2版`. */
export function formatPage(page: number): string {
  return `第${page}版`
}

/** `[1, 3]` → `第1、3版`; one page as `formatPage`. */
export function formatPages(pages: readonly number[]): string {
  return `第${[...new Set(pages)].join('、')}版`
}

/** `2019`, `12` → `2019年12月`. */
export function formatMonth(year: string, month: string): string {
  return `${Number(year)}年${Number(month)}月`
}

/** `2019` → `2019年`. */
export function formatYear(year: string): string {
  return `${Number(year)}年`
}

/** `5` → `5篇`. */
export function formatArticleCount(count: number): string {
  return `${count}篇`
}

/** `3` → `3期`. */
export function formatIssueCount(count: number): string {
  return `${count}期`
}

/** `2`, `5` → `第2页，共5页`. */
export function formatPageOf(pageNumber: number, pageCount: number): string {
  return `第${pageNumber}页，共${pageCount}页`
}

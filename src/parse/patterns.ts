// The shapes of a raw page's lines, as regular expressions and small predicates.

/** Sentence-final punctuation, full-width and ASCII; a closing quote counts only after one (`…。”`), since headlines end in quotes too (`民生实事“回头看”`). */
export const finalPunctuation = /[。！？….!?｡][”’」』"')）]*$/u

/** A comma that separates clauses (not the enumeration comma 、, which headlines use). */
export const clauseComma = /[,，;；]/u

const han = String.raw`\p{Script=Han}`
const numeral = String.raw`[0-9０-９〇零一二三四五六七八九十两]+`

/** `(上接第1版)`, `(下转二版)`, `》》》上接01版`: direction and page; `rest` is what follows the marker. */
const markerSource = String.raw`[(（]\s*(上接|下转|上接|下轉|上續|下續)\s*第?\s*(${numeral})\s*版\s*[)）]|》+\s*(上接|下转|下轉)\s*第?\s*(${numeral})\s*版`
export const leadingMarker = new RegExp(`^(?:${markerSource})`, 'u')
export const trailingMarker = new RegExp(`(?:${markerSource})$`, 'u')
export const wholeMarker = new RegExp(`^(?:${markerSource})$`, 'u')

/** Page furniture: the page label `第1版()`, a column label `专栏:`, a photo caption `图为…`. */
const furniturePatterns = [
  new RegExp(`^第\\s*${numeral}\\s*版\\s*([(（][^)）]*[)）])?$`, 'u'),
  /^(专栏|專欄|栏目|欄目|责任编辑|責任編輯|责编|美编|校对)\s*[:：]/u,
  /^(图为|圖為|图片说明|上图|下图|左图|右图)/u,
  /^[▲△▼▽◀▶]/u,
  // A caption that ends in its photographer's credit: `居民在公园里休憩。 周立 摄`.
  new RegExp(`[。！？]\\s*${String.raw`[\p{Script=Han}·]{2,5}`}\\s*(摄|攝|摄影|攝影)$`, 'u'),
]

/** Is this line page furniture, which belongs to no article? */
export function isFurniture(text: string): boolean {
  return furniturePatterns.some((pattern) => pattern.test(text))
}

const roleWords = ['本报记者', '本報記者', '特约记者', '特約記者', '实习记者', '實習記者', '首席记者', '记者', '記者', '通讯员', '通訊員', '实习生', '實習生', '见习记者', '摄影', '攝影', '撰稿', '编辑', '編輯']
/** Role words that open a credit: 记者 X, 通讯员 Y. */
export const roleWordPattern = new RegExp(`^(${roleWords.join('|')})`, 'u')
/** `文/X`, `图/Y`, `摄/Z`: a role written before a slash. */
export const slashRolePattern = /^(文|图|圖|摄|攝|摄影|攝影|视频|視頻)\s*[/／]\s*/u
/** `X 摄`: a photographer's credit, the role after the names. */
export const photoCreditPattern = new RegExp(`^((?:[${han}·]{2,5}\\s*)+?)\\s*(摄影|攝影|摄|攝)$`, 'u')
const personName = `[${han}·]{2,5}`
const bylineBody = new RegExp(`^(?:${roleWords.join('|')})?\\s*${personName}(?:[\\s、,，]+${personName})*$`, 'u')

/** Is this whole block a byline? (`■记者 杨晓梅`, `□周文涛`, `记者 X 通讯员 Y`, `文/X 图/Y`, `X 摄`, `記者X、Y/台北報導`.) */
export function isBylineBlock(text: string): boolean {
  if (text.length > 40 || finalPunctuation.test(text) || /[。！？]/u.test(text)) return false
  if (/^[■□]\s*\S/u.test(text)) return text.length <= 30
  if (photoCreditPattern.test(text)) return true
  if (slashRolePattern.test(text)) return /^(?:(?:文|图|圖|摄|攝|摄影|攝影|视频|視頻)\s*[/／]\s*[^\s/／]+\s*)+$/u.test(text)
  if (roleWordPattern.test(text)) {
    const withoutPlace = text.replace(/[/／][^/／]*(报道|報導|报导)$/u, '')
    return withoutPlace.split(/\s+/u).every((part) => roleWordPattern.test(part) || bylineBody.test(part) || new RegExp(`^${personName}$`, 'u').test(part))
  }
  return false
}

/** A trailing credit at the end of a brief's paragraph: `…充实的周末。 ■钱程`. */
export const trailingByline = /(?<=[。！？…”’」』.!?)）])\s*([■□]\s*[^■□。！？,，]{1,24})$/u

/** Does the paragraph open with a dateline word (`本报讯`, `又讯`, `【新华社北京十六日电】`)? */
export const datelineOpening = /^(本报讯|本報訊|又讯|又訊|本报记者|本報記者|【[^】]{1,30}】|新华社|新華社|中新社|本报[^\s,，]{0,8}电|本報[^\s,，]{0,8}電)/u

/** Han characters with a space between them, as PDF extraction inserts (`城市更 新`). */
export const extractionSpace = new RegExp(`(?<=${han})[ \\u00a0]+(?=${han})`, 'gu')

/** Is the text written in Han script at all (as opposed to numbers or Latin)? */
export function hasHan(text: string): boolean {
  return new RegExp(han, 'u').test(text)
}

/** A slug editors may give in front matter: lowercase ASCII words joined by hyphens (the site checks the same rule). */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u

/** Why `slug` cannot be part of a URL, or null when it can. */
export function slugProblem(slug: string): string | null {
  if (slugPattern.test(slug)) return null
  const why = /[/\\]/u.test(slug) ? 'it holds a path separator'
    : slug.includes('..') ? 'it holds `..`'
    : /%[0-9a-f]{2}/iu.test(slug) ? 'it holds a %-escape'
    : /^[a-z]:/iu.test(slug) ? 'it starts with a drive letter'
    : 'only a–z, 0–9 and single hyphens between words may be used'
  return `Slug \`${slug}\` cannot be part of a URL (${why}): write lowercase ASCII words joined by hyphens, e.g. \`district-study-session\``
}

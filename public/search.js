// @ts-check
// The search page's client: reads the static index under search/ (see src/search/README.md
// for the page's markup contract). Builds every result with DOM methods and textContent, so
// no article text is ever inserted as HTML. A result's excerpt is taken from the article's
// own page (parsed with DOMParser, never run), so the index holds no copy of the texts.
import { createSearcher, excerpt } from './search-core.js'

const PAGE_SIZE = 10

/** @type {Record<'zh-Hans' | 'zh-Hant', Record<string, string>>} */
const MESSAGES = {
  'zh-Hans': { searching: '正在搜索…', none: '没有找到相关文章。', count: '找到 {n} 篇文章。', more: '显示更多', failed: '搜索索引无法加载。', allYears: '全部年份', allTags: '全部标签' },
  'zh-Hant': { searching: '正在搜尋…', none: '沒有找到相關文章。', count: '找到 {n} 篇文章。', more: '顯示更多', failed: '搜尋索引無法載入。', allYears: '全部年份', allTags: '全部標籤' },
}

/** Wire up every `form[data-search-index]` on the page. */
export function start() {
  for (const form of document.querySelectorAll('form[data-search-index]')) {
    if (form instanceof HTMLFormElement) wire(form)
  }
}

/** @param {HTMLFormElement} form */
function wire(form) {
  const lang = document.documentElement.lang === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans'
  const text = { ...MESSAGES[lang], ...form.dataset }
  const base = new URL(/** @type {string} */ (form.dataset.searchIndex), document.baseURI)
  const siteRoot = new URL('../', base)
  const fetchOk = async (/** @type {string} */ path) => {
    const response = await fetch(new URL(path, base))
    if (!response.ok) throw new Error(`${response.status} ${path}`)
    return response
  }
  const searcher = createSearcher({
    json: async (path) => (await fetchOk(path)).json(),
    bytes: async (path) => new Uint8Array(await (await fetchOk(path)).arrayBuffer()),
  })
  const results = /** @type {HTMLElement} */ (document.querySelector('[data-search-results]'))
  const status = /** @type {HTMLElement} */ (document.querySelector('[data-search-status]'))
  const query = /** @type {HTMLInputElement} */ (form.elements.namedItem('q'))
  const year = form.elements.namedItem('year')
  const tag = form.elements.namedItem('tag')
  let generation = 0

  searcher.meta().then((meta) => {
    if (year instanceof HTMLSelectElement && year.options.length <= 1) {
      for (const [value] of [...meta.years].reverse()) year.add(new Option(String(value), String(value)))
    }
    if (tag instanceof HTMLSelectElement && tag.options.length <= 1) {
      const tags = [...meta.tags].sort((a, b) => b[3] - a[3])
      for (const [key, hans, hant] of tags) tag.add(new Option(lang === 'zh-Hant' ? hant : hans, key))
    }
    restore()
  }, () => (status.textContent = text.failed ?? ''))

  // The form still works without this script (a GET to the same page); with it, the query
  // stays in the address bar so a search can be bookmarked and shared.
  function restore() {
    const params = new URL(location.href).searchParams
    query.value = params.get('q') ?? query.value
    if (year instanceof HTMLSelectElement) year.value = params.get('year') ?? year.value
    if (tag instanceof HTMLSelectElement) tag.value = params.get('tag') ?? tag.value
    if (query.value || (year instanceof HTMLSelectElement && year.value) || (tag instanceof HTMLSelectElement && tag.value)) run()
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const params = new URLSearchParams()
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value) params.set(name, value)
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`)
    run()
  })
  for (const select of [year, tag]) if (select instanceof HTMLSelectElement) select.addEventListener('change', () => form.requestSubmit())

  async function run() {
    const current = ++generation
    status.textContent = text.searching ?? ''
    results.replaceChildren()
    try {
      const filters = {
        year: year instanceof HTMLSelectElement && year.value ? Number(year.value) : null,
        tag: tag instanceof HTMLSelectElement && tag.value ? tag.value : null,
      }
      const { hits, phrases, fold } = await searcher.search(query.value, filters)
      if (current !== generation) return
      status.textContent = hits.length === 0 ? (text.none ?? '') : (text.count ?? '').replace('{n}', String(hits.length))
      let shown = 0
      const showMore = async () => {
        const page = hits.slice(shown, shown + PAGE_SIZE)
        shown += page.length
        const documents = await Promise.all(page.map((hit) => searcher.document(hit.doc, lang)))
        if (current !== generation) return
        results.querySelector('[data-search-more]')?.remove()
        for (const found of documents) {
          const { item, context } = resultItem(found)
          results.append(item)
          void pageText(found.u).then(
            (body) => fillExcerpt(context, excerpt(body, phrases, fold)),
            () => context.remove(),
          )
        }
        if (shown < hits.length) results.append(moreButton(text.more ?? '', showMore))
      }
      await showMore()
    } catch {
      if (current === generation) status.textContent = text.failed ?? ''
    }
  }

  /**
   * The text of an article page: the blocks of its `[data-search-text]` elements (bylines, body), one a line.
   * @param {string} path
   */
  async function pageText(path) {
    const response = await fetch(new URL(path, siteRoot))
    if (!response.ok) throw new Error(`${response.status} ${path}`)
    const page = new DOMParser().parseFromString(await response.text(), 'text/html')
    const parts = [...page.querySelectorAll('[data-search-text]')]
    const blocks = parts.flatMap((part) => (part.matches('p, h2, h3, h4, li') ? [part] : [...part.querySelectorAll('p, h2, h3, h4, li')]))
    return blocks.map((block) => block.textContent ?? '').join('\n')
  }

  /** @param {import('./search-core.js').SearchDocument} found */
  function resultItem(found) {
    const item = document.createElement('li')
    const heading = document.createElement('h2')
    const link = document.createElement('a')
    link.href = new URL(found.u, siteRoot).href
    link.textContent = found.h
    heading.append(link)
    const date = document.createElement('time')
    date.dateTime = found.d
    const [y, m, d] = found.d.split('-').map(Number)
    date.textContent = `${y}年${m}月${d}日`
    const context = document.createElement('p')
    item.append(heading, date, context)
    return { item, context }
  }
}

/**
 * @param {HTMLElement} context
 * @param {{ text: string, hit: boolean }[]} segments
 */
function fillExcerpt(context, segments) {
  for (const segment of segments) {
    if (segment.hit) {
      const mark = document.createElement('mark')
      mark.textContent = segment.text
      context.append(mark)
    } else context.append(segment.text)
  }
}

/**
 * @param {string} label
 * @param {() => void} onClick
 */
function moreButton(label, onClick) {
  const item = document.createElement('li')
  item.dataset.searchMore = ''
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = label
  button.addEventListener('click', onClick)
  item.append(button)
  return item
}

start()

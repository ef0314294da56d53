// Site settings: one YAML file (news-archive.yaml) over documented defaults.
import { VFile } from 'vfile'
import { isScalar, type Node as YamlNode } from 'yaml'
import { readYamlMapping } from './yaml-mapping.ts'

export interface SiteConfig {
  /** Site title shown in the header and feeds. */
  title: string
  /** The newspaper's name, used in JSON-LD `publisher` and page titles. */
  paper: string
  /** Absolute URL the site is served from; may carry a path (`https://example.org/archive/`). */
  baseUrl: string
  /** Folder of raw pages and Markdown articles. */
  articlesDir: string
  /** Folder the site is written to. */
  outDir: string
  /** Full-width CJK punctuation and removal of extraction spaces at render time. */
  typography: boolean
  /** Entries per page on tag, author and list pages. */
  pageSize: number
  /** Articles in the Atom, RSS and JSON feeds. */
  feedSize: number
  /** Tag vocabulary file: tag → terms that imply it. */
  vocabulary: string
  /** Traditional variant the zh-Hant twin is converted to: `tw` (Taiwan) or `hk` (Hong Kong). */
  traditional: 'tw' | 'hk'
  /** Table of conversion corrections applied after OpenCC. */
  conversionOverrides: string
}

export const defaultConfig: SiteConfig = {
  title: '杨浦时报数字报刊档案',
  paper: '杨浦时报',
  baseUrl: 'http://127.0.0.1:8080/',
  articlesDir: 'articles',
  outDir: 'dist',
  typography: true,
  pageSize: 20,
  feedSize: 20,
  vocabulary: 'tags.yaml',
  traditional: 'tw',
  conversionOverrides: 'conversion-overrides.yaml',
}

export const configFileName = 'news-archive.yaml'

/** Read a config file's text over the defaults; every problem is a positioned message on `file`. */
export function parseConfig(file: VFile): SiteConfig {
  const config: SiteConfig = { ...defaultConfig }
  const { map, place } = readYamlMapping(String(file), file, { yamlRule: 'config-yaml', shapeRule: 'config-shape', shapeReason: 'Config must be a mapping of settings' })
  if (map === null) return config
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const valueNode = pair.value as YamlNode | null
    const value = isScalar(valueNode) ? valueNode.value : undefined
    if (!(key in defaultConfig)) {
      const known = Object.keys(defaultConfig).join(', ')
      file.message(`Unknown config key \`${key}\` (known: ${known})`, place(pair.key), 'news-archive:config-unknown-key').fatal = true
      continue
    }
    const name = key as keyof SiteConfig
    const expected = typeof defaultConfig[name]
    if (typeof value !== expected) {
      file.message(`Config \`${key}\` must be a ${expected}`, place(valueNode), 'news-archive:config-type').fatal = true
      continue
    }
    if (name === 'traditional' && value !== 'tw' && value !== 'hk') {
      file.message('Config `traditional` must be `tw` or `hk`', place(valueNode), 'news-archive:config-type').fatal = true
      continue
    }
    if ((name === 'pageSize' || name === 'feedSize') && !(Number.isInteger(value) && (value as number) > 0)) {
      file.message(`Config \`${key}\` must be a positive whole number`, place(valueNode), 'news-archive:config-type').fatal = true
      continue
    }
    if (name === 'baseUrl' && !isBaseUrl(String(value))) {
      file.message('Config `baseUrl` must be an absolute http(s) URL', place(valueNode), 'news-archive:config-type').fatal = true
      continue
    }
    ;(config as unknown as Record<string, unknown>)[name] = value
  }
  config.baseUrl = withTrailingSlash(config.baseUrl)
  return config
}

/**
 * The settings that shape what the pages say: all but where the folders and files are. Their
 * contents are read and keyed on their own, so `articles`, `./articles` or an absolute path to the
 * same folder make the same pages.
 */
export function pageSettings(config: SiteConfig): Omit<SiteConfig, 'articlesDir' | 'outDir' | 'vocabulary' | 'conversionOverrides'> {
  const { articlesDir, outDir, vocabulary, conversionOverrides, ...settings } = config
  return settings
}

/** `https://x.org/archive` → `https://x.org/archive/`: internal links are resolved against a folder. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

/** Is this an absolute http(s) URL a site can be served from? */
export function isBaseUrl(url: string): boolean {
  if (!/^https?:\/\/[^/]+/u.test(url)) return false
  try {
    return new URL(url).protocol.startsWith('http')
  } catch {
    return false
  }
}

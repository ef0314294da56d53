// A SearchLoader over the files buildSearchIndex returned, counting the bytes each query fetches.
import type { SearchIndexFile } from '../../src/search/build.ts'

/** Serve `files` from memory as the browser would fetch them from search/; `fetched` lists what was read. */
export function memoryLoader(files: readonly SearchIndexFile[], directory = 'search/') {
  const byPath = new Map(files.map((file) => [file.path, file.contents]))
  const fetched: { path: string; bytes: number }[] = []
  const read = (path: string) => {
    const contents = byPath.get(directory + path)
    if (contents === undefined) throw new Error(`no file ${directory + path}`)
    fetched.push({ path, bytes: typeof contents === 'string' ? Buffer.byteLength(contents) : contents.length })
    return contents
  }
  return {
    fetched,
    json: async (path: string): Promise<unknown> => JSON.parse(read(path) as string),
    bytes: async (path: string) => read(path) as Uint8Array,
  }
}

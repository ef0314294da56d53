import path from 'node:path';

/** Where a request's path leads inside the served folder, or why it was refused. */
export type RequestTarget =
  | { kind: 'path'; urlPath: string; relativePath: string }
  | { kind: 'refused'; reason: string };

// Percent-escapes that smuggle a separator or a NUL past the segment check:
// `%2f` and `%5c` would decode to `/` and `\`, `%00` to NUL.
const smuggledSeparator = /%(?:2f|5c|00)/i;
const windowsDrive = /^[a-z]:/i;

/**
 * Map the raw request target (`req.url`) to a path relative to the served folder.
 * Decodes percent-escapes once and refuses anything that could name a file
 * outside the folder: `..` segments (plain or encoded), encoded slashes,
 * backslashes, NUL, empty segments (`//etc`), drive letters and absolute paths.
 */
export function resolveRequestPath(requestTarget: string): RequestTarget {
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return refuse('not an origin-form path');
  if (smuggledSeparator.test(rawPath)) return refuse('encoded separator or NUL');

  let urlPath: string;
  try {
    urlPath = decodeURIComponent(rawPath);
  } catch {
    return refuse('malformed percent-encoding');
  }
  if (urlPath.includes('\0')) return refuse('NUL byte');
  if (urlPath.includes('\\')) return refuse('backslash');

  const segments = urlPath.slice(1).split('/');
  // The last segment is empty for a directory URL (`/2019/`), no other may be.
  const inner = segments.slice(0, -1);
  if (inner.some((segment) => segment === '')) return refuse('empty path segment');
  if (segments.some((segment) => segment === '.' || segment === '..')) return refuse('dot segment');
  if (windowsDrive.test(segments[0] ?? '')) return refuse('drive letter');

  const relativePath = segments.join('/');
  if (path.posix.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath)) {
    return refuse('absolute path');
  }
  return { kind: 'path', urlPath, relativePath };
}

/** True when `candidate` is `root` itself or lies below it. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function refuse(reason: string): RequestTarget {
  return { kind: 'refused', reason };
}

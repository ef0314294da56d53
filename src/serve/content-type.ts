import path from 'node:path';

const textTypes: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
};

const binaryTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/** The Content-Type header for a file, by extension; text types are declared UTF-8. */
export function contentTypeFor(filePath: string): string {
  const extension = path.extname(filePath).toLowerCase();
  const textType = textTypes[extension];
  if (textType) return `${textType}; charset=utf-8`;
  return binaryTypes[extension] ?? 'application/octet-stream';
}

/** True for files whose body is HTML (and so may receive an injected script). */
export function isHtml(filePath: string): boolean {
  const extension = path.extname(filePath).toLowerCase();
  return extension === '.html' || extension === '.htm';
}

/**
 * Serving a folder for tests.
 *
 *   const site = await serveTempSite({ 'index.html': '<!doctype html>…', 'a/b.css': '…' });
 *   site.url   // http://127.0.0.1:<random port>/
 *   site.root  // the temp folder holding the files
 *   await site.close();  // stops the server and deletes the folder
 *
 *   const res = await rawRequest(site.url, '/../etc/passwd');  // path sent byte for byte
 *   res.status, res.headers, res.body (string)
 *
 * A built site (dist/) is served with `serveDirectory(dist, { port: 0 })` from src/serve.ts.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveDirectory, type ServeOptions } from '../../src/serve.ts';

/** A temp folder served on a random loopback port. */
export interface TempSite {
  root: string;
  url: string;
  close(): Promise<void>;
}

/** Write `files` (relative path → content) into a fresh temp folder and serve it. */
export async function serveTempSite(
  files: Record<string, string | Uint8Array>,
  options: ServeOptions = {},
): Promise<TempSite> {
  const root = await writeTempFolder(files);
  const server = await serveDirectory(root, { ...options, port: 0 });
  return {
    root,
    url: server.url,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Write `files` (relative path → content) into a fresh temp folder and return its path. */
export async function writeTempFolder(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'news-archive-site-'));
  for (const [relativePath, content] of Object.entries(files)) {
    const filePath = path.join(root, relativePath);
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFile(filePath, content);
  }
  return root;
}

/** A response read whole. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Send `requestPath` exactly as written (fetch() would normalise `..` away first),
 * to the server at `baseUrl`.
 */
export function rawRequest(baseUrl: string, requestPath: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, path: requestPath, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contentTypeFor, isHtml } from './serve/content-type.ts';
import { isInside, resolveRequestPath } from './serve/request-path.ts';

/** Handles one extra route, e.g. the dev server's `/__events` stream. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** How to serve a built site. */
export interface ServeOptions {
  /** Interface to listen on; loopback unless asked otherwise. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** URL path the site lives under when its base URL has a path, e.g. `/archive/`. */
  basePath?: string;
  /** Markup inserted before `</body>` of every HTML response (the live-reload client). */
  injectIntoHtml?: string | (() => string);
  /** Extra handlers by exact URL path, answered before any file (any method). */
  routes?: Record<string, RouteHandler>;
}

/** A listening server. */
export interface RunningServer {
  /** The site's root URL, ending in `/`. */
  url: string;
  host: string;
  port: number;
  /** Stop listening and drop open connections (including event streams). */
  close(): Promise<void>;
}

/** Serve the files inside `root` over HTTP; nothing outside it is ever read. */
export async function serveDirectory(root: string, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const basePath = normaliseBasePath(options.basePath ?? '/');
  const server = createServer((request, response) => {
    handle(root, basePath, options, request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendText(response, request, 500, `Internal error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}${basePath}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  root: string,
  basePath: string,
  options: ServeOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestTarget = request.url ?? '/';
  const [rawPath = '', query] = splitQuery(requestTarget);
  const route = options.routes?.[rawPath];
  if (route) return route(request, response);

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, request, 405, 'Method Not Allowed');
  }
  const rootPath = await realpath(root);
  if (`${rawPath}/` === basePath) return redirect(response, request, basePath + query);
  if (!rawPath.startsWith(basePath)) return sendNotFound(rootPath, options, request, response);

  const target = resolveRequestPath(rawPath.slice(basePath.length - 1));
  if (target.kind === 'refused') return sendText(response, request, 400, `Bad Request: ${target.reason}`);

  let filePath = path.join(rootPath, target.relativePath);
  const found = await stat(filePath).catch(() => undefined);
  if (found?.isDirectory()) {
    // Relative links in an index page resolve against `/dir/`, not `/dir`.
    if (!rawPath.endsWith('/')) return redirect(response, request, `${rawPath}/${query}`);
    filePath = path.join(filePath, 'index.html');
  } else if (!found?.isFile()) {
    return sendNotFound(rootPath, options, request, response);
  }
  // A symlink inside the folder may still point outside it.
  const realFile = await realpath(filePath).catch(() => undefined);
  if (!realFile || !isInside(rootPath, realFile)) return sendNotFound(rootPath, options, request, response);
  const fileStat = await stat(realFile);
  if (!fileStat.isFile()) return sendNotFound(rootPath, options, request, response);
  return sendFile(response, request, 200, realFile, fileStat.size, options);
}

async function sendNotFound(
  rootPath: string,
  options: ServeOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const notFoundPage = path.join(rootPath, '404.html');
  const pageStat = await stat(notFoundPage).catch(() => undefined);
  if (!pageStat?.isFile()) return sendText(response, request, 404, 'Not Found');
  return sendFile(response, request, 404, notFoundPage, pageStat.size, options);
}

async function sendFile(
  response: ServerResponse,
  request: IncomingMessage,
  status: number,
  filePath: string,
  size: number,
  options: ServeOptions,
): Promise<void> {
  response.statusCode = status;
  response.setHeader('Content-Type', contentTypeFor(filePath));
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');

  const injected = typeof options.injectIntoHtml === 'function' ? options.injectIntoHtml() : options.injectIntoHtml;
  if (injected && isHtml(filePath)) {
    const body = Buffer.from(injectBeforeBodyEnd(await readFile(filePath, 'utf8'), injected));
    response.setHeader('Content-Length', body.length);
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  response.setHeader('Content-Length', size);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(filePath);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function sendText(response: ServerResponse, request: IncomingMessage, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`);
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', body.length);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function redirect(response: ServerResponse, request: IncomingMessage, location: string): void {
  response.setHeader('Location', location);
  sendText(response, request, 301, `Moved Permanently: ${location}`);
}

/** Insert markup before the last `</body>`, or append it when the page has none. */
export function injectBeforeBodyEnd(html: string, markup: string): string {
  const bodyEnd = html.toLowerCase().lastIndexOf('</body>');
  return bodyEnd === -1 ? html + markup : html.slice(0, bodyEnd) + markup + html.slice(bodyEnd);
}

function splitQuery(requestTarget: string): [string, string] {
  const queryStart = requestTarget.search(/[?#]/);
  return queryStart === -1
    ? [requestTarget, '']
    : [requestTarget.slice(0, queryStart), requestTarget.slice(queryStart)];
}

function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

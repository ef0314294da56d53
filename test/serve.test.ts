import { get } from 'node:http';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectBeforeBodyEnd, serveDirectory } from '../src/serve.ts';
import { resolveRequestPath } from '../src/serve/request-path.ts';
import { rawRequest, serveTempSite, type TempSite } from './helpers/site-server.ts';

const secret = 'SECRET-OUTSIDE-ROOT';

const siteFiles = {
  'index.html': '<!doctype html><html lang="zh-Hans"><head><title>首页</title></head><body><h1>杨浦时报</h1></body></html>',
  '404.html': '<!doctype html><html><head><title>未找到</title></head><body><p>页面不存在</p></body></html>',
  '2019/12/10/index.html': '<!doctype html><html><body><p>2019年12月10日</p></body></html>',
  'style.css': 'body { font-family: sans-serif; }',
  'search.js': 'console.log("搜索");',
  'search-index.json': '{"文章":1}',
  'feed.xml': '<?xml version="1.0"?><feed/>',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'robots.txt': 'User-agent: *',
  'favicon.ico': new Uint8Array([0, 0, 1, 0]),
  'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  'fonts/serif.woff2': new Uint8Array([0x77, 0x4f, 0x46, 0x32]),
  'a b/文章.html': '<p>空格与中文</p>',
};

describe('serveDirectory', () => {
  let site: TempSite;
  let outsideFile: string;

  beforeAll(async () => {
    site = await serveTempSite(siteFiles);
    // A file next to the served folder, and a symlink inside it that points there.
    outsideFile = path.join(path.dirname(site.root), `${path.basename(site.root)}-secret.txt`);
    await writeFile(outsideFile, secret);
    await symlink(outsideFile, path.join(site.root, 'leak.txt'));
    await symlink(tmpdir(), path.join(site.root, 'tmp-link'));
  });
  afterAll(async () => {
    await site.close();
    await rm(outsideFile, { force: true });
  });

  it('listens on loopback and serves the index page at /', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await rawRequest(site.url, '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('杨浦时报');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(siteFiles['index.html']));
  });

  it('serves a directory’s index.html and redirects /dir to /dir/', async () => {
    const index = await rawRequest(site.url, '/2019/12/10/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('2019年12月10日');

    const redirect = await rawRequest(site.url, '/2019/12/10?from=feed');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/2019/12/10/?from=feed');
  });

  it('answers a missing page with the site’s 404.html and status 404', async () => {
    for (const missing of ['/nope/', '/2019/12/11/', '/style.css/extra', '/2019/index.html']) {
      const response = await rawRequest(site.url, missing);
      expect(response.status, missing).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('页面不存在');
    }
  });

  it('serves percent-encoded names (spaces, Chinese) decoded once', async () => {
    const response = await rawRequest(site.url, `/a%20b/${encodeURIComponent('文章')}.html`);
    expect(response.status).toBe(200);
    expect(response.body).toContain('空格与中文');
    // Decoded once only: %2520 means a literal "%20" in the name, which does not exist.
    expect((await rawRequest(site.url, '/a%2520b/')).status).toBe(404);
  });

  it.each([
    ['style.css', 'text/css; charset=utf-8'],
    ['search.js', 'text/javascript; charset=utf-8'],
    ['search-index.json', 'application/json; charset=utf-8'],
    ['feed.xml', 'application/xml; charset=utf-8'],
    ['icon.svg', 'image/svg+xml; charset=utf-8'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['logo.png', 'image/png'],
    ['fonts/serif.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, contentType) => {
    const response = await rawRequest(site.url, `/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await rawRequest(site.url, '/style.css', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(siteFiles['style.css'].length));
    expect(response.body).toBe('');
    const missing = await rawRequest(site.url, '/missing', 'HEAD');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await rawRequest(site.url, '/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/../etc/passwd',
    '/../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    '/..%2fetc/passwd',
    '/..%2Fetc%2Fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/..\\..\\etc\\passwd',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/C:/Windows/win.ini',
    '/c:%5cWindows%5cwin.ini',
    '/index.html%00.png',
    '/2019/../../etc/passwd',
    '/%252e%252e/etc/passwd',
    '/%',
    'etc/passwd',
    'http://127.0.0.1/../etc/passwd',
  ])('refuses %s without leaking a file', async (attack) => {
    const response = await rawRequest(site.url, attack);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toMatch(/root:.*:0:0:/);
  });

  it('never follows a path out of the folder to a file beside it', async () => {
    const siblingName = path.basename(outsideFile);
    for (const attack of [`/../${siblingName}`, `/%2e%2e/${siblingName}`, `/..%2f${siblingName}`, '/leak.txt']) {
      const response = await rawRequest(site.url, attack);
      expect([400, 404], attack).toContain(response.status);
      expect(response.body, attack).not.toContain(secret);
    }
  });

  it('does not serve through a symlink that points outside the folder', async () => {
    const response = await rawRequest(site.url, `/tmp-link/${path.basename(outsideFile)}`);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(secret);
  });
});

describe('serveDirectory options', () => {
  it('injects markup before </body> of HTML pages only, with a correct length', async () => {
    const script = '<script src="/__reload.js"></script>';
    const site = await serveTempSite(siteFiles, { injectIntoHtml: script });
    try {
      const page = await rawRequest(site.url, '/');
      expect(page.body).toContain(`<h1>杨浦时报</h1>${script}</body>`);
      expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.body));
      const notFound = await rawRequest(site.url, '/missing/');
      expect(notFound.status).toBe(404);
      expect(notFound.body).toContain(script);
      const css = await rawRequest(site.url, '/style.css');
      expect(css.body).toBe(siteFiles['style.css']);
    } finally {
      await site.close();
    }
  });

  it('answers extra routes before files, and close() ends open event streams', async () => {
    const site = await serveTempSite(siteFiles, {
      routes: {
        '/__events': (_request, response) => {
          response.writeHead(200, { 'Content-Type': 'text/event-stream' });
          response.write('event: hello\ndata: {}\n\n');
        },
      },
    });
    const { hostname, port } = new URL(site.url);
    const firstEvent = await new Promise<string>((resolve, reject) => {
      get({ host: hostname, port, path: '/__events' }, (response) => {
        response.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
      }).on('error', reject);
    });
    expect(firstEvent).toContain('event: hello');
    // Resolves although the event stream is still open.
    await site.close();
  });

  it('serves a site under a base path and 404s outside it', async () => {
    const site = await serveTempSite(siteFiles, { basePath: 'archive' });
    try {
      expect(site.url).toMatch(/\/archive\/$/);
      const origin = new URL(site.url).origin;
      expect((await rawRequest(origin, '/archive/2019/12/10/')).body).toContain('2019年12月10日');
      const bare = await rawRequest(origin, '/archive');
      expect(bare.status).toBe(301);
      expect(bare.headers.location).toBe('/archive/');
      expect((await rawRequest(origin, '/2019/12/10/')).status).toBe(404);
      expect((await rawRequest(origin, '/archive/../archive/index.html')).status).toBe(400);
    } finally {
      await site.close();
    }
  });

  it('fails to start on a port that is taken', async () => {
    const first = await serveDirectory(tmpdir(), { port: 0 });
    try {
      await expect(serveDirectory(tmpdir(), { port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

describe('resolveRequestPath', () => {
  it('maps URL paths to relative file paths', () => {
    expect(resolveRequestPath('/')).toEqual({ kind: 'path', urlPath: '/', relativePath: '' });
    expect(resolveRequestPath('/2019/12/10/?q=1')).toMatchObject({ relativePath: '2019/12/10/' });
    expect(resolveRequestPath('/tags/%E5%85%BB%E8%80%81/')).toMatchObject({ relativePath: 'tags/养老/' });
  });

  it('refuses dot segments however they are spelled', () => {
    for (const attack of ['/..', '/a/../b', '/%2e%2e/x', '/.%2e/x', '/./x', '/a/%2E/b']) {
      expect(resolveRequestPath(attack).kind, attack).toBe('refused');
    }
  });

  it('refuses encoded separators and NUL even where they would stay inside the folder', () => {
    for (const attack of ['/a%2fb', '/a%2Fb', '/a%5cb', '/a\\b', '/a%00', '/a//b', '//a']) {
      expect(resolveRequestPath(attack).kind, attack).toBe('refused');
    }
  });
});

describe('injectBeforeBodyEnd', () => {
  it('inserts before the last </body>, whatever its case, or appends', () => {
    expect(injectBeforeBodyEnd('<p>a</p></BODY></html>', '<s>')).toBe('<p>a</p><s></BODY></html>');
    expect(injectBeforeBodyEnd('<p>"</body>"</p></body>', '<s>')).toBe('<p>"</body>"</p><s></body>');
    expect(injectBeforeBodyEnd('<p>a</p>', '<s>')).toBe('<p>a</p><s>');
  });
});

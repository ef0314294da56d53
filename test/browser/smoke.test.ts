// Proves the browser test infrastructure end to end: Chromium starts, a served
// page renders its Chinese text, axe-core runs under a strict CSP, console and
// page errors are caught, and screenshots land in test-output/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  browserTimeout,
  collectPageErrors,
  describeWithBrowser,
  formatViolations,
  launchBrowser,
  runAxe,
  saveScreenshot,
  viewports,
} from '../helpers/browser.ts';
import { serveTempSite, type TempSite } from '../helpers/site-server.ts';

const page = `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:">
<title>冒烟测试 · 杨浦时报</title>
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>杨浦区养老服务再升级</h1>
<p>本报讯 记者从区民政局获悉，今年全区新增社区养老服务设施十二处。</p>
</main>
</body>
</html>
`;

const brokenPage = `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>错误</title>
<script src="/broken.js"></script></head>
<body><main><h1>错误页</h1><img src="/missing.png" alt="缺失"></main></body></html>
`;

const files = {
  'index.html': page,
  'broken/index.html': brokenPage,
  'broken.js': 'console.error("出错了"); undefinedFunction();',
  'style.css': 'body { font-family: "WenQuanYi Micro Hei", sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.8; }',
};

describeWithBrowser('browser smoke test', () => {
  let browser: Browser;
  let site: TempSite;

  beforeAll(async () => {
    site = await serveTempSite(files);
    browser = await launchBrowser();
  }, browserTimeout);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('renders a Chinese page without errors or serious accessibility violations', async () => {
    const tab = await browser.newPage({ viewport: viewports.phone });
    const errors = collectPageErrors(tab);
    await tab.goto(site.url);

    await expect(tab.locator('h1').innerText()).resolves.toBe('杨浦区养老服务再升级');
    expect(await tab.title()).toBe('冒烟测试 · 杨浦时报');
    const screenshot = await saveScreenshot(tab, 'smoke-phone');
    expect(screenshot).toMatch(/test-output\/smoke-phone\.png$/);

    const violations = await runAxe(tab);
    expect(violations, formatViolations(violations)).toEqual([]);
    expect(errors).toEqual([]);
    await tab.close();
  }, browserTimeout);

  it('reports console errors, uncaught exceptions and failed loads', async () => {
    const tab = await browser.newPage();
    const errors = collectPageErrors(tab);
    await tab.goto(new URL('broken/', site.url).href, { waitUntil: 'load' });

    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('出错了'),
        expect.stringContaining('undefinedFunction'),
        expect.stringMatching(/404/),
      ]),
    );
    await tab.close();
  }, browserTimeout);

  it('finds serious accessibility violations when there are some', async () => {
    const tab = await browser.newPage();
    await tab.setContent('<!doctype html><html><head><title>x</title></head><body><img src="data:,"></body></html>');
    const violations = await runAxe(tab);
    expect(violations.map((violation) => violation.id)).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt']));
    await tab.close();
  }, browserTimeout);
});

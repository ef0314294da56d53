/**
 * Real-browser testing with Debian's Chromium, driven by playwright-core.
 *
 * Install the browser and a CJK font once:
 *   apt-get install --no-install-recommends chromium fonts-wqy-microhei
 * (.ci/run does this). NEWS_ARCHIVE_CHROMIUM=/path/to/chromium overrides the
 * executable (default /usr/bin/chromium); pointing it at a missing file shows
 * what happens on a machine without Chromium.
 *
 * API
 *   describeWithBrowser(name, body)   describe() that runs only when Chromium exists.
 *       Without Chromium its tests are SKIPPED with the install hint, except under
 *       CI=true, where a missing browser FAILS the run.
 *   launchBrowser(): Promise<Browser>  headless Chromium, fresh profile per launch
 *       (playwright creates and deletes a temporary user-data-dir); close it in afterAll.
 *   viewports.phone / viewports.desktop   sizes for browser.newPage({ viewport }).
 *   collectPageErrors(page): string[]  a live list of console errors (including CSP
 *       violations and failed resource loads) and uncaught page errors; attach it
 *       before page.goto() and expect it to equal [] at the end.
 *   runAxe(page): Promise<AxeViolation[]>  axe-core's serious and critical
 *       violations on the current page (works under a strict CSP).
 *   formatViolations(violations): string  one readable line per violation, for
 *       expect(violations, formatViolations(violations)).toEqual([]).
 *   saveScreenshot(page, name): Promise<string>  full-page PNG in test-output/ (git-ignored).
 *   browserAvailable(), chromiumExecutable(), isCI(), chromiumInstallHint.
 *
 * Example
 *   describeWithBrowser('article page', () => {
 *     let browser: Browser;
 *     beforeAll(async () => { browser = await launchBrowser(); }, browserTimeout);
 *     afterAll(async () => { await browser?.close(); });
 *     it('shows its headline', async () => {
 *       const page = await browser.newPage({ viewport: viewports.phone });
 *       const errors = collectPageErrors(page);
 *       await page.goto(url);
 *       ...
 *       expect(errors).toEqual([]);
 *     }, browserTimeout);
 *   });
 */
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImpactValue, Result as AxeResult } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** The command that installs what the browser tests need on Debian. */
export const chromiumInstallHint = 'apt-get install --no-install-recommends chromium fonts-wqy-microhei';

/** A timeout (ms) for browser launches and page tests; generous for slow CI machines. */
export const browserTimeout = 60_000;

/** Viewport sizes for screenshots and layout checks. */
export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

const testOutputFolder = fileURLToPath(new URL('../../test-output/', import.meta.url));

/** The Chromium executable: $NEWS_ARCHIVE_CHROMIUM or Debian's /usr/bin/chromium. */
export function chromiumExecutable(): string {
  return process.env.NEWS_ARCHIVE_CHROMIUM || '/usr/bin/chromium';
}

/** True when the Chromium executable exists and may be run. */
export function browserAvailable(): boolean {
  try {
    accessSync(chromiumExecutable(), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when running in CI (CI=true or CI=1), where skipping browser tests is not allowed. */
export function isCI(): boolean {
  return ['true', '1'].includes((process.env.CI ?? '').toLowerCase());
}

/** describe() for browser tests: skipped without Chromium, but failing under CI. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (browserAvailable()) {
    describe(name, body);
    return;
  }
  const missing = `Chromium not found at ${chromiumExecutable()}; install it with: ${chromiumInstallHint}`;
  if (isCI()) {
    describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(`${missing} (CI=true: browser tests may not be skipped)`);
      });
    });
    return;
  }
  console.warn(`[browser tests] skipping "${name}": ${missing}`);
  describe(name, () => {
    it('has Chromium to run in', (context) => context.skip(missing));
  });
  describe.skip(`${name} (needs Chromium)`, body);
}

/** Launch headless Chromium with a fresh temporary profile and no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    // headless: true makes playwright pass --headless (and --no-sandbox, as
    // chromiumSandbox defaults to false); without userDataDir it creates a
    // fresh profile folder per launch and deletes it on close.
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A live list of console errors and uncaught exceptions on `page`. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('crash', () => errors.push('page crashed'));
  return errors;
}

/** An axe-core violation of serious or critical impact. */
export type AxeViolation = AxeResult;

const blockingImpacts: ImpactValue[] = ['serious', 'critical'];
let axeSource: string | undefined;

/** Run axe-core on the page as it is now; returns its serious and critical violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so a page's strict CSP (which
  // would block an injected <script>) does not stop it.
  await page.evaluate(`${axeSource}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations;
  });
  return violations.filter((violation) => blockingImpacts.includes(violation.impact ?? null));
}

/** One line per violation and affected element, for assertion messages. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.impact} ${violation.id}: ${violation.help} at ${node.target.join(' ')}`,
      ),
    )
    .join('\n');
}

/** Save a full-page screenshot as test-output/<name>.png and return its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(testOutputFolder, { recursive: true });
  const filePath = path.join(testOutputFolder, `${name}.png`);
  await page.screenshot({ path: filePath, fullPage: true });
  return filePath;
}

/**
 * The HTML report in a real browser: Debian's `chromium`, driven by playwright-core (which never
 * downloads a browser), opens the page from a file, with a fresh profile and background networking
 * off. The test checks that nothing leaves the file, that hostile strings stay inert, that the filters
 * show the right rows and count, and saves a screenshot under the ignored .tmp/ folder.
 *
 * Without a `chromium` on PATH (or at /usr/bin/chromium) the suite is skipped and says SKIPPED with
 * the reason; `.ci/run` installs the package with apt where it can.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { renderHtml } from '../../lib/policy/reporters/html';
import { PolicyResult } from '../../lib/policy/types';
import { SCRIPT_ADDRESS, mixedBundle } from '../policy/helpers/mixed-report';

/** Debian's chromium: the first executable `chromium` on PATH, else /usr/bin/chromium. */
function findChromium(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const file of [...dirs.map((d) => path.join(d, 'chromium')), '/usr/bin/chromium']) {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const CHROMIUM = findChromium();
const OUT = path.resolve(__dirname, '../../.tmp/browser');
const SCREENSHOT = path.join(OUT, 'screenshots', 'html-report.png');
// The flags the project runs Chromium with: no sandbox (containers), no GPU, no traffic of its own.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

if (!CHROMIUM) {
  // Visible in the jest output, so a green run without the browser cannot pass for a browser check.
  console.log('SKIPPED: html-report e2e: no `chromium` on PATH or at /usr/bin/chromium (install the Debian package `chromium`; .ci/run does so with apt where it can)');
}

// What the callbacks run in the page see; the project compiles without the DOM library.
interface PageRow {
  readonly dataset: Readonly<Record<string, string | undefined>>;
}
interface PageGlobals {
  __violations: string[];
  __airaPwned?: number;
  readonly document: { addEventListener(type: 'securitypolicyviolation', f: (e: { violatedDirective: string; blockedURI: string }) => void): void };
}

const bundle = mixedBundle({ includePassed: true });
const tableRows = bundle.report.results.filter((r) => r.status !== 'suppressed');
const OPEN = new Set(['fail', 'error', 'unknown']);
/** Addresses the page should show for a filter, worked out from the bundle. */
const expected = (keep: (r: PolicyResult) => boolean) => tableRows.filter(keep).map((r) => r.address);

(CHROMIUM ? describe : describe.skip)('HTML report in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: string[] = [];
  const problems: string[] = [];

  const visible = () => page.locator('#findings-table tbody tr:visible').evaluateAll((rows) => rows.map((r) => (r as unknown as PageRow).dataset.address ?? ''));
  const shownCount = () => page.locator('#shown-count').textContent();

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    const file = path.join(OUT, 'report.html');
    fs.writeFileSync(file, renderHtml(bundle));
    profile = fs.mkdtempSync(path.join(OUT, 'profile-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
    // Runs before the page's own script, outside its CSP: records any fetch the policy blocked.
    await context.addInitScript(() => {
      const w = globalThis as unknown as PageGlobals;
      w.__violations = [];
      w.document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    // The profile is of no use after the run; the report and the screenshot stay for a look.
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  test('nothing leaves the file: only file: and data: requests, no blocked fetch, no script error', async () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !/^(file|data):/.test(u))).toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__violations)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('hostile strings stay text: the script in an address and the image in a message never run', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__airaPwned)).toBeUndefined();
    await expect(page.locator('#findings-table code.address', { hasText: 'hostile' }).first().textContent()).resolves.toBe(SCRIPT_ADDRESS);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
  });

  test('the default view shows fail, error and unknown rows, and counts them', async () => {
    const rows = await visible();
    expect(rows).toEqual(expected((r) => OPEN.has(r.status)));
    expect(rows).toHaveLength(11);
    expect(await shownCount()).toBe('11');
    expect(await page.locator('#total-count').textContent()).toBe(String(tableRows.length));
    await expect(page.locator('#verdict-word').textContent()).resolves.toBe('FAILED');
  });

  test('filters: severity high, then cloud azure, then every status, then one rule', async () => {
    await page.selectOption('#filter-severity', 'high');
    const high = await visible();
    expect(high).toEqual(expected((r) => OPEN.has(r.status) && r.severity === 'high'));
    expect([...new Set(high)].sort()).toEqual([SCRIPT_ADDRESS, 'aws_s3_bucket.open', 'aws_security_group_rule.pending', 'azurerm_storage_account.plainhttp', 'google_storage_bucket.public'].sort());
    expect(await shownCount()).toBe(String(high.length));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.selectOption('#filter-cloud', 'azure');
    expect(await visible()).toEqual(['azurerm_storage_account.plainhttp']);
    expect(await shownCount()).toBe('1');

    await page.selectOption('#filter-status', 'all');
    const azureHigh = await visible();
    expect(azureHigh).toEqual(expected((r) => r.severity === 'high' && r.resourceType.startsWith('azurerm_')));
    expect(azureHigh).toEqual(expect.arrayContaining(['azurerm_storage_account.plainhttp', 'azurerm_storage_account.secure']));

    await page.selectOption('#filter-rule', 'AIRA-STO-002');
    await page.selectOption('#filter-status', 'pass');
    expect(await visible()).toEqual(['azurerm_storage_account.secure']);
    expect(await shownCount()).toBe('1');
    expect(await page.locator('#no-rows').isVisible()).toBe(false);
  });

  test('a filter nothing matches says so; Reset brings the default view back', async () => {
    await page.click('#filter-reset');
    await page.selectOption('#filter-severity', 'medium');
    await page.selectOption('#filter-cloud', 'google');
    expect(await visible()).toEqual([]);
    expect(await shownCount()).toBe('0');
    expect(await page.locator('#no-rows').isVisible()).toBe(true);
    await page.click('#filter-reset');
    expect(await visible()).toHaveLength(11);
    expect(await page.locator('#filter-status').inputValue()).toBe('open');
  });

  test('the suppressed result and the unmatched suppression are on the page', async () => {
    const reason = await page.locator('#suppressed-table td.reason').allTextContents();
    expect(reason).toEqual(['public website <assets> only, reviewed by the security team']);
    expect(await page.locator('#unmatched-table').textContent()).toContain('azurerm_storage_account.gone');
  });

  test('the screenshot was saved under the ignored .tmp/ folder', () => {
    const png = fs.readFileSync(SCREENSHOT);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(10_000);
  });
});

'use strict';
/* global document, window, requestAnimationFrame */
// The console at 100,000 users, in Debian's Chromium driven by Playwright. Both figures are taken with the page's
// own clock, so the time Playwright itself needs to drive the browser (large on a busy 2-core machine) is not
// counted:
//  - first rows: from the start of navigation to a painted frame showing the Users table's first rows
//    (a cold load of the console straight onto #/users: HTML, bundle, the admin bridge call, the render);
//  - prefix search: the prefix is typed into the Users search box, then from the Enter key (the box searches on
//    Enter) to a painted frame whose rows all start with the prefix.
const { chromium } = require('@playwright/test');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const ROW = '.ant-table-tbody tr.ant-table-row';
const SEARCH = 'input[placeholder="Search users"]';

/** In the page: resolves with performance.now() at the first frame where `done()` holds. */
function watchFrames(page, source, arg) {
  return page.evaluate(
    ({ source, arg }) =>
      new Promise((resolve, reject) => {
        const done = new Function('arg', source);
        const limit = performance.now() + 30_000;
        const tick = () => {
          if (done(arg)) return resolve(performance.now());
          if (performance.now() > limit) return reject(new Error('timed out'));
          requestAnimationFrame(tick);
        };
        tick();
      }),
    { source, arg },
  );
}

const ROWS_SHOWN = `return document.querySelectorAll(${JSON.stringify(ROW)}).length > 0;`;
const ROWS_FILTERED = `const rows = [...document.querySelectorAll(${JSON.stringify(ROW)})];
  return rows.length > 0 && rows.every((r) => (r.querySelector('a')?.textContent ?? '').toLowerCase().startsWith(arg));`;

async function timeSearch(page, prefix) {
  const input = page.locator(SEARCH);
  await input.fill('');
  await input.press('Enter');
  await watchFrames(page, `return document.querySelectorAll(${JSON.stringify(ROW)}).length >= 10;`);
  await input.fill(prefix);
  await page.evaluate((selector) => {
    window.__benchEnterAt = null;
    document.querySelector(selector).addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__benchEnterAt = performance.now(); }, { once: true, capture: true });
  }, SEARCH);
  const filtered = watchFrames(page, `return window.__benchEnterAt !== null && (() => { ${ROWS_FILTERED} })();`, prefix.toLowerCase());
  await input.press('Enter');
  const at = await filtered;
  const enterAt = await page.evaluate(() => window.__benchEnterAt);
  return at - enterAt;
}

async function measureConsole(consoleUrl, { prefix, repeats = 3 }) {
  const token = /#token=(.+)$/.exec(consoleUrl)?.[1];
  const origin = consoleUrl.replace(/\/?#.*$/, '');
  if (!token) throw new Error(`no console token in ${consoleUrl}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const firstRows = [];
    let page;
    for (let k = 0; k < repeats; k++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
      page = await context.newPage();
      // registered before navigation, so the watcher runs from the page's first script on
      await page.addInitScript((rowsShown) => {
        const done = new Function(rowsShown);
        const tick = () => (done() ? (window.__benchFirstRowsAt = performance.now()) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }, ROWS_SHOWN);
      await page.goto(`${origin}/#/users&token=${token}`);
      await page.waitForFunction(() => typeof window.__benchFirstRowsAt === 'number', null, { timeout: 30_000 });
      firstRows.push(await page.evaluate(() => window.__benchFirstRowsAt));
      if (k < repeats - 1) await context.close();
    }
    const total = await page.locator('.ant-pagination-total-text').first().textContent().catch(() => null);
    const anyText = [];
    for (let k = 0; k < repeats; k++) anyText.push(await timeSearch(page, k % 2 ? prefix.toUpperCase() : prefix));
    // the same box in "Username starts with" mode
    await page.locator('.ant-space-compact .ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: 'Username starts with' }).click();
    const startsWith = [];
    for (let k = 0; k < repeats; k++) startsWith.push(await timeSearch(page, k % 2 ? prefix.toUpperCase() : prefix));
    return { firstRowsMs: firstRows, totalText: total, prefix, anyTextMs: anyText, startsWithMs: startsWith };
  } finally {
    await browser.close();
  }
}

module.exports = { measureConsole };

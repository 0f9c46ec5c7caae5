'use strict';
// The console at 100,000 users, in Debian's Chromium driven by Playwright: how long until the Users page
// shows its first rows (a cold load of the console straight onto #/users), and how long from typing a
// UserName prefix into the search box to a table holding only matching rows.
/* global document */
const { chromium } = require('@playwright/test');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const ROW = '.ant-table-tbody tr.ant-table-row';

/** Time until every visible row's UserName (the first link in the row) starts with `prefix`. */
async function timeSearch(page, prefix, before) {
  const input = page.locator('input[placeholder="Search users"]');
  await input.fill('');
  const started = performance.now();
  await input.fill(prefix);
  await input.press('Enter');
  await page.waitForFunction(
    ({ selector, p }) => {
      const rows = [...document.querySelectorAll(selector)];
      return rows.length > 0 && rows.every((r) => (r.querySelector('a')?.textContent ?? '').toLowerCase().startsWith(p));
    },
    { selector: ROW, p: prefix.toLowerCase() },
    { polling: 'raf', timeout: 30_000 },
  );
  const ms = performance.now() - started;
  const rows = await page.locator(ROW).count();
  const total = await page.locator('.ant-pagination-total-text').first().textContent().catch(() => null);
  await before?.();
  return { ms, rows, total };
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
      const started = performance.now();
      await page.goto(`${origin}/#/users&token=${token}`);
      await page.locator(ROW).first().waitFor({ state: 'visible', timeout: 30_000 });
      firstRows.push(performance.now() - started);
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
    return { firstRowsMs: firstRows, totalText: total, prefix, anyTextMs: anyText.map((s) => s.ms), startsWithMs: startsWith.map((s) => s.ms), matches: anyText[0]?.total ?? null };
  } finally {
    await browser.close();
  }
}

module.exports = { measureConsole };

// Every page of the console, checked with axe-core: no serious or critical violation, one <main> landmark and one
// <h1>. Also the layout details a newcomer tripped on: long usernames and the copy buttons' tooltips.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type ServerHandle } from './server-fixture';

// The console's Content-Security-Policy (script-src 'self') rightly refuses an injected script; axe is the test's own.
test.use({ bypassCSP: true });

const AXE = path.resolve(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
const LONG_USER_NAME = `${'very.long.user.name.'.repeat(3)}abcd`; // exactly 64 characters, CloudSSO's limit

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string; summary?: string }[] }

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run();
    // the selector and axe's own summary of each failing node (colours and ratio for contrast), readable in a report
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) }));
  });
}

/** A directory with one synchronized user (the longest username CloudSSO allows) in one group. */
async function seed(server: ServerHandle): Promise<{ userId: string; groupId: string }> {
  const credential = server.cli('credential', 'create') as { CredentialSecret: string };
  server.cli('sync', 'enable');
  const user = await server.scim('POST', '/Users', credential.CredentialSecret, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: LONG_USER_NAME, displayName: 'Long Name', active: true,
  });
  expect(user.status).toBe(201);
  const userId = (user.body as { id: string }).id;
  const group = await server.scim('POST', '/Groups', credential.CredentialSecret, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Finance', members: [{ value: userId }],
  });
  expect(group.status).toBe(201);
  return { userId, groupId: (group.body as { id: string }).id };
}

test('every console page: one main landmark, one h1, and no serious or critical axe violation', async ({ server, page }) => {
  // axe reads the whole page nine times: give the run room on a slow machine instead of failing on time
  test.slow();
  const { userId, groupId } = await seed(server);
  const pages: [string, string][] = [
    ['#/overview', 'Overview'],
    ['#/settings/user', 'Settings'],
    ['#/settings/global', 'Settings'],
    ['#/users', 'Users'],
    [`#/users/${userId}`, LONG_USER_NAME],
    ['#/groups', 'Groups'],
    [`#/groups/${groupId}`, 'Finance'],
    ['#/activity', 'Activity'],
    ['#/tools', 'Test Tools'],
  ];
  await page.goto(server.consoleUrl);
  for (const [hash, heading] of pages) {
    await test.step(hash, async () => {
      await page.evaluate((h) => { window.location.hash = h; }, hash);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
      await expect(page.locator('.ant-skeleton')).toHaveCount(0);
      await expect(page.getByRole('main')).toHaveCount(1);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      const violations = await axeViolations(page);
      const structure = violations.filter((v) => ['landmark-one-main', 'landmark-no-duplicate-main', 'landmark-main-is-top-level', 'page-has-heading-one'].includes(v.id));
      // soft: one run reports every page's problems
      expect.soft(structure, `${hash}: landmark and heading rules`).toEqual([]);
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect.soft(serious, `${hash}: serious or critical axe violations`).toEqual([]);
    });
  }
});

test('a 64-character username stays on one line in the Users table, cut with an ellipsis and shown whole on hover', async ({ server, page }) => {
  await seed(server);
  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/users'; });
  const link = page.getByRole('link', { name: LONG_USER_NAME });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('title', LONG_USER_NAME);
  const layout = await link.evaluate((el) => {
    const style = getComputedStyle(el);
    return { height: el.getBoundingClientRect().height, lineHeight: parseFloat(style.lineHeight), overflow: style.textOverflow, cut: el.scrollWidth > el.clientWidth };
  });
  expect(layout.height, 'one line').toBeLessThan(layout.lineHeight * 1.5);
  expect(layout.overflow).toBe('ellipsis');
  expect(layout.cut, 'the name is longer than its column, so the ellipsis shows').toBe(true);
});

/** The text on the page (outside tooltips) that a box covers, as the words a reader would lose. */
async function textUnder(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<string[]> {
  return page.evaluate((b) => {
    const covered: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (!text || node.parentElement?.closest('.ant-tooltip, .ant-message')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of Array.from(range.getClientRects())) {
        if (r.width > 0 && r.height > 0 && r.left < b.x + b.width && r.right > b.x && r.top < b.y + b.height && r.bottom > b.y) covered.push(text);
      }
    }
    return covered;
  }, box);
}

test('copy buttons: their tooltips cover no neighbouring text on any page', async ({ server, page }) => {
  test.slow();
  const { userId, groupId } = await seed(server);
  await page.goto(server.consoleUrl);
  let checked = 0;
  for (const hash of ['#/overview', '#/settings/user', '#/settings/global', `#/users/${userId}`, `#/groups/${groupId}`]) {
    await test.step(hash, async () => {
      await page.evaluate((h) => { window.location.hash = h; }, hash);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.ant-skeleton')).toHaveCount(0);
      const copyButtons = page.getByRole('main').getByRole('button', { name: /^Copy\b/ });
      await expect(copyButtons.first()).toBeVisible();
      for (const button of await copyButtons.all()) {
        const label = (await button.getAttribute('aria-label'))!;
        await button.hover();
        if ((await button.innerText()).trim()) {
          // "Copy" written on the button: no tooltip is needed, so none may appear
          await expect(page.getByRole('tooltip').filter({ hasText: label })).toHaveCount(0);
        } else {
          const tooltip = page.getByRole('tooltip').filter({ hasText: label });
          await expect(tooltip).toBeVisible();
          const box = (await tooltip.boundingBox())!;
          expect(await textUnder(page, box), `the tooltip of ${label} on ${hash}`).toEqual([]);
          checked++;
        }
        await page.mouse.move(0, 0);
        await expect(page.getByRole('tooltip').filter({ hasText: label })).toBeHidden();
      }
    });
  }
  expect(checked, 'icon-only copy buttons checked').toBeGreaterThanOrEqual(5);
});

// The console without a mouse: links, lock reasons and the Activity detail are reachable with Tab and Enter.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './server-fixture';

/** Presses Tab until `target` has focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('Tab and Enter open a user, show the lock reason, and open an Activity entry', async ({ server, page }) => {
  const credential = server.cli('credential', 'create') as { CredentialSecret: string };
  server.cli('sync', 'enable');
  const created = await server.scim('POST', '/Users', credential.CredentialSecret, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'keyboard.user@example.com', active: true,
  });
  expect(created.status).toBe(201);

  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/users'; });
  const link = page.getByRole('link', { name: 'keyboard.user@example.com' });
  await expect(link).toBeVisible();
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /keyboard\.user@example\.com/ })).toBeVisible();

  // The disabled Edit User cannot take focus itself; its wrapper does, and shows the core's reason.
  const lockedEdit = page.locator('.locked-action', { hasText: 'Edit User' });
  await tabTo(page, lockedEdit);
  // Tabbing passed the header's lock tag and locked Delete too; their tooltips may still be fading out.
  await expect(page.getByRole('tooltip').filter({ hasText: 'turn off SCIM synchronization' }).last()).toBeVisible();
  const describedBy = await lockedEdit.getAttribute('aria-describedby');
  expect(describedBy, 'the focused lock is described by its tooltip').toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText('turn off SCIM synchronization');

  await page.evaluate(() => { window.location.hash = '#/activity'; });
  const newest = page.getByTestId('activity-row').first();
  await expect(newest).toContainText('POST');
  await tabTo(page, newest);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByTestId('activity-request-body')).toContainText('keyboard.user@example.com');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

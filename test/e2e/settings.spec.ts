// Settings beyond the sync switch: Global Management (directory, region, accelerated endpoint) and deleting a credential.
import { expect, test } from './server-fixture';

test('Global Management: rename the directory, and the accelerated endpoint exists only for cn-shanghai', async ({ server, page }) => {
  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/settings/global'; });
  await page.getByLabel('Directory Name').fill('acme-cn');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Directory saved.')).toBeVisible();

  // A name the core refuses: its reason, not a silent failure.
  await page.getByLabel('Directory Name').fill('acme cn!');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.ant-message-error')).toContainText('Directory name must be 2–64 letters, digits or hyphens.');

  const accelerated = page.getByRole('switch', { name: 'Accelerated Endpoint' });
  await accelerated.click();
  await expect(page.getByText('Accelerated endpoint on.')).toBeVisible();
  const acceleratedUrl = (await page.getByTestId('global-accelerated-endpoint').innerText()).trim();
  expect(acceleratedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
  expect(acceleratedUrl).not.toBe(server.scimEndpoint);
  await page.getByRole('tab', { name: 'User Settings' }).click();
  await expect(page.getByTestId('scim-endpoint-accelerated')).toHaveText(acceleratedUrl);

  await page.getByRole('tab', { name: 'Global Management' }).click();
  // the first save's message may still be up (it lasts a few seconds): the next one must be this save's
  await expect(page.getByText('Directory saved.')).toHaveCount(0);
  await page.getByLabel('Directory Name').fill('acme-us');
  await page.getByRole('combobox', { name: 'Region' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'us-west-1' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Directory saved.')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Accelerated Endpoint' })).toBeDisabled();
  await expect(page.getByText('This directory is in us-west-1.')).toBeVisible();
  await page.getByRole('tab', { name: 'User Settings' }).click();
  await expect(page.getByText('Accelerated endpoints exist only for directories in cn-shanghai.')).toBeVisible();
});

test('deleting a credential is confirmed, then its secret gets 401', async ({ server, page }) => {
  server.cli('sync', 'enable');
  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/settings/user'; });
  await page.getByRole('button', { name: 'Generate New SCIM Credential' }).click();
  const dialog = page.getByRole('dialog', { name: 'SCIM Credential Generated' });
  const secret = (await dialog.getByTestId('once-secret').innerText()).trim();
  await dialog.getByRole('button', { name: 'OK' }).click();
  expect((await server.scim('GET', '/Users', secret)).status).toBe(200);

  const row = page.getByRole('row', { name: /scimcred-/ });
  await row.getByRole('button', { name: 'Delete' }).click();
  // Cancelling keeps it.
  await page.getByRole('tooltip').getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('tooltip')).toContainText('cannot be undone');
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/Credential scimcred-\w+ deleted\./)).toBeVisible();
  await expect(page.getByText('No SCIM credentials yet.', { exact: false })).toBeVisible();
  expect((await server.scim('GET', '/Users', secret)).status).toBe(401);
});

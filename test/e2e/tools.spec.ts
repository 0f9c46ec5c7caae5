// Test Tools: fault injection shows in the header and really degrades SCIM; the demo IdP fills the directory
// with a visible progress bar.
import { expect, test } from './server-fixture';

test('fault injection: the header badge appears while SCIM is paused, and SCIM answers 503 until it is turned off', async ({ server, page }) => {
  const credential = server.cli('credential', 'create') as { CredentialSecret: string };
  server.cli('sync', 'enable');
  await page.goto(server.consoleUrl);
  await page.getByRole('menuitem', { name: 'Test Tools' }).click();
  await expect(page.getByTestId('fault-badge')).toHaveCount(0);

  await page.getByRole('switch', { name: 'Pause SCIM (every request 503)' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Fault injection updated.')).toBeVisible();
  await expect(page.getByTestId('fault-badge')).toBeVisible();
  expect((await server.scim('GET', '/Users', credential.CredentialSecret)).status).toBe(503);

  // The badge follows the admin to every page.
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await expect(page.getByTestId('fault-badge')).toBeVisible();
  await page.getByTestId('fault-badge').click();
  await page.getByRole('button', { name: 'Turn All Off' }).click();
  await expect(page.getByText('Fault injection off.')).toBeVisible();
  await expect(page.getByTestId('fault-badge')).toHaveCount(0);
  expect((await server.scim('GET', '/Users', credential.CredentialSecret)).status).toBe(200);
});

test('the demo IdP provisions users over SCIM with a progress bar, and they appear as SCIM Synchronization', async ({ server, page }) => {
  await page.goto(server.consoleUrl);
  await page.getByRole('menuitem', { name: 'Test Tools' }).click();
  await page.getByLabel('Users', { exact: true }).fill('30');
  await page.getByLabel('Groups', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('Demo IdP started.')).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(/Phase: Done/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

  await page.getByRole('menuitem', { name: 'Users' }).click();
  await expect(page.getByText('30 in total')).toBeVisible();
  await page.getByRole('combobox', { name: 'Source' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Manual' }).click();
  await expect(page.getByText('No users match.')).toBeVisible();
});

// Test Tools: fault injection shows in the header and really degrades SCIM; the demo IdP fills the directory
// with a visible progress bar.
import { expect, test } from './server-fixture';

/** A demo run provisions over real HTTP: on a loaded machine it takes a while, and its end is what is checked. */
const DEMO_RUN_TIMEOUT = 120_000;

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
  await expect(page.getByText(/Phase: Done/)).toBeVisible({ timeout: DEMO_RUN_TIMEOUT });
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

  await page.getByRole('menuitem', { name: 'Users' }).click();
  await expect(page.getByText('30 in total')).toBeVisible();
  await page.getByRole('combobox', { name: 'Source' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Manual' }).click();
  await expect(page.getByText('No users match.')).toBeVisible();
});

test('the demo IdP reports its requests and retries, and a re-run rolls back a user edited while sync was off', async ({ server, page }) => {
  await page.goto(server.consoleUrl);
  await page.getByRole('menuitem', { name: 'Test Tools' }).click();
  await page.getByLabel('Users', { exact: true }).fill('5');
  await page.getByLabel('Groups', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText(/Phase: Done/)).toBeVisible({ timeout: DEMO_RUN_TIMEOUT });
  // the same counters `idp push` prints: nothing was retried on a healthy endpoint
  await expect(page.getByTestId('demo-traffic')).toHaveText(/^\d+ requests, 0 retried \(0 throttled, 0 server errors\)$/);
  await expect(page.getByTestId('demo-rolled-back')).toHaveCount(0);

  // An administrator edits a synchronized user while sync is off.
  const users = server.cli('user', 'list') as { Items: { UserId: string; UserName: string; DisplayName: string }[] };
  const target = users.Items[0]!;
  server.cli('sync', 'disable');
  server.cli('user', 'update', target.UserId, '--display-name', 'Edited By Hand');

  // The demo's next push (it turns sync back on) writes the IdP's value back, and the panel says so.
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('demo-rolled-back')).toHaveText(/Rolled back 1 user edited while synchronization was off/, { timeout: DEMO_RUN_TIMEOUT });
  await expect(page.getByText(/Phase: Done/)).toBeVisible();
  expect((server.cli('user', 'get', target.UserId) as { DisplayName: string }).DisplayName).toBe(target.DisplayName);
});

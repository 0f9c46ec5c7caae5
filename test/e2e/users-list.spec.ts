// The Users table asks the core for one sorted, filtered page at a time.
import { expect, test } from './server-fixture';

test('Users: CloudSSO name filters, free text, Source filter and sorting', async ({ server, page }) => {
  for (const [userName, displayName] of [['amy.lin', 'Amy Lin'], ['amos.tan', 'Amos Tan'], ['bella.wu', 'Bella Wu'], ['carl.ng', 'Carl Ng']]) {
    server.cli('user', 'create', '--user-name', userName, '--display-name', displayName);
  }
  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/users'; });
  const names = page.locator('.ant-table-tbody tr.ant-table-row td:first-child a');
  await expect(page.getByText('4 in total')).toBeVisible();

  // Sorting by Username, both ways.
  await page.getByRole('columnheader', { name: 'Username' }).click();
  await expect(names).toHaveText(['amos.tan', 'amy.lin', 'bella.wu', 'carl.ng']);
  await page.getByRole('columnheader', { name: 'Username' }).click();
  await expect(names).toHaveText(['carl.ng', 'bella.wu', 'amy.lin', 'amos.tan']);

  // "Username starts with" (CloudSSO's sw) and "Username is" (eq).
  const search = page.getByRole('searchbox', { name: 'Search users' });
  await page.getByRole('combobox', { name: 'Search by' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Username starts with' }).click();
  await search.fill('am');
  await search.press('Enter');
  await expect(names).toHaveText(['amy.lin', 'amos.tan']);
  await page.getByRole('combobox', { name: 'Search by' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Username is' }).click();
  await search.fill('AMY.LIN');
  await search.press('Enter');
  await expect(names).toHaveText(['amy.lin']);

  // Free text matches display names too.
  await page.getByRole('combobox', { name: 'Search by' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Any text' }).click();
  await search.fill('Wu');
  await search.press('Enter');
  await expect(names).toHaveText(['bella.wu']);

  // Source: none of these came from SCIM.
  await search.fill('');
  await search.press('Enter');
  await page.getByRole('combobox', { name: 'Source' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'SCIM Synchronization' }).click();
  await expect(page.getByText('No users match.')).toBeVisible();
});

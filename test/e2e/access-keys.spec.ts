// Settings → AccessKeys (OpenAPI): the endpoint with its copy button, create with the secret shown once, disable,
// delete, each confirmed; the key works with Alibaba Cloud's own client, and the calls show in Activity as OpenAPI.
import RPCClient from '@alicloud/pop-core';
import { expect, test } from './server-fixture';

const listDirectories = (endpoint: string, accessKeyId: string, accessKeySecret: string) =>
  new RPCClient({ endpoint, apiVersion: '2021-05-15', accessKeyId, accessKeySecret }).request<{ TotalCounts: number }>('ListDirectories', {}).then(
    (body) => `ok ${body.TotalCounts}`,
    (e: { code?: string }) => String(e.code),
  );

test('AccessKeys: create (secret once), use, disable, delete, and the calls in Activity', async ({ server, page }) => {
  // one user journey through two pages and three CLI/SDK round trips: longer than the default minute on a busy machine
  test.setTimeout(150_000);
  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/settings/user'; });
  const section = page.getByTestId('access-keys');
  await expect(section.getByTestId('api-endpoint')).toHaveText(server.apiEndpoint);
  await expect(section.getByRole('button', { name: 'Copy OpenAPI Endpoint' })).toBeVisible();
  await expect(section.getByText('No AccessKeys yet.', { exact: false })).toBeVisible();

  await section.getByRole('button', { name: 'Create AccessKey' }).click();
  const dialog = page.getByRole('dialog', { name: 'AccessKey Created' });
  await expect(dialog).toContainText('shown only this once');
  const secret = (await dialog.getByTestId('once-secret').innerText()).trim();
  const id = (await dialog.getByTestId('created-access-key-id').innerText()).trim();
  expect(id).toMatch(/^LTAI5t[A-Za-z0-9]{18}$/);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(section).not.toContainText(secret);
  expect(await listDirectories(server.apiEndpoint, id, secret)).toBe('ok 1');

  const row = section.getByRole('row', { name: new RegExp(id) });
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByRole('tooltip')).toContainText('InvalidAccessKeyId.Inactive');
  await page.getByRole('tooltip').getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByText(`AccessKey ${id} disabled.`)).toBeVisible();
  expect(await listDirectories(server.apiEndpoint, id, secret)).toBe('InvalidAccessKeyId.Inactive');

  // A key made with the CLI appears without a reload (the change feed).
  const fromCli = server.cli('accesskey', 'create') as { AccessKeyId: string };
  await expect(section.getByRole('row', { name: new RegExp(fromCli.AccessKeyId) })).toBeVisible();
  await expect(section).toContainText('2 of 2 AccessKey pairs');

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('tooltip')).toContainText('cannot be undone');
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`AccessKey ${id} deleted.`)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await listDirectories(server.apiEndpoint, id, secret)).toBe('InvalidAccessKeyId.NotFound');

  await page.evaluate(() => { window.location.hash = '#/activity'; });
  await page.getByRole('combobox', { name: 'Source', exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: 'OpenAPI' }).click();
  const rows = page.getByTestId('activity-row');
  await expect(rows.first()).toContainText('/?Action=ListDirectories');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: '404' })).toHaveCount(1);
});

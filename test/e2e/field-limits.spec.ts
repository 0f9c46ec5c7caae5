// Over-long input is never cut silently: each field shows the core's limit as a counter and refuses at the field.
import { expect, test } from './server-fixture';

test('too-long Username, Display Name and Group Name: kept as typed, counted against the core limit, refused at the field', async ({ server, page }) => {
  await page.goto(server.consoleUrl);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Create User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create User' });

  const longName = 'a'.repeat(200);
  const userName = dialog.getByLabel('Username');
  await userName.fill(longName);
  // Nothing is cut: the field holds all 200 characters, and the counter says how far over the limit it is.
  await expect(userName).toHaveValue(longName);
  const userNameItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('Username') });
  await expect(userNameItem).toContainText('200 / 64');
  await expect(userNameItem.locator('.ant-form-item-explain-error')).toHaveText('At most 64 characters (200 entered).');

  const displayName = dialog.getByLabel('Display Name');
  await displayName.fill('D'.repeat(257));
  const displayNameItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('Display Name') });
  await expect(displayNameItem).toContainText('257 / 256');
  await expect(displayNameItem.locator('.ant-form-item-explain-error')).toHaveText('At most 256 characters (257 entered).');

  // Creating is refused at the form: no user exists afterwards.
  await dialog.getByRole('button', { name: 'Create User' }).click();
  await expect(dialog).toBeVisible();
  await expect(userNameItem.locator('.ant-form-item-explain-error')).toHaveText('At most 64 characters (200 entered).');
  expect((server.cli('user', 'list') as { TotalCount: number }).TotalCount).toBe(0);

  // Within the limit the message goes away and the user is created with exactly what was typed.
  await userName.fill('a'.repeat(64));
  await displayName.fill('Exactly As Typed');
  await expect(userNameItem).toContainText('64 / 64');
  await expect(userNameItem.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create User' }).click();
  await expect(page.getByText(`User ${'a'.repeat(64)} created.`)).toBeVisible();

  await page.getByRole('menuitem', { name: 'Groups' }).click();
  await page.getByRole('button', { name: 'Create Group' }).click();
  const groupDialog = page.getByRole('dialog', { name: 'Create Group' });
  const groupName = groupDialog.getByLabel('Group Name');
  await groupName.fill('g'.repeat(129));
  await expect(groupName).toHaveValue('g'.repeat(129));
  const groupNameItem = groupDialog.locator('.ant-form-item').filter({ has: page.getByLabel('Group Name') });
  await expect(groupNameItem).toContainText('129 / 128');
  await expect(groupNameItem.locator('.ant-form-item-explain-error')).toHaveText('At most 128 characters (129 entered).');
  await groupDialog.getByRole('button', { name: 'Create Group' }).click();
  await expect(groupDialog).toBeVisible();
  expect((server.cli('group', 'list') as { TotalCount: number }).TotalCount).toBe(0);
});

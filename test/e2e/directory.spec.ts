// Managing the directory by hand: create, edit, memberships, CloudSSO's deletion precondition, password reset
// and the Status switch, each with its feedback.
import { expect, test } from './server-fixture';

test('a manual user and group: create, join, refused deletion while a member, remove, delete', async ({ server, page }) => {
  await page.goto(server.consoleUrl);
  await page.getByRole('menuitem', { name: 'Users' }).click();

  await page.getByRole('button', { name: 'Create User' }).click();
  const createUser = page.getByRole('dialog', { name: 'Create User' });
  await createUser.getByLabel('Username').fill('chen.jing');
  await createUser.getByLabel('Display Name').fill('Chen Jing');
  await createUser.getByLabel('Email').fill('chen.jing@example.com');
  await createUser.getByRole('button', { name: 'Create User' }).click();
  await expect(page.getByText('User chen.jing created.')).toBeVisible();
  // Creating opens the new user's detail page; the username can never change.
  await expect(page.getByRole('heading', { name: /chen\.jing/ })).toBeVisible();
  await expect(page.getByText('Manual').first()).toBeVisible();
  const userId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  expect(userId).toMatch(/^u-/);

  // A bad username gets the core's reason, as a message and next to the field.
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Create User' }).click();
  await createUser.getByLabel('Username').fill('has spaces!');
  await createUser.getByRole('button', { name: 'Create User' }).click();
  await expect(page.locator('.ant-message-error')).toContainText(/UserName/i);
  await expect(createUser.locator('.ant-form-item-explain-error')).toContainText(/UserName/i);
  await createUser.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('menuitem', { name: 'Groups' }).click();
  await page.getByRole('button', { name: 'Create Group' }).click();
  const createGroup = page.getByRole('dialog', { name: 'Create Group' });
  await createGroup.getByLabel('Group Name').fill('Finance-Reviewers');
  await createGroup.getByRole('button', { name: 'Create Group' }).click();
  await expect(page.getByText('Group Finance-Reviewers created.')).toBeVisible();

  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add User to Group' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add User to Group' });
  await addDialog.getByRole('combobox').fill('chen');
  await page.locator('.ant-select-item-option', { hasText: 'chen.jing' }).click();
  // The suggestion list stays open for more picks and covers the footer; clicking the title closes it.
  await addDialog.locator('.ant-modal-title').click();
  await addDialog.getByRole('button', { name: 'Add User to Group' }).click();
  await expect(page.getByText('1 user added to Finance-Reviewers.')).toBeVisible();
  await expect(page.getByRole('row', { name: /chen\.jing/ })).toBeVisible();

  // CloudSSO refuses to delete a user who is still in a group: the console shows the core's reason.
  await page.evaluate((id) => { window.location.hash = `#/users/${id}`; }, userId);
  await page.getByRole('tab', { name: 'Joined Groups' }).click();
  await expect(page.getByRole('row', { name: /Finance-Reviewers/ })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.ant-message-error')).toContainText(/group/i);

  await page.getByRole('row', { name: /Finance-Reviewers/ }).getByRole('link').click();
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('row', { name: /chen\.jing/ }).getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('chen.jing removed from Finance-Reviewers.')).toBeVisible();
  await expect(page.getByText('No users in this group.')).toBeVisible();

  await page.evaluate((id) => { window.location.hash = `#/users/${id}`; }, userId);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('User chen.jing deleted.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('row', { name: /chen\.jing/ })).toHaveCount(0);
});

test('a locked synced user still gets Reset Password (shown once) and the Status switch', async ({ server, page }) => {
  const credential = server.cli('credential', 'create') as { CredentialSecret: string };
  server.cli('sync', 'enable');
  const created = await server.scim('POST', '/Users', credential.CredentialSecret, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'okta.user@example.com', active: true,
  });
  expect(created.status).toBe(201);
  const userId = (created.body as { id: string }).id;

  await page.goto(server.consoleUrl);
  await page.evaluate((id) => { window.location.hash = `#/users/${id}`; }, userId);
  await expect(page.getByRole('button', { name: /Edit User/ })).toBeDisabled();

  await page.getByRole('button', { name: /Reset Password/ }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Reset Password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Password Reset' });
  await expect(dialog).toContainText('shown only this once');
  expect((await dialog.getByTestId('once-secret').innerText()).trim().length).toBeGreaterThanOrEqual(8);
  await dialog.getByRole('button', { name: 'OK' }).click();

  await page.getByRole('switch', { name: 'Logon Status' }).click();
  await expect(page.getByText('User okta.user@example.com disabled.')).toBeVisible();
  const fetched = await server.scim('GET', `/Users/${userId}`, credential.CredentialSecret);
  expect((fetched.body as { active: boolean }).active).toBe(false);
});

// Someone rehearsing an IdP's retry logic reads the request fault injection failed, exactly as it was sent.
import { expect, test } from './server-fixture';

test('Activity: a PATCH failed by fault injection shows its body, credential and target, marked Injected', async ({ server, page }) => {
  const credential = server.cli('credential', 'create') as { CredentialId: string; CredentialSecret: string };
  server.cli('sync', 'enable');
  const created = await server.scim('POST', '/Users', credential.CredentialSecret, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'retry.me@example.com', active: true,
  });
  const userId = (created.body as { id: string }).id;
  server.cli('faults', 'set', '--pause');
  const failed = await server.scim('PATCH', `/Users/${userId}`, credential.CredentialSecret, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'displayName', value: 'Sent During The Outage' }],
  });
  expect(failed.status).toBe(503);

  await page.goto(server.consoleUrl);
  await page.getByRole('menuitem', { name: 'Activity' }).click();
  const row = page.getByRole('row', { name: /PATCH.*503/ });
  await expect(row).toContainText('Injected fault');
  await row.click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('activity-request-body')).toContainText('Sent During The Outage');
  await expect(drawer).toContainText('Injected fault');
  await expect(drawer).toContainText(credential.CredentialId);
  await expect(drawer.getByRole('link', { name: userId })).toBeVisible();
});

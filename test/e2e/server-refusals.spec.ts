// The core's refusals reach the console in the console's language: a Chinese-speaking administrator reads the
// name rule and the uniqueness rule in Chinese, worded from the refusal's code (the core itself speaks English).
// Also: the console's origin serves the app icon, so no page load ends in a 404 for /favicon.ico.
import { expect, test } from './server-fixture';

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('a username the core refuses gets the Chinese reason, as a message and at the field', async ({ server, page }) => {
    server.cli('user', 'create', '--user-name', 'wang.wu');
    await page.goto(server.consoleUrl);
    await page.getByRole('menuitem', { name: '用户', exact: true }).click();

    await page.getByRole('button', { name: '创建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '创建用户' });
    await dialog.getByLabel('用户名').fill('张 三');
    await dialog.getByRole('button', { name: '创建用户' }).click();
    const rule = '用户名只能包含字母、数字和字符 @ _ - .（云SSO规则）。';
    await expect(page.locator('.ant-message-error')).toContainText(rule);
    await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText(rule);
    await expect(page.locator('.ant-message-error')).not.toContainText('may contain only');

    // uniqueness: a different rule, a different code, still Chinese, with the name filled in
    await dialog.getByLabel('用户名').fill('WANG.WU');
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await expect(page.locator('.ant-message-error').last()).toContainText('用户名 WANG.WU 已存在');
  });
});

test('the console serves the app icon at /favicon.ico', async ({ server, page, request }) => {
  const notFound: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
  await page.goto(server.consoleUrl);
  await expect(page.getByRole('menuitem', { name: 'Users' })).toBeVisible();
  const origin = new URL(server.consoleUrl).origin;
  const icon = await request.get(`${origin}/favicon.ico`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/icon/);
  expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // the ICO header
  expect(notFound).toEqual([]);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLIENT_KINDS, startApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => (h = await startApiHarness()));
afterAll(async () => h?.close());

it.each(CLIENT_KINDS)('%s: ListDirectories answers', async (kind) => {
  const body = await h.client(kind)('ListDirectories');
  expect(body.Directories[0].DirectoryId).toBe(h.directoryId);
  expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
});

// The OpenAPI's parameters are untrusted keys: names such as __proto__ or constructor, signed or not, must never
// reach Object.prototype, and must never open the API to an unsigned caller.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

const HOSTILE = ['__proto__', 'constructor', 'prototype', '__proto__[Signature]', 'constructor.prototype.AccessKeyId'];

it('parameters named like prototype machinery, signed or unsigned, in the query or a form body, change nothing', async () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  // signed by Alibaba's client: the server reads them as plain names (the action ignores unknown ones)
  const signed = await h.client('V1 POST')('ListUsers', { DirectoryId: h.directoryId, ...Object.fromEntries(HOSTILE.map((k) => [k, 'polluted'])) });
  expect(signed.Users).toEqual([]);
  // unsigned, as a stranger would send them
  for (const name of HOSTILE) {
    const query = await fetch(`${h.endpoint}/?Action=ListUsers&${encodeURIComponent(name)}=x&AccessKeyId=${h.accessKeyId}`);
    expect(query.status).toBeGreaterThanOrEqual(400);
    expect(query.status).toBeLessThan(500);
    const form = await fetch(`${h.endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=ListUsers&${encodeURIComponent(name)}=x` });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect(((await form.json()) as { Code: string }).Code).toMatch(/^(MissingParameter|InvalidParameter)/);
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  expect(({} as Record<string, unknown>).Signature).toBeUndefined();
  // and the API still refuses an unsigned call
  const anonymous = await fetch(`${h.endpoint}/?Action=ListUsers`);
  expect(anonymous.status).toBe(400);
});

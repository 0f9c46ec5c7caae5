import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('SCIM server smoke', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  it('creates a user and finds it by userName in another case', async () => {
    const created = await h.scim('POST', '/Users', userBody('Smoke.User'));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const found = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq "smoke.user"'));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(created.body.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('the accelerated SCIM endpoint', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const get = async (base: string, path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${h.secret}` } });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };

  it('is null while off, answers while on with its own base in meta.location and Location, and 404s once off again', async () => {
    expect(h.server.acceleratedEndpoint()).toBeNull();
    h.server.tenant.settings.setAccelerated('Enabled');
    const acc = h.server.acceleratedEndpoint();
    expect(acc).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(acc).not.toBe(h.base);

    const created = await fetch(`${acc}/Users`, { method: 'POST', headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(userBody('accel.user')) });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(created.headers.get('location')).toBe(`${acc}/Users/${body.id}`);
    expect(body.meta.location).toBe(`${acc}/Users/${body.id}`);
    // the same directory behind both
    expect((await get(h.base, `/Users/${body.id}`)).body.meta.location).toBe(`${h.base}/Users/${body.id}`);
    expect((await get(acc!, '/ServiceProviderConfig')).body.meta.location).toBe(`${acc}/ServiceProviderConfig`);

    h.server.tenant.settings.setAccelerated('Disabled');
    expect(h.server.acceleratedEndpoint()).toBeNull();
    const off = await get(acc!, '/Users');
    expect(off.status).toBe(404);
    expect(off.type).toMatch(/^application\/scim\+json/);
    expect(off.body).toMatchObject({ status: '404', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    expect((await get(acc!, '/ServiceProviderConfig')).status).toBe(404);
    expect((await get(h.base, '/Users')).status).toBe(200);
  });

  it('exists only for cn-shanghai directories: refused elsewhere, and moving region turns it off', async () => {
    h.server.tenant.settings.setAccelerated('Enabled');
    const acc = h.server.acceleratedEndpoint()!;
    h.server.tenant.settings.updateDirectory({ Region: 'us-west-1' });
    try {
      expect(h.server.acceleratedEndpoint()).toBeNull();
      expect((await get(acc, '/Users')).status).toBe(404);
      expect(() => h.server.tenant.settings.setAccelerated('Enabled')).toThrow(/cn-shanghai/);
    } finally {
      h.server.tenant.settings.updateDirectory({ Region: 'cn-shanghai' });
    }
  });
});

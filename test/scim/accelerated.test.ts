import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('the accelerated SCIM endpoint', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const get = async (base: string, path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${h.secret}` } });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };

  /** The server follows the setting through its change feed: the listener opens or closes a moment later. */
  const acceleratedOnceOpen = () => vi.waitFor(() => h.server.acceleratedEndpoint() ?? Promise.reject(new Error('not open yet')), { timeout: 5000 });
  const refused = async (base: string) => {
    try {
      await fetch(`${base}/ServiceProviderConfig`);
      return false;
    } catch {
      return true;
    }
  };

  it('is not listening while off, answers while on with its own base in meta.location and Location, and stops listening once off again', async () => {
    expect(h.server.acceleratedEndpoint()).toBeNull();
    h.server.tenant.settings.setAccelerated('Enabled');
    const acc = await acceleratedOnceOpen();
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
    // Between the switch and the listener closing, a request still gets a SCIM 404, never the directory.
    const off = await fetch(`${acc}/Users`, { headers: { authorization: `Bearer ${h.secret}` } }).catch(() => null);
    if (off) expect(off.status).toBe(404);
    await vi.waitFor(async () => expect(await refused(acc)).toBe(true), { timeout: 5000 });
    expect((await get(h.base, '/Users')).status).toBe(200);

    // on again: the same port, so an IdP configured with the URL finds it again
    h.server.tenant.settings.setAccelerated('Enabled');
    expect(await acceleratedOnceOpen()).toBe(acc);
    h.server.tenant.settings.setAccelerated('Disabled');
    await vi.waitFor(async () => expect(await refused(acc)).toBe(true), { timeout: 5000 });
  });

  it('exists only for cn-shanghai directories: refused elsewhere, and moving region turns it off', async () => {
    h.server.tenant.settings.setAccelerated('Enabled');
    const acc = await acceleratedOnceOpen();
    h.server.tenant.settings.updateDirectory({ Region: 'us-west-1' });
    try {
      expect(h.server.acceleratedEndpoint()).toBeNull();
      await vi.waitFor(async () => expect(await refused(acc)).toBe(true), { timeout: 5000 });
      expect(() => h.server.tenant.settings.setAccelerated('Enabled')).toThrow(/cn-shanghai/);
    } finally {
      h.server.tenant.settings.updateDirectory({ Region: 'cn-shanghai' });
    }
  });
});

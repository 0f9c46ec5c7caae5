import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, userBody, type ScimHarness, TRANSPORTS } from '../support/scim-harness';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe.each(TRANSPORTS)('SCIM authentication and the sync switch — over %s', (transport) => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness({ transport })));
  afterAll(async () => h.close());

  const raw = async (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) => {
    const res = await h.fetch(`${h.base}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
  const expect401 = (res: Awaited<ReturnType<typeof raw>>) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '401' });
    expect(typeof res.body.detail).toBe('string');
  };

  it('a valid Bearer credential is accepted (scheme case-insensitive)', async () => {
    expect((await raw('/Users', { authorization: `Bearer ${h.secret}` })).status).toBe(200);
    expect((await raw('/Users', { authorization: `bearer ${h.secret}` })).status).toBe(200);
  });

  it('no Authorization header → 401 with WWW-Authenticate and a SCIM error body', async () => {
    const res = await raw('/Users');
    expect401(res);
    expect(res.body.detail).toMatch(/Bearer/);
  });

  it('a wrong scheme (Basic) → 401', async () => {
    expect401(await raw('/Users', { authorization: `Basic ${Buffer.from(`x:${h.secret}`).toString('base64')}` }));
    expect401(await raw('/Users', { authorization: h.secret }));
  });

  it('an unknown token → 401, and it changes nothing', async () => {
    const res = await raw('/Users', { authorization: 'Bearer not-a-credential-of-this-directory', 'content-type': 'application/scim+json' }, 'POST', JSON.stringify(userBody('auth.unknown')));
    expect401(res);
    expect(h.server.tenant.users.findByUserName('auth.unknown')).toBeNull();
  });

  it('every SCIM route but /ServiceProviderConfig needs the credential', async () => {
    for (const [method, path] of [['GET', '/ResourceTypes'], ['GET', '/Schemas'], ['GET', '/Groups'], ['GET', '/Users/u-aaaaaaaaaaaaaaaaaaaa'], ['DELETE', '/Groups/g-aaaaaaaaaaaaaaaaaaaa']]) {
      expect401(await raw(path!, {}, method));
    }
    expect((await raw('/ServiceProviderConfig')).status).toBe(200);
  });

  it('a disabled credential → 401; re-enabled it works again', async () => {
    const c = h.server.tenant.credentials.create();
    const auth = { authorization: `Bearer ${c.CredentialSecret}` };
    expect((await raw('/Users', auth)).status).toBe(200);
    h.server.tenant.credentials.setStatus(c.CredentialId, 'Disabled');
    const res = await raw('/Users', auth);
    expect401(res);
    expect(res.body.detail).toMatch(/disabled/i);
    h.server.tenant.credentials.setStatus(c.CredentialId, 'Enabled');
    expect((await raw('/Users', auth)).status).toBe(200);
    h.server.tenant.credentials.delete(c.CredentialId);
    expect401(await raw('/Users', auth));
  });

  it('an expired credential → 401 like a disabled one', async () => {
    const c = h.server.tenant.credentials.create();
    try {
      const auth = { authorization: `Bearer ${c.CredentialSecret}` };
      expect((await raw('/Users', auth)).status).toBe(200);
      // edited by another connection (a hand edit, another process): the server must notice on its next request
      const other = new Database(h.server.tenant.file);
      other.prepare('UPDATE credentials SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), c.CredentialId);
      other.close();
      const res = await raw('/Users', auth);
      expect401(res);
      expect(res.body.detail).toMatch(/expired/i);
    } finally {
      h.server.tenant.credentials.delete(c.CredentialId);
    }
  });

  it('sync switch off → 403 whose detail names the switch; /ServiceProviderConfig still answers; on again → 200', async () => {
    h.server.tenant.settings.setSync('Disabled');
    try {
      const res = await raw('/Users', { authorization: `Bearer ${h.secret}` });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '403' });
      expect(res.body.detail).toMatch(/SCIM synchronization/);
      expect(res.body.detail).toMatch(/switch/i);
      const write = await h.scim('POST', '/Users', userBody('auth.syncoff'));
      expect(write.status).toBe(403);
      expect(h.server.tenant.users.findByUserName('auth.syncoff')).toBeNull();
      expect((await raw('/ServiceProviderConfig')).status).toBe(200);
    } finally {
      h.server.tenant.settings.setSync('Enabled');
    }
    expect((await raw('/Users', { authorization: `Bearer ${h.secret}` })).status).toBe(200);
  });

  it('records when a credential was last used', async () => {
    const c = h.server.tenant.credentials.create();
    try {
      expect(h.server.tenant.credentials.list().find((x) => x.CredentialId === c.CredentialId)!.LastUsedTime).toBeNull();
      const before = Date.now();
      expect((await raw('/Users', { authorization: `Bearer ${c.CredentialSecret}` })).status).toBe(200);
      const used = h.server.tenant.credentials.list().find((x) => x.CredentialId === c.CredentialId)!.LastUsedTime;
      expect(Date.parse(used!)).toBeGreaterThanOrEqual(before - 1000);
    } finally {
      h.server.tenant.credentials.delete(c.CredentialId);
    }
  });

  it('stores credentials only as hashes', async () => {
    const rows = h.server.tenant.db.prepare('SELECT * FROM credentials').all();
    expect(JSON.stringify(rows)).not.toContain(h.secret);
  });
});

// Who gets in: every credential case, table-driven, each answered with the right status and a SCIM error body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ScimHarness } from '../support/scim-harness';
import { recordFigures } from '../reliability/support/scale';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface AuthCase {
  name: string;
  /** Puts the tenant in the state the case needs, and returns the Authorization header to send (undefined: none). */
  arrange: (h: ScimHarness) => string | undefined;
  status: number;
  detail?: RegExp;
}

describe('who gets in', () => {
  let h: ScimHarness;
  let passed = 0;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => {
    recordFigures('auth', { cases: CASES.length, passed });
    await h.close();
  });

  const t = (h: ScimHarness) => h.server.tenant;
  /** A second credential in a chosen state (the tenant allows two). */
  const other = (h: ScimHarness, state: (id: string) => void): string => {
    for (const c of t(h).credentials.list()) if (c.CredentialId !== h.credentialId) t(h).credentials.delete(c.CredentialId);
    const c = t(h).credentials.create();
    state(c.CredentialId);
    return `Bearer ${c.CredentialSecret}`;
  };
  const reset = (h: ScimHarness) => {
    t(h).settings.setSync('Enabled');
    t(h).credentials.setStatus(h.credentialId, 'Enabled');
  };

  const CASES: AuthCase[] = [
    { name: 'valid credential', arrange: (h) => `Bearer ${h.secret}`, status: 200 },
    { name: 'scheme in lower case', arrange: (h) => `bearer ${h.secret}`, status: 200 },
    { name: 'missing Authorization header', arrange: () => undefined, status: 401, detail: /Authentication is required/ },
    { name: 'empty Authorization header', arrange: () => '', status: 401, detail: /Bearer scheme/ },
    { name: 'wrong scheme (Basic)', arrange: (h) => `Basic ${Buffer.from(`x:${h.secret}`).toString('base64')}`, status: 401, detail: /Bearer scheme/ },
    { name: 'wrong scheme (Token)', arrange: (h) => `Token ${h.secret}`, status: 401, detail: /Bearer scheme/ },
    { name: 'malformed: Bearer with no token', arrange: () => 'Bearer', status: 401, detail: /Bearer scheme/ },
    { name: 'malformed: Bearer with two tokens', arrange: (h) => `Bearer ${h.secret} ${h.secret}`, status: 401, detail: /Bearer scheme/ },
    { name: 'malformed: the secret alone', arrange: (h) => h.secret, status: 401, detail: /Bearer scheme/ },
    { name: 'unknown secret', arrange: () => `Bearer ${'A'.repeat(48)}`, status: 401, detail: /not a SCIM credential/ },
    { name: 'a secret one character short', arrange: (h) => `Bearer ${h.secret.slice(0, -1)}`, status: 401, detail: /not a SCIM credential/ },
    { name: 'the secret hash instead of the secret', arrange: (h) => `Bearer ${(t(h).db.prepare('SELECT secret_hash FROM credentials WHERE id = ?').pluck().get(h.credentialId) as string)}`, status: 401, detail: /not a SCIM credential/ },
    { name: 'the credential id instead of the secret', arrange: (h) => `Bearer ${h.credentialId}`, status: 401, detail: /not a SCIM credential/ },
    { name: 'disabled credential', arrange: (h) => other(h, (id) => t(h).credentials.setStatus(id, 'Disabled')), status: 401, detail: /disabled/ },
    {
      name: 'expired credential',
      arrange: (h) => other(h, (id) => t(h).db.prepare('UPDATE credentials SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), id)),
      status: 401,
      detail: /expired/,
    },
    {
      name: 'deleted credential',
      arrange: (h) => other(h, (id) => t(h).credentials.delete(id)),
      status: 401,
      detail: /not a SCIM credential/,
    },
    {
      name: 're-enabled credential',
      arrange: (h) => other(h, (id) => (t(h).credentials.setStatus(id, 'Disabled'), t(h).credentials.setStatus(id, 'Enabled'))),
      status: 200,
    },
    { name: 'valid credential while the sync switch is off', arrange: (h) => (t(h).settings.setSync('Disabled'), `Bearer ${h.secret}`), status: 403, detail: /synchronization is disabled/ },
    { name: 'unknown secret while the sync switch is off (401 before 403)', arrange: (h) => (t(h).settings.setSync('Disabled'), 'Bearer nope'), status: 401, detail: /not a SCIM credential/ },
    { name: 'valid credential after the switch is back on', arrange: (h) => `Bearer ${h.secret}`, status: 200 },
  ];

  it.each(CASES)('$name → $status', async (c) => {
    reset(h);
    const authorization = c.arrange(h);
    for (const path of ['/Users?count=1', '/Groups?count=1']) {
      const res = await fetch(`${h.base}${path}`, { headers: authorization === undefined ? {} : { authorization } });
      const body = await res.json();
      expect(res.status, path).toBe(c.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      if (c.status >= 400) {
        expect(body).toMatchObject({ schemas: [ERROR], status: String(c.status) });
        expect(body.detail).toMatch(c.detail!);
        if (c.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      } else expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    }
    // A refused request never changes the directory.
    if (c.status >= 400) {
      const before = t(h).statistics().UserCount;
      const post = await fetch(`${h.base}/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json', ...(authorization === undefined ? {} : { authorization }) }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `intruder${Math.random().toString(36).slice(2, 8)}` }) });
      expect(post.status).toBe(c.status);
      expect(t(h).statistics().UserCount).toBe(before);
    }
    passed++;
  });

  it('ServiceProviderConfig answers without a credential, as in CloudSSO; /Schemas does not', async () => {
    reset(h);
    expect((await fetch(`${h.base}/ServiceProviderConfig`)).status).toBe(200);
    expect((await fetch(`${h.base}/Schemas`)).status).toBe(401);
  });
});

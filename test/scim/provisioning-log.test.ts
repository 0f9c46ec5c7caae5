import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../src-main/core/settings/fault-settings';
import { ACTIVITY_RETENTION, RESPONSE_BODY_LIMIT } from '../../src-main/core/activity/activity-log';
import { Tenant } from '../../src-main/core/tenant';
import { patch, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('the provisioning log', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const UA = 'Azure Active Directory SCIM Client (test)';
  const latest = () => {
    h.server.tenant.activity.flush();
    const [entry] = h.server.tenant.activity.list({ Limit: 1 });
    return h.server.tenant.activity.get(entry!.Seq)!;
  };

  it('records a create with time, credential, user-agent, method, path, status, duration, object and outcome', async () => {
    const before = Date.now();
    const res = await h.scim('POST', '/Users', userBody('log.create'), { 'user-agent': UA });
    const e = latest();
    expect(e).toMatchObject({ CredentialId: h.credentialId, UserAgent: UA, Method: 'POST', Path: '/scim/v2/Users', Status: 201, ResourceType: 'User', ResourceIds: [res.body.id], Injected: false });
    expect(Date.parse(e.Time)).toBeGreaterThanOrEqual(before - 1000);
    expect(e.DurationMs).toBeGreaterThan(0);
    expect(e.Outcome).toMatch(/created user log\.create/);
    expect(JSON.parse(e.RequestBody!).userName).toBe('log.create');
    expect(JSON.parse(e.ResponseBody!).id).toBe(res.body.id);
  });

  it('records the query string and every method (GET list, PATCH, DELETE)', async () => {
    const u = (await h.scim('POST', '/Users', userBody('log.methods'))).body;
    await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq "log.methods"'));
    expect(latest()).toMatchObject({ Method: 'GET', Status: 200, Path: `/scim/v2/Users?filter=${encodeURIComponent('userName eq "log.methods"')}` });
    await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'title', value: 'T' }));
    expect(latest()).toMatchObject({ Method: 'PATCH', Status: 200, ResourceIds: [u.id] });
    await h.scim('DELETE', `/Users/${u.id}`);
    const del = latest();
    expect(del).toMatchObject({ Method: 'DELETE', Status: 204, ResourceIds: [u.id] });
    expect(del.Outcome).toMatch(/deleted/);
  });

  it('keeps a long answer cut to its beginning, marked with how much was left out; a request body whole', async () => {
    const title = 'x'.repeat(3000);
    for (let i = 0; i < 5; i++) await h.scim('POST', '/Users', { ...userBody(`log.long.${i}`), title });
    expect(JSON.parse(latest().RequestBody!).title).toBe(title);
    const res = await h.scim('GET', `/Users?count=5&filter=${encodeURIComponent('userName sw "log.long."')}`);
    const full = JSON.stringify(res.body);
    expect(full.length).toBeGreaterThan(RESPONSE_BODY_LIMIT * 3);
    const kept = latest().ResponseBody!;
    expect(kept.startsWith(full.slice(0, 200))).toBe(true);
    const marker = /… \[truncated (\d+) characters\]$/.exec(kept);
    expect(marker).not.toBeNull();
    expect(kept.length - marker![0].length).toBe(RESPONSE_BODY_LIMIT);
    expect(Number(marker![1])).toBe(full.length - RESPONSE_BODY_LIMIT);
  });

  it('records group membership changes with a readable outcome', async () => {
    const u = (await h.scim('POST', '/Users', userBody('log.member'))).body;
    const g = (await h.scim('POST', '/Groups', { displayName: 'log-group' })).body;
    await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: u.id }] }));
    const e = latest();
    expect(e).toMatchObject({ Method: 'PATCH', Status: 204, ResourceType: 'Group', ResourceIds: [g.id] });
    expect(e.Outcome).toMatch(/\+1/);
  });

  it('records an injected failure like a real one: body, credential and target, marked Injected', async () => {
    const u = (await h.scim('POST', '/Users', userBody('log.injected'))).body;
    h.server.tenant.faults.set({ Paused: true });
    try {
      const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'displayName', value: 'Retried Later' }));
      expect(res.status).toBe(503);
      const e = latest();
      expect(e).toMatchObject({ Method: 'PATCH', Status: 503, Injected: true, CredentialId: h.credentialId, ResourceType: 'User', ResourceIds: [u.id] });
      expect(JSON.parse(e.RequestBody!).Operations[0].value).toBe('Retried Later');
      expect(e.Outcome).toMatch(/Injected fault/);
      // a path no route serves is still paused, and still logged as injected
      expect((await h.scim('GET', '/Nowhere')).status).toBe(503);
      expect(latest()).toMatchObject({ Status: 503, Injected: true, CredentialId: h.credentialId });
    } finally {
      h.server.tenant.faults.set({ ...NO_FAULTS });
    }
    expect((await h.scim('GET', `/Users/${u.id}`)).body.displayName).not.toBe('Retried Later');
  });

  it('records failures with the error detail as the outcome', async () => {
    await h.scim('POST', '/Users', userBody('bad name'));
    const e = latest();
    expect(e.Status).toBe(400);
    expect(e.Outcome).toMatch(/invalidValue/);
    expect(JSON.parse(e.ResponseBody!).scimType).toBe('invalidValue');
    expect(h.server.tenant.activity.list({ StatusClass: 'error', Limit: 5 }).some((x) => x.Seq === e.Seq)).toBe(true);
  });

  it('records refused requests: unknown token without a credential id, a disabled credential with its id', async () => {
    await fetch(`${h.base}/Users`, { headers: { authorization: 'Bearer nope', 'user-agent': 'probe' } });
    expect(latest()).toMatchObject({ Status: 401, CredentialId: null, UserAgent: 'probe' });
    const c = h.server.tenant.credentials.create();
    h.server.tenant.credentials.setStatus(c.CredentialId, 'Disabled');
    await fetch(`${h.base}/Users`, { headers: { authorization: `Bearer ${c.CredentialSecret}` } });
    expect(latest()).toMatchObject({ Status: 401, CredentialId: c.CredentialId });
    h.server.tenant.credentials.delete(c.CredentialId);
  });

  it('never keeps a password in clear: POST, PUT, PATCH with a path, PATCH with a value object', async () => {
    const secrets = ['Post-Secret-1!', 'Put-Secret-2!', 'PatchPath-Secret-3!', 'PatchValue-Secret-4!', 'PatchUpper-Secret-5!', 'PatchUrn-Secret-6!'];
    const u = (await h.scim('POST', '/Users', userBody('log.pw', { password: secrets[0] }))).body;
    await h.scim('PUT', `/Users/${u.id}`, userBody('log.pw', { password: secrets[1] }));
    await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'password', value: secrets[2] }));
    await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', value: { password: secrets[3] } }));
    await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Replace', path: 'PASSWORD', value: secrets[4] }));
    await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', value: { 'urn:ietf:params:scim:schemas:core:2.0:User:password': secrets[5] } }));
    h.server.tenant.activity.flush();
    const dump = JSON.stringify(h.server.tenant.db.prepare('SELECT request_body, response_body FROM activity').all());
    for (const s of secrets) expect(dump.includes(s), `${s} is in the log`).toBe(false);
    const entries = h.server.tenant.activity.list({ Limit: 6 }).map((e) => h.server.tenant.activity.get(e.Seq)!);
    expect(entries.every((e) => e.Status === 200 || e.Status === 201)).toBe(true);
    expect(entries.every((e) => (e.RequestBody ?? '').includes('redacted'))).toBe(true);
  });

  it('never keeps the bearer secret', async () => {
    h.server.tenant.activity.flush();
    const dump = JSON.stringify(h.server.tenant.db.prepare('SELECT * FROM activity').all());
    expect(dump).not.toContain(h.secret);
  });

  it('has a retention bound: old entries are pruned so the file cannot grow without limit', () => {
    expect(ACTIVITY_RETENTION).toBeGreaterThan(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-log-'));
    const t = Tenant.open(path.join(dir, 't.sqlite'));
    try {
      const total = ACTIVITY_RETENTION + 6_000;
      for (let i = 0; i < total; i++) {
        t.activity.record({ at: new Date().toISOString(), credentialId: 'scimcred-test', userAgent: null, method: 'GET', path: `/scim/v2/Users?i=${i}`, status: 200, durationMs: 1, resourceType: 'User', resourceIds: [], outcome: '200 OK', requestBody: null, responseBody: null, injected: false });
      }
      t.activity.flush();
      const { n, min } = t.db.prepare('SELECT count(*) AS n, min(seq) AS min FROM activity').get() as { n: number; min: number };
      // exactly the newest ACTIVITY_RETENTION, after every flush (pruning only every 20th flush once let 22,245 pile up)
      expect(n).toBe(ACTIVITY_RETENTION);
      expect(min).toBe(total - ACTIVITY_RETENTION + 1);
      expect(t.activity.list({ Limit: 1 })[0]!.Path).toBe(`/scim/v2/Users?i=${total - 1}`);
    } finally {
      t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

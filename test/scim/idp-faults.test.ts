// Fault injection, as an administrator testing an IdP's retry behaviour uses it: each fault is switched on the
// way the CLI does it (through the tenant file, while the server runs) and observed over HTTP and in the log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../../src-main/core/tenant';
import { NO_FAULTS } from '../../src-main/core/settings/fault-settings';
import type { FaultSettings } from '../../src-main/core/types';
import { ScimClient } from '../../src-main/idp/scim-client';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('fault injection on the SCIM endpoint', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());
  afterEach(() => void h.server.tenant.faults.set({ ...NO_FAULTS }));

  /** What `cloudsso-local faults set --data <file>` does: open the tenant file separately, write, close. */
  const setFromCli = (change: Partial<FaultSettings>) => {
    const other = Tenant.open(h.dataFile);
    try {
      return other.faults.set(change);
    } finally {
      other.close();
    }
  };

  const logFor = (path: string) => {
    h.server.tenant.activity.flush();
    return h.server.tenant.activity.list({ Limit: 50 }).filter((e) => e.Path === path);
  };

  it('is off by default: nothing injected, nothing delayed, nothing marked', async () => {
    expect(h.server.tenant.faults.get()).toEqual(NO_FAULTS);
    const res = await h.scim('GET', '/Users?count=1&startIndex=1');
    expect(res.status).toBe(200);
    expect(logFor('/scim/v2/Users?count=1&startIndex=1')[0]).toMatchObject({ Status: 200, Injected: false });
  });

  it('adds the configured latency to every answer, and the answer is still the real one', async () => {
    setFromCli({ LatencyMs: 400 });
    for (const path of ['/Users?count=1', '/Groups?count=1']) {
      const t1 = performance.now();
      const res = await h.scim('GET', path);
      expect(performance.now() - t1).toBeGreaterThanOrEqual(390);
      expect(res.status).toBe(200);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    }
    // a delayed answer is a real answer: not marked Injected
    expect(logFor('/scim/v2/Groups?count=1')[0]).toMatchObject({ Status: 200, Injected: false });
    expect(logFor('/scim/v2/Groups?count=1')[0]!.DurationMs).toBeGreaterThanOrEqual(390);
  });

  it('ThrottleRate 1 answers every request 429 with Retry-After and a SCIM error body, marked Injected', async () => {
    setFromCli({ ThrottleRate: 1, RetryAfterSeconds: 7 });
    const res = await h.scim('POST', '/Users', userBody('throttled.user'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(res.body.detail).toMatch(/Injected fault/);
    // nothing reached the directory
    expect(h.server.tenant.users.list({ UserNameEq: 'throttled.user' }).TotalCount).toBe(0);
    expect(logFor('/scim/v2/Users')[0]).toMatchObject({ Method: 'POST', Status: 429, Injected: true });
  });

  it('ServerErrorRate 1 answers 500 or 503, marked Injected', async () => {
    setFromCli({ ServerErrorRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const res = await h.scim('GET', `/Groups?count=${i + 1}`);
      expect([500, 503]).toContain(res.status);
      expect(res.body.status).toBe(String(res.status));
      statuses.add(res.status);
      expect(logFor(`/scim/v2/Groups?count=${i + 1}`)[0]).toMatchObject({ Status: res.status, Injected: true });
    }
    // with a fair coin, twenty tosses give both answers except about once in 500,000 runs
    expect(statuses.size).toBe(2);
  });

  it('paused answers 503 with Retry-After, even without a credential, until resumed', async () => {
    setFromCli({ Paused: true, RetryAfterSeconds: 2 });
    const res = await h.scim('GET', '/Users');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body.detail).toMatch(/paused/);
    expect((await fetch(`${h.base}/ServiceProviderConfig`)).status).toBe(503);
    setFromCli({ Paused: false });
    expect((await h.scim('GET', '/Users')).status).toBe(200);
  });

  it('a real (not injected) error stays unmarked while faults are on', async () => {
    setFromCli({ LatencyMs: 1 });
    const res = await h.scim('GET', '/Users/u-nosuchuser000000000');
    expect(res.status).toBe(404);
    expect(logFor('/scim/v2/Users/u-nosuchuser000000000')[0]).toMatchObject({ Status: 404, Injected: false });
  });

  it("the demo IdP's client waits out a 429's Retry-After and gets through once throttling stops", async () => {
    setFromCli({ ThrottleRate: 1, RetryAfterSeconds: 1 });
    const client = new ScimClient({ endpoint: h.base, token: h.secret, maxRetries: 5 });
    // the administrator turns throttling off while the client waits
    const stop = setTimeout(() => setFromCli({ ThrottleRate: 0 }), 300);
    const started = Date.now();
    const res = await client.request('POST', '/Users', userBody('retried.user'));
    clearTimeout(stop);
    expect(res.status).toBe(201);
    expect(res.retries).toBeGreaterThanOrEqual(1);
    expect(client.stats.throttled).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.server.tenant.users.list({ UserNameEq: 'retried.user' }).TotalCount).toBe(1);
    const log = logFor('/scim/v2/Users').filter((e) => e.Method === 'POST');
    expect(log.some((e) => e.Status === 429 && e.Injected)).toBe(true);
    expect(log.some((e) => e.Status === 201 && !e.Injected)).toBe(true);
  });

  it('the client retries through injected 5xx answers with backoff', async () => {
    setFromCli({ ServerErrorRate: 1 });
    const client = new ScimClient({ endpoint: h.base, token: h.secret, maxRetries: 8, backoffMs: 50, maxBackoffMs: 200 });
    const stop = setTimeout(() => setFromCli({ ServerErrorRate: 0 }), 150);
    const res = await client.request('GET', '/Users?count=1');
    clearTimeout(stop);
    expect(res.status).toBe(200);
    expect(client.stats.serverErrors).toBeGreaterThanOrEqual(1);
  });
});

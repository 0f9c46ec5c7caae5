import { describe, expect, it } from 'vitest';
import { CancelledError, retryAfterMs, ScimClient, ScimRequestError } from '../../../src-main/idp/scim-client';

type Step = { status: number; headers?: Record<string, string>; body?: unknown } | 'network';

/** A fetch that answers from a script and records what it was asked, with a measurable in-flight count. */
function scriptedFetch(steps: Step[], holdMs = 0) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: string | undefined }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: String(init.method), headers: init.headers as Record<string, string>, body: init.body as string | undefined });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
      const step = steps.length > 1 ? steps.shift()! : steps[0]!;
      if (step === 'network') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return new Response(step.body === undefined ? null : JSON.stringify(step.body), { status: step.status, headers: step.headers });
    } finally {
      inFlight--;
    }
  }) as unknown as typeof fetch;
  return { fetchImpl, calls, maxInFlight: () => maxInFlight };
}

const recordSleeps = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe('demo IdP SCIM client', () => {
  it('sends the bearer token, SCIM content type and JSON body to the endpoint', async () => {
    const f = scriptedFetch([{ status: 201, body: { id: 'u-1' } }]);
    const client = new ScimClient({ endpoint: 'http://127.0.0.1:1/scim/v2/', token: 'sekret', fetch: f.fetchImpl });
    const res = await client.request('POST', '/Users', { userName: 'a' });
    expect(res).toEqual({ status: 201, body: { id: 'u-1' }, retries: 0 });
    expect(f.calls[0]!.url).toBe('http://127.0.0.1:1/scim/v2/Users');
    expect(f.calls[0]!.headers).toMatchObject({ authorization: 'Bearer sekret', 'content-type': 'application/scim+json' });
    expect(JSON.parse(f.calls[0]!.body!)).toEqual({ userName: 'a' });
  });

  it('waits Retry-After on 429 and then succeeds', async () => {
    const f = scriptedFetch([{ status: 429, headers: { 'retry-after': '3' } }, { status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: {} }]);
    const s = recordSleeps();
    const client = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: f.fetchImpl, sleep: s.sleep });
    const res = await client.request('GET', '/Users');
    expect(res.status).toBe(200);
    expect(res.retries).toBe(2);
    expect(s.waits).toEqual([3000, 1000]);
    expect(client.stats).toMatchObject({ requests: 3, retries: 2, throttled: 2 });
  });

  it('backs off exponentially on 5xx and network errors, and gives up after maxRetries', async () => {
    const f = scriptedFetch([{ status: 500 }, 'network', { status: 503 }, { status: 502 }]);
    const s = recordSleeps();
    const client = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: f.fetchImpl, sleep: s.sleep, maxRetries: 3, backoffMs: 100 });
    const err = await client.request('GET', '/Users').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScimRequestError);
    expect((err as ScimRequestError).status).toBe(502);
    expect(f.calls).toHaveLength(4);
    // each wait lies in [ceiling/2, ceiling], the ceiling doubling from 100 ms
    expect(s.waits).toHaveLength(3);
    s.waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual((100 * 2 ** i) / 2);
      expect(w).toBeLessThanOrEqual(100 * 2 ** i);
    });
    expect(client.stats).toMatchObject({ serverErrors: 3, networkErrors: 1 });
  });

  it('returns 4xx answers to the caller without retrying them', async () => {
    const f = scriptedFetch([{ status: 409, body: { detail: 'taken' } }]);
    const client = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: f.fetchImpl });
    expect(await client.request('POST', '/Users', {})).toMatchObject({ status: 409, body: { detail: 'taken' }, retries: 0 });
    expect(f.calls).toHaveLength(1);
  });

  it('never has more requests in flight than its concurrency', async () => {
    const f = scriptedFetch([{ status: 200, body: {} }], 15);
    const client = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: f.fetchImpl, concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, () => client.request('GET', '/Users')));
    expect(f.calls).toHaveLength(20);
    expect(f.maxInFlight()).toBe(3);
  });

  it('stops on cancel, during a Retry-After wait as well', async () => {
    const abort = new AbortController();
    const f = scriptedFetch([{ status: 429, headers: { 'retry-after': '30' } }]);
    const client = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: f.fetchImpl, signal: abort.signal });
    const pending = client.request('GET', '/Users');
    setTimeout(() => abort.abort(), 30);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(client.request('GET', '/Users')).rejects.toBeInstanceOf(CancelledError);
  });

  it('lets a request already in flight finish after cancel, within the grace period, and cuts off slower ones', async () => {
    const abort = new AbortController();
    const slowFetch = (holdMs: number) =>
      (async (_url: string, init: RequestInit) => {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, holdMs);
          init.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new DOMException('aborted', 'AbortError'))));
        });
        return new Response('{}', { status: 201 });
      }) as unknown as typeof fetch;
    const finishing = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: slowFetch(80), signal: abort.signal, cancelGraceMs: 500 });
    const pending = finishing.request('POST', '/Users', {});
    setTimeout(() => abort.abort(), 20);
    expect((await pending).status).toBe(201);

    const abort2 = new AbortController();
    const stuck = new ScimClient({ endpoint: 'http://x/scim/v2', token: 't', fetch: slowFetch(10_000), signal: abort2.signal, cancelGraceMs: 100 });
    const started = Date.now();
    const cut = stuck.request('POST', '/Users', {});
    setTimeout(() => abort2.abort(), 20);
    await expect(cut).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});

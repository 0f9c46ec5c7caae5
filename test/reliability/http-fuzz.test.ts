// The HTTP fuzzer against `serve` in its own process: no 5xx, no crash, SCIM error bodies, and afterwards the
// server answers normally and the tenant passes its integrity check.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchCase, isScimError, rawCase, sendRaw, type FetchCase, type FuzzCase, type FuzzContext, type RawCase } from './support/fuzz';
import { recordFigures, SCALE } from './support/scale';
import { GROUP_SCHEMA, scimClient, userDoc } from './support/scim-client';
import { cli, startServe, tempDir, type ServeProcess } from './support/serve-process';
import { integrityOf, prepareTenant } from './support/tenant-setup';
import { rng } from './support/rng';

const CONCURRENCY = 6;
const MAX_BODY_BYTES = 1024 * 1024;

function asRaw(c: FetchCase, host: string): RawCase {
  const body = Buffer.from(c.body!);
  const headers = Object.entries({ ...c.headers, 'content-length': String(body.length), connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return { kind: 'raw', label: `${c.label} (oversized body)`, chunks: [Buffer.concat([Buffer.from(`${c.method} /scim/v2${c.path} HTTP/1.1\r\nHost: ${host}\r\n${headers}\r\n`, 'latin1'), body])], pauseMs: 0, halfClose: false };
}

describe('HTTP fuzzer', () => {
  const dir = tempDir();
  let server: ServeProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${SCALE.fuzzRequests} malformed requests without a 5xx or a crash, then serves normally`, async () => {
    const { dataFile, secret } = prepareTenant(dir);
    expect(cli(['accelerated', 'enable', '--data', dataFile]).status).toBe(0);
    server = await startServe(dataFile);
    const base = server.info.scimEndpoint;
    // One request in ten goes to the accelerated endpoint: the same SCIM app in its other mode.
    const accelerated = server.info.acceleratedEndpoint;
    expect(accelerated).toBeTruthy();
    const { host, port } = new URL(base);
    const call = scimClient(base, secret);
    const ctx: FuzzContext = { secret, userIds: [], groupIds: [] };
    for (let i = 0; i < 8; i++) {
      const u = await call('POST', '/Users', userDoc(`seed.user${i}`));
      expect(u.status, u.text).toBe(201);
      ctx.userIds.push(u.body.id);
    }
    for (let i = 0; i < 3; i++) {
      const g = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `seed-group-${i}`, members: ctx.userIds.slice(0, i + 1).map((value) => ({ value })) });
      expect(g.status, g.text).toBe(201);
      ctx.groupIds.push(g.body.id);
    }

    const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
    const random = rng(seed);
    const statusCounts = new Map<string, number>();
    const serverErrors: string[] = [];
    const nonScimErrors: string[] = [];
    let sent = 0;
    let rawSent = 0;
    let clientRefused = 0;
    let resetRetries = 0;
    let oversized = 0;
    // Generated one at a time (some cases are megabytes), in one deterministic order for the seed.
    let next = 0;
    const worker = async () => {
      while (next < SCALE.fuzzRequests) {
        next++;
        let c: FuzzCase = random() < 0.08 ? rawCase(random, ctx, host) : fetchCase(random, ctx);
        if (c.kind === 'fetch' && c.body !== undefined && Buffer.byteLength(c.body) > MAX_BODY_BYTES) {
          // Over the body limit the server answers 413 and closes at once (fastify: the client may keep sending);
          // fetch writes the whole body before it reads, so it would only see EPIPE. A raw socket reads the 413.
          c = asRaw(c, host);
          oversized++;
        }
        if (c.kind === 'raw') {
          const reply = await sendRaw(Number(port), c);
          sent++;
          rawSent++;
          for (const s of reply.statuses) {
            statusCounts.set(`${Math.floor(s / 100)}xx`, (statusCounts.get(`${Math.floor(s / 100)}xx`) ?? 0) + 1);
            if (s >= 500) serverErrors.push(`raw ${c.label} → ${s}: ${reply.text.slice(0, 300)}`);
          }
          // Every error the server wrote on the socket carries a SCIM error body.
          for (const m of reply.text.matchAll(/^HTTP\/1\.[01] ([45]\d\d)[^\r]*\r\n(?:[^\r]+\r\n)*\r\n(\{[^\r]*?\})(?=HTTP\/|$)/gm)) {
            if (!isScimError(m[2]!, Number(m[1]))) nonScimErrors.push(`raw ${c.label} → ${m[1]}: ${m[2]!.slice(0, 200)}`);
          }
          continue;
        }
        let res: Response;
        const t0 = Date.now();
        const target = random() < 0.1 ? accelerated! : base;
        const send = () => fetch(`${target}${c.path}`, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, signal: AbortSignal.timeout(20_000) });
        try {
          try {
            res = await send();
          } catch (e) {
            // A pooled keep-alive socket the server had just closed after an earlier error answer: a client retries
            // on a new connection. Counted, and a second failure is reported.
            if (!/EPIPE|ECONNRESET|UND_ERR_SOCKET/.test(String((e as { cause?: { code?: string } }).cause?.code))) throw e;
            resetRetries++;
            res = await send();
          }
        } catch (e) {
          const cause = (e as { cause?: { code?: string } }).cause;
          // fetch itself refuses some shapes (a Content-Length that does not match); nothing reached the server.
          if (e instanceof TypeError && !cause?.code) {
            clientRefused++;
            if (process.env.FUZZ_DEBUG) console.log('refused', c.label, (e as Error).message);
            continue;
          }
          serverErrors.push(`${c.label}: no answer (${(e as Error).message} ${cause?.code ?? ''}) ${JSON.stringify(c.headers).slice(0, 150)} body ${typeof c.body === "string" ? c.body.length + " " + c.body.slice(0, 80) : c.body?.length}`);
          continue;
        }
        sent++;
        const text = await res.text();
        if (process.env.FUZZ_DEBUG && Date.now() - t0 > 1000) console.log('slow', Date.now() - t0, c.label, JSON.stringify(c.headers).slice(0, 200), String(c.body ?? '').length);
        statusCounts.set(`${Math.floor(res.status / 100)}xx`, (statusCounts.get(`${Math.floor(res.status / 100)}xx`) ?? 0) + 1);
        if (res.status >= 500) serverErrors.push(`${c.label} → ${res.status}: ${text.slice(0, 300)}`);
        else if (res.status >= 400 && c.method !== 'HEAD' && !isScimError(text, res.status)) nonScimErrors.push(`${c.label} → ${res.status}: ${text.slice(0, 200)}`);
        if (res.status === 201 && c.path.startsWith('/Users') && ctx.userIds.length < 50) ctx.userIds.push(JSON.parse(text).id);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    if (process.env.FUZZ_DEBUG) console.log([...serverErrors.slice(0, 15), ...nonScimErrors.slice(0, 30)].join('\n'));
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const internal = server.stderr().split('\n').filter((l) => /internal error|uncaught|unhandled/i.test(l));
    const fiveXX = statusCounts.get('5xx') ?? 0;
    recordFigures('fuzz', { requests: sent, raw: rawSent, fiveXX, serverErrors: serverErrors.length, nonScimErrorBodies: nonScimErrors.length, resetRetries, oversizedBodies: oversized, crashed: alive ? 0 : 1, statuses: JSON.stringify(Object.fromEntries(statusCounts)), seed });

    expect(alive, `seed ${seed}: the server died. stderr: ${server.stderr().slice(-2000)}`).toBe(true);
    expect(serverErrors.slice(0, 20), `seed ${seed}`).toEqual([]);
    expect(internal.slice(0, 10), `seed ${seed}`).toEqual([]);
    expect(nonScimErrors.slice(0, 20), `seed ${seed}`).toEqual([]);
    expect(sent + clientRefused).toBe(SCALE.fuzzRequests);
    expect(sent).toBeGreaterThanOrEqual(SCALE.fuzzRequests * 0.95);

    // Afterwards: the server answers normally, and still refuses callers without a credential.
    expect((await call('GET', '/ServiceProviderConfig')).status).toBe(200);
    expect((await fetch(`${base}/Users`)).status).toBe(401);
    expect((await fetch(`${base}/Groups/${ctx.groupIds[0]}`, { method: 'DELETE' })).status).toBe(401);
    const after = await call('POST', '/Users', userDoc('after.fuzz', { displayName: 'After Fuzz' }));
    expect(after.status, after.text).toBe(201);
    const back = await call('GET', `/Users/${after.body.id}`);
    expect(back.body.displayName).toBe('After Fuzz');
    const list = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "after.fuzz"')}`);
    expect(list.body.totalResults).toBe(1);

    // And a clean stop leaves a tenant that passes its integrity check.
    const exit = await server.kill('SIGTERM');
    server = null;
    expect(exit.code).toBe(0);
    expect(integrityOf(dataFile)).toBe('ok');
    recordFigures('fuzz-after', { integrityChecks: 1 });
  });
});

// Anonymous requests cannot fill the tenant file or push the real provisioning log out: the credential is checked
// before the body is read (a 401 never stores the body), and the log is bounded in rows, in bytes, and in how many
// entries without a credential it keeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityLog, ENTRY_TEXT_BYTES_SQL, type ActivityRecord } from '../../src-main/core/activity/activity-log';
import { ROW_OVERHEAD_BYTES, type ActivityLimits } from '../../src-main/core/activity/retention';
import { openDatabase, type SqliteDatabase } from '../../src-main/core/store/open-database';
import { recordFigures, SCALE } from '../reliability/support/scale';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

const FLOOD_REQUESTS = SCALE.logFloodRequests;
const FLOOD_BODY_BYTES = 900 * 1024;
const FLOOD_PARALLEL = 6;
/** What the anonymous requests may add to the tenant (file + WAL): their small entries and page churn, no bodies. */
const FLOOD_GROWTH_LIMIT = 1024 * 1024;

const tenantBytes = (dataFile: string) => [dataFile, `${dataFile}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);

describe('an anonymous flood', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  it(`${FLOOD_REQUESTS} anonymous ${FLOOD_BODY_BYTES / 1024} KB POSTs: all 401, bodies never stored, the tenant barely grows, real entries stay`, async () => {
    for (let i = 0; i < 5; i++) expect((await h.scim('POST', '/Users', userBody(`flood.real${i}`))).status).toBe(201);
    const log = h.server.tenant.activity;
    log.flush();
    const realSeqs = log.list({ Limit: 5 }).map((e) => e.Seq);
    h.server.tenant.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = tenantBytes(h.dataFile);

    // a syntactically valid SCIM user, padded: the old code parsed it and kept 64 KB of it per request
    const body = JSON.stringify(userBody('flood.anon', { title: 'x'.repeat(FLOOD_BODY_BYTES - 400) }));
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: FLOOD_PARALLEL }, async () => {
        while (sent < FLOOD_REQUESTS) {
          sent++;
          const res = await fetch(`${h.base}/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json', ...(sent % 2 ? { authorization: 'Bearer not-a-credential' } : {}) }, body });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    log.flush();
    const growth = tenantBytes(h.dataFile) - before;
    recordFigures('log-flood', { requests: sent, bodyKiB: FLOOD_BODY_BYTES / 1024, tenantGrowthKiB: Math.round(growth / 1024), realEntries: realSeqs.length, realEntriesKept: realSeqs.filter((s) => log.get(s) !== null).length, ms: Date.now() - started });

    expect(Object.fromEntries(statuses)).toEqual({ 401: FLOOD_REQUESTS });
    const anonymous = h.server.tenant.db.prepare("SELECT count(*) AS n, count(request_body) AS withBody FROM activity WHERE credential_id IS NULL AND path = '/scim/v2/Users'").get() as { n: number; withBody: number };
    expect(anonymous).toEqual({ n: FLOOD_REQUESTS, withBody: 0 });
    expect(growth).toBeLessThan(FLOOD_GROWTH_LIMIT);
    for (const seq of realSeqs) expect(log.get(seq)?.Status).toBe(201);
    expect(h.server.tenant.users.list({ Text: 'flood.anon' }).Items).toEqual([]);
  });
});

describe('the provisioning log bounds', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-log-bounds-'));
  let files = 0;
  const freshDb = (): SqliteDatabase => openDatabase(path.join(dir, `t${++files}.sqlite`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const entry = (i: number, credentialId: string | null, bodyChars: number, char = 'b'): ActivityRecord => ({
    at: new Date(1_700_000_000_000 + i).toISOString(), credentialId, userAgent: 'flood', method: 'POST', path: `/scim/v2/Users?i=${i}`, status: credentialId ? 201 : 401,
    durationMs: 1, resourceType: 'User', resourceIds: [], outcome: `${i}`, requestBody: bodyChars ? char.repeat(bodyChars) : null, responseBody: null, injected: false,
  });

  /** What is stored, as the limits count it. */
  const stored = (db: SqliteDatabase) =>
    db.prepare(`SELECT count(*) AS rows, coalesce(sum(${ENTRY_TEXT_BYTES_SQL} + ${ROW_OVERHEAD_BYTES}), 0) AS bytes, count(*) FILTER (WHERE credential_id IS NULL) AS anonymous FROM activity`).get() as { rows: number; bytes: number; anonymous: number };
  const keptOutcomes = (db: SqliteDatabase, anonymous: boolean) =>
    (db.prepare(`SELECT outcome FROM activity WHERE credential_id IS ${anonymous ? '' : 'NOT '}NULL ORDER BY seq`).pluck().all() as string[]).map(Number);

  it('property: after every flush the rows, bytes and anonymous bounds hold, and what is kept is the newest of each kind', () => {
    fc.assert(
      fc.property(
        fc.record({ rows: fc.integer({ min: 1, max: 60 }), bytes: fc.integer({ min: 500, max: 40_000 }), anonymousRows: fc.integer({ min: 0, max: 20 }) }),
        fc.array(fc.record({ anonymous: fc.boolean(), bodyChars: fc.integer({ min: 0, max: 3000 }), wide: fc.boolean(), flushAfter: fc.boolean() }), { minLength: 1, maxLength: 150 }),
        (limits: ActivityLimits, plan) => {
          const db = freshDb();
          try {
            const log = new ActivityLog(db, () => {}, limits);
            const written: { i: number; anonymous: boolean }[] = [];
            plan.forEach((step, i) => {
              // 'é' is two bytes in UTF-8: the budget counts bytes, not characters
              log.record(entry(i, step.anonymous ? null : 'scimcred-x', step.bodyChars, step.wide ? 'é' : 'b'));
              written.push({ i, anonymous: step.anonymous });
              if (step.flushAfter || i === plan.length - 1) {
                log.flush();
                const now = stored(db);
                expect(now.rows).toBeLessThanOrEqual(limits.rows);
                expect(now.bytes).toBeLessThanOrEqual(limits.bytes);
                expect(now.anonymous).toBeLessThanOrEqual(limits.anonymousRows);
                for (const anonymous of [false, true]) {
                  const all = written.filter((w) => w.anonymous === anonymous).map((w) => w.i);
                  const kept = keptOutcomes(db, anonymous);
                  expect(kept).toEqual(all.slice(all.length - kept.length)); // a suffix: the newest of that kind
                }
              }
            });
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the row bound holds exactly after every flush at the shipped limit, and the byte bound is tight', () => {
    const db = freshDb();
    try {
      const log = new ActivityLog(db);
      for (let i = 0; i < 20_000 + 5_000; i++) log.record(entry(i, 'scimcred-x', 0));
      log.flush();
      expect(stored(db).rows).toBe(20_000);
      expect(Math.min(...keptOutcomes(db, false))).toBe(5_000);
    } finally {
      db.close();
    }
    const small = freshDb();
    try {
      const limits = { rows: 1000, bytes: 50_000, anonymousRows: 1000 };
      const log = new ActivityLog(small, () => {}, limits);
      for (let i = 0; i < 100; i++) log.record(entry(i, 'scimcred-x', 1000));
      log.flush();
      const now = stored(small);
      const oneEntry = now.bytes / now.rows;
      expect(now.bytes).toBeLessThanOrEqual(limits.bytes);
      expect(now.bytes + oneEntry).toBeGreaterThan(limits.bytes); // nothing more than needed was dropped
    } finally {
      small.close();
    }
  });

  it('an anonymous flood larger than the whole log (25,000 entries) leaves every real entry in place', () => {
    const db = freshDb();
    try {
      const log = new ActivityLog(db);
      for (let i = 0; i < 50; i++) log.record(entry(i, 'scimcred-x', 200));
      for (let i = 50; i < 25_050; i++) log.record(entry(i, null, 0));
      log.flush();
      expect(keptOutcomes(db, false)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(keptOutcomes(db, true)).toHaveLength(2_000);
      expect(keptOutcomes(db, true)[0]).toBe(25_050 - 2_000);
    } finally {
      db.close();
    }
  });

  it('a log over its limits (written by an older version) is brought within them by the next write; sizes survive a reopen', () => {
    const file = path.join(dir, 'reopen.sqlite');
    const first = openDatabase(file);
    const unbounded = new ActivityLog(first, () => {}, { rows: 10_000, bytes: 10_000_000, anonymousRows: 10_000 });
    for (let i = 0; i < 300; i++) unbounded.record(entry(i, i % 3 ? 'scimcred-x' : null, 500));
    unbounded.close();
    first.close();

    const db = openDatabase(file);
    try {
      const limits = { rows: 100, bytes: 40_000, anonymousRows: 10 };
      const log = new ActivityLog(db, () => {}, limits);
      log.record(entry(300, 'scimcred-x', 10));
      log.flush();
      const now = stored(db);
      expect(now.rows).toBeLessThanOrEqual(100);
      expect(now.bytes).toBeLessThanOrEqual(40_000);
      expect(now.anonymous).toBeLessThanOrEqual(10);
      expect(keptOutcomes(db, false).at(-1)).toBe(300);
    } finally {
      db.close();
    }
  });
});

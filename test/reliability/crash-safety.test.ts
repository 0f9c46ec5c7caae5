// Crash safety: serve runs as a child process, several IdP clients write concurrently, the server is killed with
// SIGKILL at a random moment, restarted on the same tenant, and every write that was answered 2xx must be there.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FULL, recordFigures, SCALE } from './support/scale';
import { allUsers, GROUP_SCHEMA, patchOp, scimClient, userDoc, type ScimCall } from './support/scim-client';
import { startServe, tempDir, type ServeProcess } from './support/serve-process';
import { integrityOf, prepareTenant } from './support/tenant-setup';
import { rng } from './support/rng';

const CLIENTS = 4;

/** What one client knows about one of its users. A client writes sequentially, so at most one write per user is
 *  in flight when the server dies: that one may or may not have landed; every acknowledged one must have. */
interface Tracked {
  userName: string;
  id: string | null;
  /** displayName version acknowledged last, and the one in flight (if any). */
  acked: number;
  pending: number | null;
  member: boolean;
  pendingMember: boolean | null;
  created: 'acked' | 'pending';
}

interface Tally {
  acknowledged: number;
  ambiguous: number;
  lost: number;
  unexpected: string[];
}

async function clientLoop(call: ScimCall, client: number, users: Tracked[], groupId: string, random: () => number, tally: Tally, stop: () => boolean): Promise<void> {
  let serial = users.length;
  while (!stop()) {
    const known = users.filter((u) => u.id !== null);
    const r = random();
    try {
      if (known.length < 3 || r < 0.3) {
        const u: Tracked = { userName: `c${client}-u${serial++}-${Math.floor(random() * 1e6)}`, id: null, acked: 0, pending: null, member: false, pendingMember: null, created: 'pending' };
        users.push(u);
        const withPassword = random() < 0.2;
        const res = await call('POST', '/Users', userDoc(u.userName, { displayName: 'v0', ...(withPassword ? { password: `Pw-${u.userName}-!9` } : {}) }));
        if (res.status !== 201) throw Object.assign(new Error(`POST /Users → ${res.status} ${res.text}`), { unexpected: true });
        u.id = res.body.id;
        u.created = 'acked';
        tally.acknowledged++;
      } else {
        const u = known[Math.floor(random() * known.length)]!;
        if (r < 0.65) {
          u.pending = u.acked + 1;
          const res = await call('PUT', `/Users/${u.id}`, userDoc(u.userName, { displayName: `v${u.pending}` }));
          if (res.status !== 200) throw Object.assign(new Error(`PUT /Users → ${res.status} ${res.text}`), { unexpected: true });
          u.acked = u.pending;
          u.pending = null;
        } else {
          u.pendingMember = !u.member;
          const body = u.pendingMember
            ? patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] })
            : patchOp({ op: 'remove', path: `members[value eq "${u.id}"]` });
          const res = await call('PATCH', `/Groups/${groupId}`, body);
          if (res.status !== 204) throw Object.assign(new Error(`PATCH /Groups → ${res.status} ${res.text}`), { unexpected: true });
          u.member = u.pendingMember;
          u.pendingMember = null;
        }
        tally.acknowledged++;
      }
    } catch (e) {
      if ((e as { unexpected?: boolean }).unexpected) tally.unexpected.push((e as Error).message);
      return; // the server is gone (or answered wrongly): this client stops until the restart
    }
  }
}

/** Compares what the restarted server returns with what was acknowledged; adopts the state of in-flight writes. */
async function verifyAndSettle(call: ScimCall, clients: Tracked[][], groupId: string, tally: Tally): Promise<string[]> {
  const problems: string[] = [];
  const byName = new Map((await allUsers(call)).map((u) => [u.userName.toLowerCase(), u]));
  const group = await call('GET', `/Groups/${groupId}`);
  if (group.status !== 200) return [`GET /Groups/${groupId} → ${group.status}`];
  const members = new Set(((group.body.members ?? []) as { value: string }[]).map((m) => m.value));
  for (const users of clients) for (let i = users.length - 1; i >= 0; i--) {
    const u = users[i]!;
    const found = byName.get(u.userName.toLowerCase());
    if (!found) {
      if (u.created === 'acked') {
        problems.push(`acknowledged user ${u.userName} is missing`);
        tally.lost++;
      } else tally.ambiguous++;
      if (u.created === 'pending') users.splice(i, 1); // never landed: forget it
      continue;
    }
    if (u.created === 'pending') {
      tally.ambiguous++;
      u.id = found.id;
      u.created = 'acked';
    }
    const version = Number(/^v(\d+)$/.exec(found.displayName ?? '')?.[1] ?? -1);
    if (version !== u.acked && version !== u.pending) {
      problems.push(`${u.userName}: displayName v${version}, acknowledged v${u.acked}${u.pending !== null ? ` (in flight v${u.pending})` : ''}`);
      if (version < u.acked) tally.lost++;
    }
    if (u.pending !== null) tally.ambiguous++;
    u.acked = version;
    u.pending = null;
    const isMember = members.has(found.id);
    if (isMember !== u.member && isMember !== u.pendingMember) {
      problems.push(`${u.userName}: member=${isMember}, acknowledged member=${u.member}`);
      tally.lost++;
    }
    if (u.pendingMember !== null) tally.ambiguous++;
    u.member = isMember;
    u.pendingMember = null;
  }
  return problems;
}

describe('crash safety: SIGKILL during concurrent SCIM writes', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`loses no acknowledged write over ${SCALE.killCycles} kill cycles, and the tenant passes integrity_check each time`, async () => {
    const { dataFile, secret } = prepareTenant(dir);
    const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
    const tally: Tally = { acknowledged: 0, ambiguous: 0, lost: 0, unexpected: [] };
    const clients: Tracked[][] = Array.from({ length: CLIENTS }, () => []);
    let groupId = '';
    let integrityOk = 0;
    let server: ServeProcess | null = null;
    try {
      for (let cycle = 0; cycle < SCALE.killCycles; cycle++) {
        const random = rng(seed * 1000 + cycle);
        server = await startServe(dataFile);
        const call = scimClient(server.info.scimEndpoint, secret);
        if (cycle === 0) {
          const g = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'crash-group', members: [] });
          expect(g.status, g.text).toBe(201);
          groupId = g.body.id;
        } else {
          const problems = await verifyAndSettle(call, clients, groupId, tally);
          expect(problems, `seed ${seed}, after kill ${cycle}`).toEqual([]);
        }
        let stopped = false;
        const loops = clients.map((users, c) => clientLoop(call, c, users, groupId, rng(seed * 7919 + cycle * 31 + c), tally, () => stopped));
        // Mostly mid-stream, sometimes right after start-up when the first writes are landing.
        const delay = random() < 0.2 ? Math.floor(random() * 60) : 150 + Math.floor(random() * (FULL ? 1850 : 650));
        await new Promise((r) => setTimeout(r, delay));
        const exit = await server.kill('SIGKILL');
        expect(exit.signal).toBe('SIGKILL');
        stopped = true;
        await Promise.all(loops);
        server = null;
        expect(tally.unexpected, `seed ${seed}`).toEqual([]);
        const integrity = integrityOf(dataFile);
        expect(integrity, `seed ${seed}, cycle ${cycle}`).toBe('ok');
        integrityOk++;
      }
      // The last restart: everything acknowledged is there, and the server serves normally.
      server = await startServe(dataFile);
      const call = scimClient(server.info.scimEndpoint, secret);
      expect(await verifyAndSettle(call, clients, groupId, tally), `seed ${seed}, final`).toEqual([]);
      const users = await allUsers(call);
      expect(users.length).toBe(clients.flat().length);
      expect(tally.acknowledged).toBeGreaterThan(SCALE.killCycles * 4);
    } finally {
      await server?.kill('SIGKILL');
      recordFigures('crash', { killCycles: SCALE.killCycles, acknowledged: tally.acknowledged, lost: tally.lost, inFlightAtKill: tally.ambiguous, integrityChecks: integrityOk, seed });
    }
    expect(tally.lost).toBe(0);
  });
});

// The demo IdP against a real server: what it pushes and replays must land in the directory exactly, and the
// console's DemoController must provision through the SCIM endpoint with a real credential.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoController } from '../../src-main/idp/demo-controller';
import { DEMO_DOMAIN, generateDirectory } from '../../src-main/idp/directory-generator';
import { push } from '../../src-main/idp/push';
import { replayDay } from '../../src-main/idp/replay-day';
import { ScimClient } from '../../src-main/idp/scim-client';
import type { DemoProgress } from '../../src-main/admin/contract';
import { startHarness, type ScimHarness } from '../support/scim-harness';

const waitFor = async (check: () => boolean, timeoutMs = 20_000) => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('demo IdP against CloudSSO Local', () => {
  let h: ScimHarness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  const membersByName = () => {
    const t = h.server.tenant;
    const map = new Map<string, string[]>();
    for (const g of t.groups.list({ Limit: 1000 }).Items) {
      const ids = t.groups.members(g.GroupId, { Limit: 1000 } as never).Items.map((m) => m.UserName.toLowerCase()).sort();
      map.set(g.GroupName, ids);
    }
    return map;
  };

  it('push creates every user, group and membership of the generated directory, and a second push creates nothing', async () => {
    const directory = generateDirectory({ users: 120, groups: 12, seed: 5 });
    const client = new ScimClient({ endpoint: h.base, token: h.secret, concurrency: 4 });
    const progress: number[] = [];
    const result = await push(client, directory, { onProgress: (p) => progress.push(p.done), memberChunk: 25 });
    expect(result).toMatchObject({ usersCreated: 120, groupsCreated: 12, failed: 0, cancelled: false });

    const stats = h.server.tenant.statistics();
    expect(stats).toMatchObject({ SynchronizedUserCount: 120, SynchronizedGroupCount: 12 });
    const stored = membersByName();
    for (const g of directory.groups) {
      expect(stored.get(g.displayName), g.displayName).toEqual(g.members.map((i) => directory.users[i]!.userName.toLowerCase()).sort());
    }
    const expectedMemberships = directory.groups.reduce((n, g) => n + g.members.length, 0);
    expect(result.membershipsAdded).toBe(expectedMemberships);
    expect(progress.at(-1)).toBe(120 + 12 + directory.groups.reduce((n, g) => n + Math.ceil(g.members.length / 25), 0));

    // the PATCHes went out in chunks, as Entra sends them, and the log holds one line per request
    h.server.tenant.activity.flush();
    const patches = h.server.tenant.activity.list({ Method: 'PATCH', Limit: 1000 });
    expect(patches.length).toBe(directory.groups.reduce((n, g) => n + Math.ceil(g.members.length / 25), 0));
    expect(patches.every((e) => e.Status === 204 && e.UserAgent?.startsWith('CloudSSO-Local-DemoIdP'))).toBe(true);

    const again = await push(new ScimClient({ endpoint: h.base, token: h.secret }), directory, { memberChunk: 25 });
    expect(again).toMatchObject({ usersCreated: 0, usersExisting: 120, groupsCreated: 0, groupsExisting: 12, failed: 0 });
    expect(h.server.tenant.statistics().UserCount).toBe(120);
  });

  for (const style of ['entra', 'okta'] as const) {
    it(`a re-push in ${style} style rolls back users edited while sync was off, and only those`, async () => {
      const directory = generateDirectory({ users: 6, groups: 0, seed: 3 });
      const client = new ScimClient({ endpoint: h.base, token: h.secret });
      expect((await push(client, directory, { style })).failed).toBe(0);
      const t = h.server.tenant;
      const stored = (u: number) => t.users.list({ UserNameEq: directory.users[u]!.userName }).Items[0]!;
      t.settings.setSync('Disabled');
      t.users.update(stored(0).UserId, { DisplayName: 'Edited By Hand', Email: 'edited@elsewhere.example' });
      t.users.setStatus(stored(1).UserId, 'Disabled');
      t.settings.setSync('Enabled');
      expect(stored(0).Drift).toBe('Modified');

      const again = await push(client, directory, { style });
      expect(again).toMatchObject({ usersCreated: 0, usersExisting: 6, usersRolledBack: 2, failed: 0 });
      expect(stored(0)).toMatchObject({ DisplayName: directory.users[0]!.displayName, Email: directory.users[0]!.email });
      expect(stored(1).Status).toBe('Enabled');
      // nothing left to roll back: a third push writes nothing
      expect((await push(client, directory, { style })).usersRolledBack).toBe(0);
    });

    it(`replays a day in ${style} style: renames, deactivations, moves and ${style === 'entra' ? 'a user' : 'a group'} deletion land in the directory`, async () => {
      const directory = generateDirectory({ users: 60, groups: 8, seed: 9 });
      const client = new ScimClient({ endpoint: h.base, token: h.secret });
      const pushed = await push(client, directory, { style });
      expect(pushed.failed).toBe(0);
      const groupsBefore = h.server.tenant.statistics().GroupCount;
      const day = await replayDay(client, directory, pushed.state, { style });
      expect(day.failed, JSON.stringify(day.failures)).toBe(0);
      const t = h.server.tenant;
      const user = (u: number) => t.users.list({ UserNameEq: directory.users[u]!.userName }).Items[0];
      const kinds = day.changes.map((c) => c.kind);
      expect(kinds.filter((k) => k === 'rename-user')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'deactivate')).toHaveLength(2);
      expect(kinds).toContain('move');
      expect(kinds).toContain('rename-group');

      expect(t.users.list({ Status: 'Disabled' }).TotalCount).toBe(2);
      const renamed = day.changes.filter((c) => c.kind === 'rename-user').map((c) => /is now (.+)$/.exec(c.description)![1]);
      for (const displayName of renamed) expect(t.users.list({ Text: displayName! }).Items.map((u) => u.DisplayName)).toContain(displayName);
      expect(t.groups.list({ Text: '-Renamed' }).TotalCount).toBe(1);

      // every move left the user in the target group and out of the source group
      for (const c of day.changes.filter((x) => x.kind === 'move')) {
        const [, userName, from, to] = /^(\S+) moved from (\S+) to (\S+)$/.exec(c.description)!;
        const groupsOf = t.groups.groupsOfUser(t.users.list({ UserNameEq: userName! }).Items[0]!.UserId).map((g) => g.GroupName);
        expect(groupsOf.some((g) => g.startsWith(to!))).toBe(true);
        expect(groupsOf).not.toContain(from);
      }

      if (style === 'entra') {
        expect(kinds).toContain('delete-user');
        expect(t.statistics().UserCount).toBe(59);
        expect(t.statistics().GroupCount).toBe(groupsBefore);
      } else {
        // Okta never deletes users: it deletes an unlinked group instead
        expect(kinds).not.toContain('delete-user');
        expect(t.statistics().UserCount).toBe(60);
        expect(t.statistics().GroupCount).toBe(groupsBefore - 1);
      }
      expect(user(0)).toBeDefined();
    });
  }

  it('DemoController provisions through the endpoint with a temporary credential, turns sync on and reports progress', async () => {
    h.server.tenant.settings.setSync('Disabled');
    const notes: DemoProgress[] = [];
    const demo = createDemoController({ scimEndpoint: () => h.base, tenant: h.server.tenant, notify: () => notes.push(demo.progress()), notifyEveryMs: 0 });
    const credentialsBefore = h.server.tenant.credentials.list().map((c) => c.CredentialId);

    const started = demo.start({ Users: 40, Groups: 5, Concurrency: 3, ReplayDay: 'Okta' });
    expect(started).toMatchObject({ Running: true, Error: null });
    expect(started.Phase).toMatch(/SCIM synchronization was off: turned it on/);
    expect(h.server.tenant.settings.syncEnabled()).toBe(true);
    expect(demo.start({ Users: 1, Groups: 0 }).Error).toMatch(/already in progress/);

    await waitFor(() => !demo.progress().Running);
    const final = demo.progress();
    expect(final.Error).toBeNull();
    expect(final.Failed).toBe(0);
    expect(final.Done).toBe(final.Total);
    expect(final.Phase).toMatch(/40 user\(s\) and 5 group\(s\) created/);
    expect(final.Phase).toMatch(/Temporary SCIM credential scimcred-/);
    expect(notes.length).toBeGreaterThan(5);
    expect(notes.some((p) => /Creating users/.test(p.Phase))).toBe(true);
    expect(notes.some((p) => /Replaying a day \(Okta\)/.test(p.Phase))).toBe(true);

    // a genuine sync: synchronized objects, log lines under the demo's credential, which is gone again
    expect(h.server.tenant.statistics()).toMatchObject({ SynchronizedUserCount: 40, SynchronizedGroupCount: 4 });
    h.server.tenant.activity.flush();
    const demoCredential = /scimcred-[a-z0-9]{20}/.exec(final.Phase)![0];
    expect(h.server.tenant.activity.list({ CredentialId: demoCredential, Limit: 5 }).length).toBe(5);
    expect(h.server.tenant.credentials.list().map((c) => c.CredentialId)).toEqual(credentialsBefore);
  });

  it('DemoController reports the retries and server errors `idp push` prints, and the users a re-run rolled back', async () => {
    const t = h.server.tenant;
    const demo = createDemoController({
      scimEndpoint: () => h.base, tenant: t, notify: () => {},
      client: (o) => new ScimClient({ ...o, maxRetries: 30, backoffMs: 1, maxBackoffMs: 5 }),
    });
    t.faults.set({ ServerErrorRate: 0.3 });
    demo.start({ Users: 12, Groups: 0 });
    await waitFor(() => !demo.progress().Running);
    t.faults.set({ ServerErrorRate: 0 });
    const first = demo.progress();
    expect(first).toMatchObject({ Failed: 0, Error: null, RolledBack: 0 });
    expect(first.ServerErrors).toBeGreaterThan(0);
    expect(first.Retries).toBe(first.ServerErrors + first.Throttled);
    expect(first.Requests).toBeGreaterThan(first.Retries);

    // edited by hand while sync is off, then the demo runs again: its push writes the IdP's value back
    const edited = t.users.list({ ProvisionType: 'Synchronized', Limit: 1 }).Items[0]!;
    t.settings.setSync('Disabled');
    t.users.update(edited.UserId, { DisplayName: 'Edited By Hand' });
    demo.start({ Users: 12, Groups: 0 });
    await waitFor(() => !demo.progress().Running);
    expect(demo.progress()).toMatchObject({ Failed: 0, RolledBack: 1, ServerErrors: 0, Retries: 0 });
    expect(demo.progress().Phase).toMatch(/1 user\(s\) rolled back/);
    expect(t.users.get(edited.UserId).DisplayName).toBe(edited.DisplayName);
  });

  it('DemoController refuses clearly when both credential slots are taken, and leaves them alone', async () => {
    h.server.tenant.credentials.create();
    const demo = createDemoController({ scimEndpoint: () => h.base, tenant: h.server.tenant, notify: () => {} });
    const res = demo.start({ Users: 10, Groups: 1 });
    expect(res.Running).toBe(false);
    expect(res.Error).toMatch(/already has 2/);
    expect(res.Error).toMatch(/Delete a credential/);
    expect(h.server.tenant.credentials.list()).toHaveLength(2);
    expect(h.server.tenant.statistics().UserCount).toBe(0);
    expect(demo.start({ Users: -1, Groups: 0 }).Error).toMatch(/Users must be/);
  });

  it('DemoController reports failed operations with the first error, and finishes the rest', async () => {
    // A manual user already holds the first demo person's e-mail: CloudSSO keeps e-mails unique, so that create fails.
    const first = generateDirectory({ users: 30, groups: 3, seed: 1, domain: DEMO_DOMAIN }).users[0]!;
    h.server.tenant.users.create({ UserName: 'someone.else', Email: first.email });
    const demo = createDemoController({ scimEndpoint: () => h.base, tenant: h.server.tenant, notify: () => {} });
    demo.start({ Users: 30, Groups: 3 });
    await waitFor(() => !demo.progress().Running);
    const p = demo.progress();
    // the user, and the membership chunk of each group that should have held that person
    expect(p.Failed).toBeGreaterThanOrEqual(2);
    expect(p.Done).toBe(p.Total);
    expect(p.Error).toContain(`${p.Failed} operation(s) failed. First: user ${first.userName}: create user ${first.userName}: HTTP 409`);
    expect(h.server.tenant.statistics().SynchronizedUserCount).toBe(29);
  });

  it('DemoController stops at a failed Test Connection and says why', async () => {
    h.server.tenant.faults.set({ Paused: true, RetryAfterSeconds: 0 });
    const demo = createDemoController({ scimEndpoint: () => h.base, tenant: h.server.tenant, notify: () => {}, client: (o) => new ScimClient({ ...o, maxRetries: 1 }) });
    demo.start({ Users: 30, Groups: 3 });
    await waitFor(() => !demo.progress().Running);
    expect(demo.progress()).toMatchObject({ Running: false, Done: 0 });
    expect(demo.progress().Error).toMatch(/^Test Connection failed: .*answered 503: Injected fault: the SCIM endpoint is paused/);
    expect(h.server.tenant.credentials.list()).toHaveLength(1);
  });

  it('DemoController cancel stops the run and removes its credential', async () => {
    h.server.tenant.faults.set({ LatencyMs: 30 });
    const demo = createDemoController({ scimEndpoint: () => h.base, tenant: h.server.tenant, notify: () => {} });
    demo.start({ Users: 2000, Groups: 10, Concurrency: 2 });
    await waitFor(() => demo.progress().Done >= 5);
    expect(h.server.tenant.credentials.list()).toHaveLength(2);
    demo.cancel();
    // gone at once: a host cancels right before closing the tenant, and a leftover would hold a credential slot
    expect(h.server.tenant.credentials.list()).toHaveLength(1);
    await waitFor(() => !demo.progress().Running);
    expect(demo.progress().Phase).toMatch(/Cancelled/);
    expect(demo.progress().Done).toBeLessThan(demo.progress().Total);
    const count = h.server.tenant.statistics().UserCount;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(2000);
    expect(h.server.tenant.credentials.list()).toHaveLength(1);
  });

  it('the headless server wires the demo into the AdminApi and announces progress on the demo topic', async () => {
    const { startServer } = await import('../../src-main/server');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-demo-'));
    const server = await startServer({
      dataFile: path.join(dir, 'tenant.sqlite'),
      port: 0,
      acceleratedPort: 0,
      apiPort: 0,
      consolePort: null,
      logLine: () => {},
      demo: ({ scimEndpoint, tenant, notify }) => createDemoController({ scimEndpoint, tenant, notify: () => notify(['demo']) }),
    });
    try {
      const topics: string[] = [];
      server.onChange((e) => topics.push(...e.Topics));
      const started = await server.dispatch('demo.start', { Users: 15, Groups: 3 });
      expect(started.ok && started.value.Running).toBe(true);
      await waitFor(() => {
        const p = server.dispatch('demo.progress', undefined);
        void p.then((r) => r.ok && !r.value.Running && topics.push('done'));
        return topics.includes('done');
      });
      expect(topics).toContain('demo');
      expect(server.tenant.statistics().SynchronizedUserCount).toBe(15);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Concurrency: parallel IdP clients on one group's membership end with exactly the expected set; the CLI writing
// to the tenant while serve runs never surfaces as a 500, and the console sees the result.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FULL, recordFigures } from './support/scale';
import { allUsers, GROUP_SCHEMA, patchOp, scimClient, userDoc, type Reply } from './support/scim-client';
import { cli, cliAsync, startServe, tempDir, type ServeProcess } from './support/serve-process';
import { prepareTenant } from './support/tenant-setup';
import { rng } from './support/rng';

/** The console's view, over the bridge exactly as the headless console calls it. */
async function consoleCall(consoleUrl: string, channel: string, request: unknown): Promise<{ ok: boolean; value?: any; error?: unknown }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const url = new URL(consoleUrl);
  const res = await fetch(`${url.origin}/admin/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${url.hash.replace('#token=', '')}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return res.json();
}

describe('concurrency', () => {
  const dir = tempDir();
  let server: ServeProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('parallel IdP clients changing one group end with exactly the expected members, as SCIM and the console see it', async () => {
    const { dataFile, secret } = prepareTenant(dir, 'members.sqlite');
    server = await startServe(dataFile);
    const call = scimClient(server.info.scimEndpoint, secret);
    const CLIENTS = 6;
    const PER_CLIENT = 10;
    const STEPS = FULL ? 120 : 40;
    const owned: string[][] = [];
    for (let c = 0; c < CLIENTS; c++) {
      owned.push([]);
      for (let i = 0; i < PER_CLIENT; i++) {
        const u = await call('POST', '/Users', userDoc(`m${c}.u${i}`));
        expect(u.status, u.text).toBe(201);
        owned[c]!.push(u.body.id);
      }
    }
    const g = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'contended', members: [] });
    expect(g.status).toBe(201);
    const groupId = g.body.id as string;

    const failures: string[] = [];
    const expected = new Set<string>();
    let requests = 0;
    // Each client owns its users, so the expected end state is the union of what each client last did.
    await Promise.all(
      owned.map(async (ids, c) => {
        const random = rng(1000 + c);
        const mine = new Set<string>();
        for (let step = 0; step < STEPS; step++) {
          const id = ids[Math.floor(random() * ids.length)]!;
          const other = ids[Math.floor(random() * ids.length)]!;
          const roll = random();
          let res: Reply;
          if (roll < 0.35) {
            res = await call('PATCH', `/Groups/${groupId}`, patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }));
            mine.add(id);
          } else if (roll < 0.6) {
            res = await call('PATCH', `/Groups/${groupId}`, patchOp({ op: 'remove', path: `members[value eq "${id}"]` }));
            mine.delete(id);
          } else if (roll < 0.8) {
            // Okta: one request that removes one member and adds another.
            res = await call('PATCH', `/Groups/${groupId}`, patchOp({ op: 'remove', path: `members[value eq "${id}"]` }, { op: 'add', path: 'members', value: [{ value: other }] }));
            mine.delete(id);
            mine.add(other);
          } else {
            // Entra: remove with a value array.
            res = await call('PATCH', `/Groups/${groupId}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: id }] }));
            mine.delete(id);
          }
          requests++;
          if (res.status !== 204) failures.push(`client ${c} step ${step}: ${res.status} ${res.text.slice(0, 200)}`);
        }
        for (const id of mine) expected.add(id);
      }),
    );
    expect(failures).toEqual([]);

    const got = await call('GET', `/Groups/${groupId}`);
    const members = new Set(((got.body.members ?? []) as { value: string }[]).map((m) => m.value));
    expect([...members].sort()).toEqual([...expected].sort());
    const viaConsole = await consoleCall(server.info.consoleUrl!, 'groups.members', { GroupId: groupId, Limit: 1000 });
    expect(viaConsole.ok, JSON.stringify(viaConsole)).toBe(true);
    expect((viaConsole.value.Items as { UserId: string }[]).map((m) => m.UserId).sort()).toEqual([...expected].sort());
    // Each member's reverse lookup agrees.
    const one = [...expected][0];
    if (one) {
      const lookup = await call('GET', `/Groups?filter=${encodeURIComponent(`members.value eq "${one}"`)}&excludedAttributes=members`);
      expect(lookup.body.Resources.map((r: { id: string }) => r.id)).toEqual([groupId]);
    }
    recordFigures('membership', { clients: CLIENTS, requests, expectedMembers: expected.size, actualMembers: members.size });
    await server.kill('SIGKILL');
    server = null;
  });

  it('the CLI changing the tenant while serve runs never surfaces as a 500, and each side sees the other', async () => {
    const { dataFile, secret } = prepareTenant(dir, 'shared.sqlite');
    server = await startServe(dataFile);
    const call = scimClient(server.info.scimEndpoint, secret);
    const g = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'shared-group', members: [] });
    expect(g.status).toBe(201);

    let stop = false;
    const statuses = new Map<number, number>();
    const fiveXX: string[] = [];
    const idp = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const u = await call('POST', '/Users', userDoc(`idp${c}.n${i}`, { password: i % 5 === 0 ? `Pw-${i}-x!` : undefined }));
        const steps: Reply[] = [u];
        if (u.status === 201) {
          steps.push(await call('PATCH', `/Groups/${g.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.body.id }] })));
          steps.push(await call('PATCH', `/Users/${u.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: `D${i}` })));
          steps.push(await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "idp${c}.n${i}"`)}`));
        }
        for (const r of steps) {
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status >= 500) fiveXX.push(`${r.status} ${r.text.slice(0, 200)}`);
        }
      }
    };
    const idps = [0, 1, 2].map(idp);

    const commands: string[][] = [
      ['user', 'create', '--user-name', 'cli.one', '--display-name', 'From the CLI'],
      ['group', 'create', '--name', 'cli-group'],
      ['user', 'list', '--limit', '5'],
      ['faults', 'show'],
      ['credential', 'list'],
      ['sync', 'status'],
      ['backup', '--out', `${dir}/online-backup.sqlite`],
      ['user', 'create', '--user-name', 'cli.two'],
      ...(FULL ? [['export', '--out', `${dir}/online-export.sqlite`], ['group', 'list'], ['user', 'create', '--user-name', 'cli.three'], ['accelerated', 'enable'], ['accelerated', 'disable'], ['verify']] : []),
    ];
    const cliFailures: string[] = [];
    for (const args of commands) {
      const r = await cliAsync([...args, '--data', dataFile]);
      if (r.status !== 0) cliFailures.push(`${args.join(' ')} → exit ${r.status}: ${r.stderr}`);
    }
    stop = true;
    await Promise.all(idps);

    expect(cliFailures).toEqual([]);
    expect(fiveXX).toEqual([]);
    expect(server.stderr()).not.toMatch(/internal error/i);
    const scimStatuses = Object.fromEntries(statuses);
    expect(Object.keys(scimStatuses).every((s) => Number(s) < 300), JSON.stringify(scimStatuses)).toBe(true);

    // The server sees what the CLI wrote, over SCIM and in the console.
    const users = await allUsers(call);
    expect(users.map((u) => u.userName)).toEqual(expect.arrayContaining(['cli.one', 'cli.two']));
    const consoleUsers = await consoleCall(server.info.consoleUrl!, 'users.list', { UserNameEq: 'cli.one' });
    expect(consoleUsers.value.Items[0].DisplayName).toBe('From the CLI');
    // And the CLI sees what the IdPs wrote.
    const listed = cli(['user', 'list', '--prefix', 'idp0.', '--json', '--data', dataFile]);
    expect(JSON.parse(listed.stdout).TotalCount).toBeGreaterThan(0);
    // The online backup taken mid-stream is a whole tenant.
    const verify = cli(['verify', '--json', '--data', `${dir}/online-backup.sqlite`]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).Integrity).toBe('ok');
    recordFigures('cli-while-serving', { cliCommands: commands.length, scimRequests: [...statuses.values()].reduce((a, b) => a + b, 0), fiveXX: fiveXX.length });
  });
});

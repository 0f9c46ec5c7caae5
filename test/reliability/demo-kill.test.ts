// A demo IdP run provisions with a temporary SCIM credential of its own. If serve is killed (SIGKILL, a crash)
// mid-run, that credential must not keep one of the directory's two slots: it is shown as the demo's while it
// exists and removed at the next start.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Credential } from '../../src-main/core/types';
import { cli, startServe, tempDir, type ServeProcess } from './support/serve-process';
import { prepareTenant } from './support/tenant-setup';

async function consoleCall<T>(consoleUrl: string, channel: string, request?: unknown): Promise<T> {
  const url = new URL(consoleUrl);
  const res = await fetch(`${url.origin}/admin/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${url.hash.replace('#token=', '')}`, 'content-type': 'application/json' },
    body: JSON.stringify(request ?? null),
  });
  const answer = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

describe('demo IdP killed mid-run', () => {
  const dir = tempDir();
  let server: ServeProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('its temporary credential is listed as the demo\'s, and a SIGKILL leaves no credential behind after the next start', async () => {
    const { dataFile, credentialId } = prepareTenant(dir, 'demo.sqlite');
    server = await startServe(dataFile);
    await consoleCall(server.info.consoleUrl!, 'demo.start', { Users: 5_000, Groups: 20, Concurrency: 2 });
    let listed: Credential[] = [];
    for (let i = 0; i < 200 && listed.length < 2; i++) {
      listed = await consoleCall<Credential[]>(server.info.consoleUrl!, 'credentials.list');
      if (listed.length < 2) await new Promise((r) => setTimeout(r, 25));
    }
    expect(listed.map((c) => [c.CredentialId === credentialId, c.DemoIdP]).sort()).toEqual([[false, true], [true, false]]);
    const cliList = cli(['credential', 'list', '--data', dataFile]);
    expect(cliList.stdout).toMatch(/demo IdP \(temporary\)/);
    await server.kill('SIGKILL');
    server = null;
    const afterKill = JSON.parse(cli(['credential', 'list', '--json', '--data', dataFile]).stdout) as Credential[];
    expect(afterKill.filter((c) => c.DemoIdP)).toHaveLength(1); // left behind by the killed run…

    server = await startServe(dataFile);
    const afterStart = await consoleCall<Credential[]>(server.info.consoleUrl!, 'credentials.list');
    expect(afterStart.map((c) => c.CredentialId)).toEqual([credentialId]); // …and gone at the next start
    const again = await consoleCall<{ Running: boolean; Error: string | null }>(server.info.consoleUrl!, 'demo.start', { Users: 10, Groups: 0 });
    expect(again).toMatchObject({ Running: true, Error: null });
    await consoleCall(server.info.consoleUrl!, 'demo.cancel');
  }, 60_000);
});

// No secret or password in clear anywhere: the tenant file (+ WAL, shared memory), the provisioning log, the
// server's output. Passwords are stored as scrypt hashes, credential secrets as SHA-256 of a 285-bit random token.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src-main/core/directory/password';
import { patchOp, scimClient, userDoc } from '../reliability/support/scim-client';
import { cli, startServe, tempDir, type ServeProcess } from '../reliability/support/serve-process';
import { startHarness, userBody } from '../support/scim-harness';

const files = (dataFile: string) => [dataFile, `${dataFile}-wal`, `${dataFile}-shm`].filter((f) => fs.existsSync(f));

/** Where each secret shows up in clear: as UTF-8, UTF-16 and base64 of its UTF-8 bytes. */
function leaks(haystacks: Record<string, Buffer>, secrets: string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const forms = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64').replace(/=+$/, ''))];
    for (const [name, bytes] of Object.entries(haystacks)) {
      if (forms.some((f) => bytes.includes(f))) found.push(`${secret.slice(0, 6)}… found in ${name}`);
    }
  }
  return found;
}

describe('no secret or password in clear', () => {
  const dir = tempDir();
  const dataFile = `${dir}/tenant.sqlite`;
  let server: ServeProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('after creating credentials and provisioning users with passwords every way an IdP can send one', async () => {
    const secrets: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = cli(['credential', 'create', '--data', dataFile, '--json']);
      expect(r.status, r.stderr).toBe(0);
      secrets.push(JSON.parse(r.stdout).CredentialSecret);
    }
    expect(cli(['sync', 'enable', '--data', dataFile]).status).toBe(0);
    server = await startServe(dataFile);
    const call = scimClient(server.info.scimEndpoint, secrets[0]!);
    const pw = (n: string) => `Pw-${n}-${crypto.randomBytes(9).toString('base64url')}!`;
    const passwords: string[] = [];

    // POST with a password (Okta always sends one), then PUT with a new one.
    const p1 = pw('post');
    passwords.push(p1);
    const created = await call('POST', '/Users', userDoc('secret.alice', { password: p1 }));
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain(p1);
    const p2 = pw('put');
    passwords.push(p2);
    expect((await call('PUT', `/Users/${created.body.id}`, userDoc('secret.alice', { password: p2 }))).status).toBe(200);
    // PATCH with a path, and without a path, in Entra's capitalisation.
    const p3 = pw('patchpath');
    passwords.push(p3);
    const r3 = await call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'Replace', path: 'password', value: p3 }));
    expect(r3.status, r3.text).toBe(200);
    const p4 = pw('patchvalue');
    passwords.push(p4);
    expect((await call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'replace', value: { password: p4 } }))).status).toBe(200);
    // A refused request that carries a password (invalid userName) must not log it either, nor an odd-cased key.
    const p5 = pw('refused');
    passwords.push(p5);
    expect((await call('POST', '/Users', userDoc('bad name with spaces', { password: p5 }))).status).toBe(400);
    const p6 = pw('case');
    passwords.push(p6);
    expect((await call('POST', '/Users', { ...userDoc('secret.bob'), PassWord: p6 })).status).toBe(201);
    // A body that is not valid JSON but contains a password.
    const p7 = pw('broken');
    passwords.push(p7);
    expect((await call('POST', '/Users', `{"userName":"secret.carol","password":"${p7}",`)).status).toBe(400);
    // The console's Reset Password shows a generated password once.
    const token = new URL(server.info.consoleUrl!).hash.replace('#token=', '');
    const reset = await fetch(`${new URL(server.info.consoleUrl!).origin}/admin/api/users.resetPassword`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ UserId: created.body.id }),
    });
    const resetBody = await reset.json();
    expect(resetBody.ok, JSON.stringify(resetBody)).toBe(true);
    const generated = Object.values(resetBody.value as Record<string, unknown>).find((v) => typeof v === 'string' && v.length >= 12 && v !== created.body.id) as string;
    expect(generated).toBeTruthy();
    passwords.push(generated);
    // Wrong tokens, too, are never echoed or logged.
    const wrong = `Wrong${crypto.randomBytes(18).toString('base64url')}`;
    expect((await scimClient(server.info.scimEndpoint, wrong)('GET', '/Users')).status).toBe(401);
    secrets.push(wrong);

    await new Promise((r) => setTimeout(r, 700)); // the provisioning log is written in batches every 250 ms
    const log = new Database(dataFile, { readonly: true }).exec('PRAGMA query_only = 1');
    const logText = (log.prepare('SELECT * FROM activity').raw().all() as unknown[][]).map((r) => JSON.stringify(r)).join('\n');
    log.close();
    expect(logText).toContain('[redacted]'); // the log did record the password-bearing requests
    expect(logText).toContain('secret.alice');

    // Killed hard, so recent pages are still in the WAL: read every byte.
    await server.kill('SIGKILL');
    const afterKill = Object.fromEntries(files(dataFile).map((f) => [f, fs.readFileSync(f)]));
    expect(Object.keys(afterKill).length).toBeGreaterThanOrEqual(2);
    expect(leaks({ probe: Buffer.from(`xx${passwords[0]}xx`) }, passwords)).toHaveLength(1); // the search itself finds a leak
    const everywhere = { ...afterKill, 'provisioning log': Buffer.from(logText), 'serve stdout': Buffer.from(server.stdout()), 'serve stderr': Buffer.from(server.stderr()) };
    expect(leaks(everywhere, [...secrets, ...passwords])).toEqual([]);

    // Restart and stop cleanly (checkpoint): the main file alone, again.
    server = await startServe(dataFile);
    await server.kill('SIGTERM');
    const afterStop = Object.fromEntries(files(dataFile).map((f) => [`${f} (after clean stop)`, fs.readFileSync(f)]));
    expect(leaks({ ...afterStop, 'serve output': Buffer.from(server.stdout() + server.stderr()) }, [...secrets, ...passwords])).toEqual([]);
    server = null;

    // What is stored instead: scrypt for passwords, SHA-256 for the high-entropy credential secrets.
    const db = new Database(dataFile, { readonly: true });
    const hash = db.prepare("SELECT password_hash FROM users WHERE user_name = 'secret.alice'").pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword(generated, hash)).toBe(true);
    expect(await verifyPassword(p4, hash)).toBe(false);
    const secretHashes = db.prepare('SELECT secret_hash FROM credentials').pluck().all() as string[];
    db.close();
    expect(secretHashes.sort()).toEqual(secrets.slice(0, 2).map((s) => crypto.createHash('sha256').update(s).digest('hex')).sort());
  });

  it('after a secret is sent every other way: query, path, headers, body keys in any case and depth, PATCH spellings', async () => {
    const h = await startHarness();
    try {
      const secret = h.secret; // this tenant's real credential secret, the worst one to leak
      const clear: string[] = [secret];
      const fresh = (label: string) => {
        const value = `${label}${crypto.randomBytes(12).toString('hex')}`; // short and not token-like: only its name protects it
        clear.push(value);
        return value;
      };
      const user = await h.scim('POST', '/Users', userBody('ways.alice'));
      expect(user.status, user.text).toBe(201);
      const id = user.body.id as string;
      const anonymous = { authorization: '' };

      // query parameters named like a secret, in any case, with and without a valid credential
      for (const name of ['access_token', 'ACCESS_TOKEN', 'token', 'Token', 'password', 'PassWord', 'secret', 'client_secret', 'api_key', 'apiKey', 'key', 'credential', 'id_token', 'Authorization']) {
        for (const headers of [{}, anonymous]) {
          const value = fresh('q');
          await h.scim('GET', `/Users?startIndex=1&${encodeURIComponent(name)}=${encodeURIComponent(value)}&count=2`, undefined, headers);
        }
      }
      // the real secret under a harmless name, in a path segment, and in a filter comparing a secret attribute
      await h.scim('GET', `/Users?x=${secret}`);
      await h.scim('GET', `/Users?x=${secret}`, undefined, anonymous);
      await h.scim('GET', `/Users/${secret}`);
      await h.scim('GET', `/${secret}`, undefined, anonymous);
      await h.scim('GET', `/Users?filter=${encodeURIComponent(`password eq "${fresh('f')}"`)}`);
      // headers: the secret as a wrong scheme, and in the user agent
      await h.scim('GET', '/Users', undefined, { authorization: secret });
      await h.scim('GET', '/Users', undefined, { 'user-agent': `EvilClient/1.0 ${secret}` });
      await h.scim('GET', '/Users', undefined, { authorization: `Bearer ${secret}x` });
      // body keys in any case and at any depth, in accepted and refused requests
      const keyed = (key: string) => ({ [key]: fresh('b') });
      for (const key of ['password', 'Password', 'PASSWORD', 'secret', 'Token', 'credentialSecret', 'Authorization', 'access_token', 'apiKey']) {
        await h.scim('POST', '/Users', { ...userBody('bad name'), ...keyed(key) });
        await h.scim('POST', '/Users', { ...userBody('bad name'), extra: { deeper: [keyed(key)] } });
        await h.scim('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'nickName' }], ...keyed(key) });
      }
      // PATCH operations whose path names the password, spelled every way, accepted or refused
      const ops = [
        (v: string) => ({ op: 'replace', path: 'password', value: v }),
        (v: string) => ({ op: 'replace', Path: 'password', value: v }),
        (v: string) => ({ op: 'replace', PATH: 'PASSWORD', VALUE: v }),
        (v: string) => ({ OP: 'Replace', Path: ' Password ', Value: v }),
        (v: string) => ({ op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', value: v }),
        (v: string) => ({ op: 'add', value: { PassWord: v } }),
        (v: string) => ({ op: 'add', VALUE: { PASSWORD: v } }),
        (v: string) => ({ op: 'replace', path: 'password', value: [v] }),
        (v: string) => ({ op: 'replace', path: 'password', value: { value: v } }),
      ];
      for (const op of ops) await h.scim('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [op(fresh('p'))] });
      for (const op of ops) await h.scim('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [op(fresh('p'))] }, anonymous);

      h.server.tenant.activity.flush();
      const logged = h.server.tenant.db.prepare("SELECT count(*) FROM activity WHERE path LIKE '%[redacted]%' OR request_body LIKE '%[redacted]%'").pluck().get() as number;
      expect(logged).toBeGreaterThan(40); // the requests were logged, with their secrets replaced
      const bytes = Object.fromEntries(files(h.dataFile).map((f) => [f, fs.readFileSync(f)]));
      expect(Object.keys(bytes)).toContain(`${h.dataFile}-wal`);
      expect(leaks(bytes, clear)).toEqual([]);
      // the user's own data is still logged whole: redaction is not a blanket
      const kept = h.server.tenant.db.prepare("SELECT count(*) FROM activity WHERE request_body LIKE '%ways.alice%'").pluck().get() as number;
      expect(kept).toBe(1);
    } finally {
      await h.close();
    }
  });
});

// HTTPS from the command line, as a user drives it: `tls ca --out`, `tls status`, `serve --tls` (remembered per
// tenant) and `serve --tls-cert/--tls-key` refusing a pair that does not fit with one line.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownCertificateFiles } from '../support/tls-fixtures';
import { buildMain, cli, serve, tempDir, type Served } from './cli-support';

const getStatus = (url: string, ca?: string): Promise<number> =>
  new Promise((resolve, reject) => https.get(url, { ca, agent: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject));

describe('HTTPS in the CLI', () => {
  let home: string;
  const running: Served[] = [];
  beforeAll(() => {
    buildMain();
    home = tempDir();
  }, 120_000);
  afterAll(() => {
    for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });
  const start = (...args: string[]) => {
    const s = serve(home, ...args);
    running.push(s);
    return s;
  };
  const stop = async (s: Served) => {
    s.child.kill('SIGTERM');
    expect((await s.exit).code).toBe(0);
  };

  it('`tls status` says there is no CA yet; `tls ca --out` makes one (key 0600) and writes its certificate', () => {
    expect(cli(home, 'tls', 'status').stdout).toMatch(/^No local CA yet in .*tls\. It is made the first time HTTPS is used/);
    const out = path.join(home, 'exported-ca.pem');
    const res = cli(home, 'tls', 'ca', '--out', out);
    expect(res.status, res.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(res.stderr).toMatch(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(home, 'tls', 'ca-private.pem')).mode & 0o777).toBe(0o600);
    const status = cli(home, 'tls', 'status', '--json').json;
    expect(status.CaSubject).toContain('CN=CloudSSO Local Development CA');
    expect(res.stderr).toContain(status.CaSha256Fingerprint);
    // the same CA on the next export
    expect(cli(home, 'tls', 'ca').stdout).toBe(fs.readFileSync(out, 'utf8'));
  });

  it('serve --tls --json prints https URLs that the exported CA verifies; the tenant remembers until --no-tls', async () => {
    const data = path.join(home, 'tls.sqlite');
    expect(cli(home, 'accelerated', 'enable', '--data', data).status).toBe(0);
    const ca = cli(home, 'tls', 'ca').stdout;
    const fingerprint = cli(home, 'tls', 'status', '--json').json.CaSha256Fingerprint;

    let s = start('--data', data, '--port', '0', '--accelerated-port', '0', '--no-console', '--json', '--tls');
    let info = JSON.parse(await s.firstLine);
    expect(info.scimEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(info.acceleratedEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(info.caSha256Fingerprint).toBe(fingerprint);
    expect(await getStatus(`${info.scimEndpoint}/ServiceProviderConfig`, ca)).toBe(200);
    await expect(getStatus(`${info.scimEndpoint}/ServiceProviderConfig`)).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    // The OpenAPI follows the same switch; an unsigned call is refused by the API itself, over verified TLS.
    expect(info.apiEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await getStatus(`${info.apiEndpoint}/?Action=ListDirectories`, ca)).toBe(400);
    await expect(getStatus(`${info.apiEndpoint}/?Action=ListDirectories`)).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    await stop(s);

    s = start('--data', data, '--port', '0', '--accelerated-port', '0', '--no-console', '--json');
    info = JSON.parse(await s.firstLine);
    expect(info.scimEndpoint).toMatch(/^https:/);
    await stop(s);

    s = start('--data', data, '--port', '0', '--accelerated-port', '0', '--no-console', '--json', '--no-tls');
    info = JSON.parse(await s.firstLine);
    expect(info.scimEndpoint).toMatch(/^http:/);
    expect(info.apiEndpoint).toMatch(/^http:/);
    expect(info.caSha256Fingerprint).toBeNull();
    expect((await fetch(`${info.scimEndpoint}/ServiceProviderConfig`)).status).toBe(200);
    await stop(s);
  });

  it('--tls-cert/--tls-key that do not fit stop serve with one line and exit 1', async () => {
    const mine = await ownCertificateFiles({ dns: ['localhost'], ip: ['127.0.0.1'] });
    const theirs = await ownCertificateFiles({ dns: ['scim.example.test'], ip: [] });
    const data = path.join(home, 'own.sqlite');
    const run = async (...args: string[]) => {
      const exit = await start('--data', data, '--port', '0', '--accelerated-port', '0', '--no-console', ...args).exit;
      expect(exit.code).toBe(1);
      expect(exit.stdout).toBe('');
      expect(exit.stderr.trim().split('\n')).toHaveLength(1);
      return exit.stderr.trim();
    };
    expect(await run('--tls-cert', mine.certFile, '--tls-key', theirs.keyFile)).toBe(`Error: --tls-key ${theirs.keyFile} does not match the certificate in ${mine.certFile} (it belongs to another certificate).`);
    expect(await run('--tls-cert', theirs.certFile, '--tls-key', theirs.keyFile)).toMatch(/^Error: --tls-cert .* does not name 127\.0\.0\.1, the address being served/);
    expect(cli(home, 'serve', '--data', data, '--tls-cert', mine.certFile).stderr).toBe('Error: --tls-cert and --tls-key go together: give both files.\n');
    // with --json the same refusal is one JSON object on stdout and nothing on stderr
    const json = await start('--data', data, '--port', '0', '--no-console', '--json', '--tls-cert', mine.certFile, '--tls-key', theirs.keyFile).exit;
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ Message: expect.stringMatching(/does not match the certificate/) });

    const s = start('--data', data, '--port', '0', '--accelerated-port', '0', '--no-console', '--json', '--tls-cert', mine.certFile, '--tls-key', mine.keyFile);
    const info = JSON.parse(await s.firstLine);
    expect(info.caSha256Fingerprint).toBeNull();
    expect(await getStatus(`${info.scimEndpoint}/ServiceProviderConfig`, mine.caPem)).toBe(200);
    await stop(s);
  });
});

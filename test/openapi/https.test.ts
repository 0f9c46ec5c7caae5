// CloudSSO's OpenAPI over HTTPS, as Alibaba Cloud's own clients see it: Terraform's provider and the SDKs default to
// HTTPS, so the API listener serves TLS exactly when the SCIM listeners do, with the same local CA to trust.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';
import { RuntimeOptions } from '@alicloud/tea-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-main/server';
import { sharedTlsDir } from '../support/tls-fixtures';
import { rawExchange } from '../support/raw-exchange';

type Body = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary API JSON
type Key = { AccessKeyId: string; AccessKeySecret: string };

/** What Node reports when the server's chain does not lead to a CA it trusts. */
const UNTRUSTED = /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/;

/** @alicloud/openapi-client over HTTPS as the generated SDKs use it: host and port only, the CA through the runtime
 *  option `ca` (tea-util's RuntimeOptions), V3 signatures unless `signatureAlgorithm: 'v2'` (V1, Terraform's shape). */
async function openApiCall(endpoint: string, key: Key, options: { ca?: string; algorithm?: 'v2' }, action: string, query: Record<string, string> = {}): Promise<Body> {
  const client = new OpenApi(
    new Config({
      accessKeyId: key.AccessKeyId,
      accessKeySecret: key.AccessKeySecret,
      endpoint: endpoint.replace(/^https:\/\//, ''),
      protocol: 'https',
      regionId: 'cn-shanghai',
      ...(options.algorithm ? { signatureAlgorithm: options.algorithm } : {}),
    }),
  );
  const params = new Params({ action, version: '2021-05-15', protocol: 'HTTPS', method: 'POST', authType: 'AK', style: 'RPC', pathname: '/', reqBodyType: 'formData', bodyType: 'json' });
  const runtime = new RuntimeOptions({ autoretry: false, maxAttempts: 0, ...(options.ca ? { ca: options.ca } : {}) });
  return (await client.callApi(params, new OpenApiRequest({ query }), runtime)).body;
}

/** @alicloud/pop-core (V1) with an https agent that trusts `ca`, or Node's default trust without one. */
function popCall(endpoint: string, key: Key, ca: string | undefined, action: string, params: Record<string, string> = {}): Promise<Body> {
  const pop = new RPCClient({ endpoint, apiVersion: '2021-05-15', accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret });
  const agent = endpoint.startsWith('https://') ? new https.Agent({ ca, keepAlive: false }) : undefined;
  return pop.request<Body>(action, params, { method: 'POST', formatParams: false, ...(agent ? { agent } : {}) });
}

const failureOf = (call: Promise<unknown>): Promise<(Error & { code?: string; data?: Body }) | null> =>
  call.then(
    () => null,
    (e: Error) => e,
  );


describe('the OpenAPI over HTTPS', () => {
  let dir: string;
  let server: RunningServer;
  let key: Key;
  let ca: string;
  let port: number;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-api-tls-'));
    server = await startServer({ dataFile: path.join(dir, 'tenant.sqlite'), port: 0, acceleratedPort: 0, apiPort: 0, consolePort: null, logLine: () => {}, tls: true, tlsDir: sharedTlsDir() });
    key = server.tenant.accessKeys.create();
    ca = (await server.https.caCertificate())!.Pem;
    port = Number(new URL(server.apiEndpoint!).port);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the endpoint printed and shown in the console is https://', async () => {
    expect(server.apiEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const settings = await server.dispatch('settings.get', undefined);
    expect(settings.ok && settings.value.Endpoints.APIEndpoint).toBe(server.apiEndpoint);
  });

  it('openapi-client (V3) trusting the exported CA through its runtime `ca` option gets its answer', async () => {
    const answer = await openApiCall(server.apiEndpoint!, key, { ca }, 'ListDirectories');
    expect(answer.Directories[0].DirectoryId).toBe(server.tenant.settings.directory().DirectoryId);
    expect(answer.RequestId).toMatch(/^[0-9A-F]{8}-/);
  });

  it('openapi-client in V1 mode (the shape Terraform sends) and pop-core with an agent trusting the CA write through HTTPS', async () => {
    const DirectoryId = server.tenant.settings.directory().DirectoryId;
    const viaTerraformShape = await openApiCall(server.apiEndpoint!, key, { ca, algorithm: 'v2' }, 'CreateGroup', { DirectoryId, GroupName: 'tls-devs' });
    expect(viaTerraformShape.Group.GroupName).toBe('tls-devs');
    const viaPop = await popCall(server.apiEndpoint!, key, ca, 'CreateUser', { DirectoryId, UserName: 'tls.alice' });
    expect(viaPop.User.UserName).toBe('tls.alice');
    expect(server.tenant.users.findByUserName('tls.alice')).not.toBeNull();
  });

  it('without the CA both clients fail with a certificate verification error, and nothing is written', async () => {
    const DirectoryId = server.tenant.settings.directory().DirectoryId;
    const v3 = await failureOf(openApiCall(server.apiEndpoint!, key, {}, 'CreateUser', { DirectoryId, UserName: 'never.v3' }));
    expect(`${v3?.code} ${v3?.message}`).toMatch(UNTRUSTED);
    const v1 = await failureOf(popCall(server.apiEndpoint!, key, undefined, 'CreateUser', { DirectoryId, UserName: 'never.v1' }));
    expect(`${v1?.code} ${v1?.message}`).toMatch(UNTRUSTED);
    expect(server.tenant.users.findByUserName('never.v3')).toBeNull();
    expect(server.tenant.users.findByUserName('never.v1')).toBeNull();
  });

  it('plain HTTP on the API port gets a 400 with Alibaba\'s error body (InvalidProtocol.NeedSsl), not a hang', async () => {
    const answer = await rawExchange(port, `POST /?Action=ListDirectories HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/\r\ncontent-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ Code: 'InvalidProtocol.NeedSsl', Message: `This port serves HTTPS only: send the request to https://127.0.0.1:${port}/?Action=ListDirectories.` });
    expect(body.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('a client configured for http:// is told the code, as Alibaba answers it', async () => {
    const plain = server.apiEndpoint!.replace(/^https:/, 'http:');
    const refused = await failureOf(popCall(plain, key, undefined, 'ListDirectories'));
    expect(refused?.code).toBe('InvalidProtocol.NeedSsl');
    expect(refused?.data?.RequestId).toMatch(/^[0-9A-F]{8}-/);
  });

  it('the HTTPS switch turned off serves plain HTTP on the same port, and on again HTTPS', async () => {
    const off = await server.dispatch('settings.setHttps', { Status: 'Disabled' });
    expect(off.ok && off.value.Endpoints.APIEndpoint).toBe(`http://127.0.0.1:${port}`);
    expect(server.apiEndpoint).toBe(`http://127.0.0.1:${port}`);
    const plain = await popCall(server.apiEndpoint!, key, undefined, 'ListDirectories');
    expect(plain.Directories).toHaveLength(1);

    const on = await server.dispatch('settings.setHttps', { Status: 'Enabled' });
    expect(on.ok && on.value.Endpoints.APIEndpoint).toBe(`https://127.0.0.1:${port}`);
    expect((await openApiCall(server.apiEndpoint!, key, { ca }, 'ListDirectories')).Directories).toHaveLength(1);
  });
});

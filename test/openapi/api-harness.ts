// A real server on ephemeral ports over a fresh tenant with one AccessKey, and Alibaba Cloud's own clients pointed at
// its OpenAPI endpoint: @alicloud/pop-core (V1 HMAC-SHA1, GET or POST with a form body), @alicloud/openapi-client with
// signatureAlgorithm 'v2' (V1, POST with the parameters in the query string: the shape Terraform's provider sends)
// and @alicloud/openapi-client by default (V3 ACS3-HMAC-SHA256).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';
import { RuntimeOptions } from '@alicloud/tea-util';
import { startServer, type RunningServer } from '../../src-main/server';

export type ClientKind = 'V1 GET' | 'V1 POST' | 'V1 POST query' | 'V3';
export const CLIENT_KINDS: ClientKind[] = ['V1 GET', 'V1 POST', 'V1 POST query', 'V3'];

/** Tests read arbitrary API JSON. */
export type Body = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a refused call looked like to the client: Alibaba's code, the HTTP status, the error body. */
export interface Refusal {
  code: string;
  status: number;
  body: Body;
}

export type ApiCaller = (action: string, params?: Record<string, unknown>, headers?: Record<string, string>) => Promise<Body>;

export interface ApiHarness {
  server: RunningServer;
  dir: string;
  dataFile: string;
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  directoryId: string;
  client(kind: ClientKind, key?: { id: string; secret: string }): ApiCaller;
  /** The refusal a call ends in (fails the test if the call succeeds). */
  refusal(call: Promise<unknown>): Promise<Refusal>;
  close(): Promise<void>;
}

export async function startApiHarness(): Promise<ApiHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-api-'));
  const dataFile = path.join(dir, 'tenant.sqlite');
  const server = await startServer({ dataFile, port: 0, acceleratedPort: 0, apiPort: 0, consolePort: null, logLine: () => {} });
  const key = server.tenant.accessKeys.create();
  const endpoint = server.apiEndpoint!;
  const client = (kind: ClientKind, k = { id: key.AccessKeyId, secret: key.AccessKeySecret }): ApiCaller =>
    kind === 'V3' || kind === 'V1 POST query' ? openApiClient(endpoint, k, kind === 'V3' ? 'v3' : 'v2') : v1Client(endpoint, k, kind === 'V1 POST' ? 'POST' : 'GET');
  return {
    server,
    dir,
    dataFile,
    endpoint,
    accessKeyId: key.AccessKeyId,
    accessKeySecret: key.AccessKeySecret,
    directoryId: server.tenant.settings.directory().DirectoryId,
    client,
    refusal,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function v1Client(endpoint: string, key: { id: string; secret: string }, method: 'GET' | 'POST'): ApiCaller {
  const pop = new RPCClient({ endpoint, apiVersion: '2021-05-15', accessKeyId: key.id, accessKeySecret: key.secret });
  return (action, params = {}) => pop.request<Body>(action, params, { method, formatParams: false });
}

/** 'v2' is openapi-client's name for the V1 HMAC-SHA1 signature (its RPC request: POST, parameters in the query). */
function openApiClient(endpoint: string, key: { id: string; secret: string }, algorithm: 'v2' | 'v3'): ApiCaller {
  const client = new OpenApi(
    new Config({
      accessKeyId: key.id, accessKeySecret: key.secret, endpoint: endpoint.replace(/^http:\/\//, ''), protocol: 'http', regionId: 'cn-shanghai',
      ...(algorithm === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
    }),
  );
  return async (action, params = {}, headers = {}) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query[k] = String(v);
    const res = await client.callApi(
      new Params({ action, version: '2021-05-15', protocol: 'HTTP', method: 'POST', authType: 'AK', style: 'RPC', pathname: '/', reqBodyType: 'formData', bodyType: 'json' }),
      new OpenApiRequest({ query, headers }),
      new RuntimeOptions({ autoretry: false, maxAttempts: 0 }),
    );
    return res.body;
  };
}

/** pop-core throws with the body in `data` and the response in `entry`; openapi-client throws with the body and
 *  statusCode in `data`. */
async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (e) {
    const err = e as { code?: string; data?: Body; entry?: { response?: { statusCode?: number } } };
    const status = err.entry?.response?.statusCode ?? err.data?.statusCode;
    return { code: String(err.code ?? err.data?.Code), status: Number(status), body: err.data };
  }
  throw new Error('expected the call to be refused, and it succeeded');
}

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

const V1_KINDS = ['V1 GET', 'V1 POST'] as const;
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('signature checks', () => {
  let h: ApiHarness;
  beforeAll(async () => (h = await startApiHarness()));
  afterAll(async () => h?.close());

  const list = (kind: 'V1 GET' | 'V1 POST' | 'V3', key?: { id: string; secret: string }) => h.client(kind, key)('ListDirectories');

  it.each(['V1 GET', 'V1 POST', 'V3'] as const)('%s: an unknown AccessKeyId → 404 InvalidAccessKeyId.NotFound in Alibaba\'s error body', async (kind) => {
    const r = await h.refusal(list(kind, { id: 'LTAI5tUnknownKey000000000', secret: h.accessKeySecret }));
    expect(r).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', status: 404 });
    expect(Object.keys(r.body).filter((k) => k !== 'statusCode').sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(r.body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it.each(['V1 GET', 'V1 POST', 'V3'] as const)('%s: a wrong secret → 400 SignatureDoesNotMatch, naming the server\'s string to sign', async (kind) => {
    const r = await h.refusal(list(kind, { id: h.accessKeyId, secret: 'not-the-secret' }));
    expect(r).toMatchObject({ code: 'SignatureDoesNotMatch', status: 400 });
    expect(r.body.Message).toMatch(/server string to sign is:/);
  });

  it.each(['V1 GET', 'V1 POST', 'V3'] as const)('%s: a disabled key → 400 InvalidAccessKeyId.Inactive; enabled again it works', async (kind) => {
    h.server.tenant.accessKeys.setStatus(h.accessKeyId, 'Disabled');
    try {
      expect(await h.refusal(list(kind))).toMatchObject({ code: 'InvalidAccessKeyId.Inactive', status: 400 });
    } finally {
      h.server.tenant.accessKeys.setStatus(h.accessKeyId, 'Enabled');
    }
    expect((await list(kind)).TotalCounts).toBe(1);
  });

  it.each(V1_KINDS)('%s: a Timestamp more than 15 minutes off → InvalidTimeStamp.Expired; 14 minutes off is accepted', async (kind) => {
    const api = h.client(kind);
    for (const m of [-16, 16]) expect(await h.refusal(api('ListDirectories', { Timestamp: minutesFromNow(m) }))).toMatchObject({ code: 'InvalidTimeStamp.Expired', status: 400 });
    for (const m of [-14, 14]) expect((await api('ListDirectories', { Timestamp: minutesFromNow(m) })).TotalCounts).toBe(1);
    expect(await h.refusal(api('ListDirectories', { Timestamp: 'yesterday' }))).toMatchObject({ code: 'InvalidTimeStamp.Format', status: 400 });
  });

  it('V3: an x-acs-date more than 15 minutes off → InvalidTimeStamp.Expired; 14 minutes off is accepted', async () => {
    const api = h.client('V3');
    for (const m of [-16, 16]) expect(await h.refusal(api('ListDirectories', {}, { 'x-acs-date': minutesFromNow(m) }))).toMatchObject({ code: 'InvalidTimeStamp.Expired', status: 400 });
    expect((await api('ListDirectories', {}, { 'x-acs-date': minutesFromNow(14) })).TotalCounts).toBe(1);
  });

  it.each(V1_KINDS)('%s: a SignatureNonce used twice → SignatureNonceUsed, and the second call changes nothing', async (kind) => {
    const api = h.client(kind);
    const nonce = `nonce-${kind}-${Date.now()}`;
    await api('CreateGroup', { DirectoryId: h.directoryId, GroupName: `replayed-${kind.replace(' ', '')}`, SignatureNonce: nonce });
    const replay = await h.refusal(api('CreateGroup', { DirectoryId: h.directoryId, GroupName: `replayed2-${kind.replace(' ', '')}`, SignatureNonce: nonce }));
    expect(replay).toMatchObject({ code: 'SignatureNonceUsed', status: 400 });
    expect(h.server.tenant.groups.list({ GroupNamePrefix: 'replayed2' }).TotalCount).toBe(0);
  });

  it('V3: an x-acs-signature-nonce used twice → SignatureNonceUsed', async () => {
    const api = h.client('V3');
    const nonce = `v3-nonce-${Date.now()}`;
    await api('ListDirectories', {}, { 'x-acs-signature-nonce': nonce });
    expect(await h.refusal(api('ListDirectories', {}, { 'x-acs-signature-nonce': nonce }))).toMatchObject({ code: 'SignatureNonceUsed', status: 400 });
  });

  it('a forged request does not burn the nonce of the genuine one', async () => {
    const nonce = `forged-first-${Date.now()}`;
    await h.refusal(h.client('V1 GET', { id: h.accessKeyId, secret: 'forged' })('ListDirectories', { SignatureNonce: nonce }));
    expect((await h.client('V1 GET')('ListDirectories', { SignatureNonce: nonce })).TotalCounts).toBe(1);
  });

  it('a parameter changed after signing → SignatureDoesNotMatch (V1 query and V3 body hash)', async () => {
    const signedUrl = await capturedV1Url(h);
    const tampered = signedUrl.replace(/Action=ListDirectories/, 'Action=GetDirectory');
    const res = await fetch(tampered);
    expect(res.status).toBe(400);
    expect((await res.json()).Code).toBe('SignatureDoesNotMatch');

    const emptyBodyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const v3 = await fetch(`${h.endpoint}/`, {
      method: 'POST',
      body: 'GroupName=smuggled',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-acs-action': 'CreateGroup', 'x-acs-version': '2021-05-15', 'x-acs-date': minutesFromNow(0), 'x-acs-signature-nonce': `n-${Date.now()}`,
        'x-acs-content-sha256': emptyBodyHash,
        authorization: `ACS3-HMAC-SHA256 Credential=${h.accessKeyId},SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=00`,
      },
    });
    expect(v3.status).toBe(400);
    expect(await v3.json()).toMatchObject({ Code: 'SignatureDoesNotMatch', Message: expect.stringMatching(/x-acs-content-sha256/) });
  });

  it('unsigned or half-signed requests → 400 MissingParameter naming what is missing', async () => {
    const res = await fetch(`${h.endpoint}/?Action=ListDirectories&Version=2021-05-15`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ Code: 'MissingParameter' });
    expect(body.Message).toContain('"AccessKeyId"');
    const v3 = await fetch(`${h.endpoint}/`, { method: 'POST', headers: { authorization: `ACS3-HMAC-SHA256 Credential=${h.accessKeyId},SignedHeaders=host,Signature=00` } });
    expect(v3.status).toBe(400);
    expect((await v3.json()).Code).toBe('MissingParameter');
    const garbled = await fetch(`${h.endpoint}/`, { method: 'POST', headers: { authorization: 'ACS3-HMAC-SHA256 nonsense' } });
    expect((await garbled.json()).Code).toBe('IncompleteSignature');
  });

  it('an action CloudSSO does not have → 404 InvalidAction.NotFound; one it has but the emulator does not → 400 naming it; never a 5xx', async () => {
    for (const kind of ['V1 GET', 'V1 POST', 'V3'] as const) {
      const api = h.client(kind);
      expect(await h.refusal(api('ListMagic', {}))).toMatchObject({ code: 'InvalidAction.NotFound', status: 404 });
      const r = await h.refusal(api('ListAccessConfigurations', { DirectoryId: h.directoryId }));
      expect(r).toMatchObject({ code: 'InvalidAction.NotEmulated', status: 400 });
      expect(r.body.Message).toMatch(/^ListAccessConfigurations is a CloudSSO action that CloudSSO Local does not emulate/);
    }
  });

  it('another API version → InvalidVersion; another path → 404 InvalidURI in the same error shape', async () => {
    const RPCClient = (await import('@alicloud/pop-core')).default;
    const old = new RPCClient({ endpoint: h.endpoint, apiVersion: '2019-01-01', accessKeyId: h.accessKeyId, accessKeySecret: h.accessKeySecret });
    expect(await h.refusal(old.request('ListDirectories', {}))).toMatchObject({ code: 'InvalidVersion', status: 400 });
    const res = await fetch(`${h.endpoint}/scim/v2/Users`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ Code: 'InvalidURI' });
  });
});

/** A genuine pop-core GET URL: in verbose mode the client returns the request it sent. */
async function capturedV1Url(h: ApiHarness): Promise<string> {
  const RPCClient = (await import('@alicloud/pop-core')).default as unknown as new (config: object, verbose: boolean) => { request<T>(a: string, p: object, o: object): Promise<T> };
  const verbose = new RPCClient({ endpoint: h.endpoint, apiVersion: '2021-05-15', accessKeyId: h.accessKeyId, accessKeySecret: h.accessKeySecret }, true);
  const [, entry] = await verbose.request<[unknown, { url: string }]>('ListDirectories', {}, {});
  return entry.url;
}

describe('signatures over any parameter text', () => {
  let h: ApiHarness;
  beforeAll(async () => (h = await startApiHarness()));
  afterAll(async () => h?.close());

  // Whatever characters a parameter carries (reserved, percent signs, plus, unicode beyond the BMP), the server's
  // canonical form must be the one each client signed: a genuine request is never refused for its content.
  it.each(['V1 GET', 'V1 POST', 'V3'] as const)('%s: a genuine request is accepted whatever its parameter values', async (kind) => {
    const api = h.client(kind);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), async (text) => {
        const body = await api('GetDirectory', { DirectoryId: h.directoryId, ClientToken: text });
        expect(body.Directory.DirectoryId).toBe(h.directoryId);
      }),
      { numRuns: 60 },
    );
  });
});

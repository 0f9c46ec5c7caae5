// Odd Unicode is stored exactly as sent and found again, or refused with a clear SCIM error; never silently changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

const KEPT = {
  'right-to-left override': '\u202eevil\u202c.exe',
  'Arabic and Hebrew': 'مرحبا שלום',
  'emoji with ZWJ sequences': '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'combining accent': 'e\u0301',
  'byte order mark': '\ufeffBOM',
  'noncharacter U+FFFF': 'x\uffffy',
  'astral CJK': '𠀀𪚥',
  'SQL and LIKE metacharacters': `%_\\'"; DROP TABLE users; --`,
};

describe('odd Unicode', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  it.each(Object.entries(KEPT))('%s is stored exactly and found by filter', async (_label, text) => {
    const userName = `uni.${Math.random().toString(36).slice(2, 10)}`;
    const created = await h.scim('POST', '/Users', userBody(userName, { displayName: text, title: text, name: { givenName: text, familyName: 'F' } }));
    expect(created.status, created.text).toBe(201);
    const back = await h.scim('GET', `/Users/${created.body.id}`);
    expect(back.body.displayName).toBe(text);
    expect(back.body.title).toBe(text);
    expect(back.body.name.givenName).toBe(text);
    expect(h.server.tenant.users.get(created.body.id).DisplayName).toBe(text); // what the console shows
    const found = await h.scim('GET', `/Users?filter=${encodeURIComponent(`displayName eq ${JSON.stringify(text)}`)}`);
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toContain(created.body.id);
  });

  it('a NUL (a control character) in a CloudSSO field → 400 invalidValue naming the attribute', async () => {
    const res = await h.scim('POST', '/Users', userBody('uni.nul', { displayName: 'a\u0000b' }));
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidValue');
    expect(res.body.detail).toMatch(/displayName.*control characters/);
  });

  it('a lone surrogate → 400 invalidSyntax instead of U+FFFD garbage in the column', async () => {
    for (const raw of ['"\\ud800"', '"a\\udfffb"', '"\\udc00\\ud800"']) {
      const res = await h.scim('POST', '/Users', `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"uni.lone","displayName":${raw}}`);
      expect(res.status, raw).toBe(400);
      expect(res.body.scimType).toBe('invalidSyntax');
      expect(res.body.detail).toMatch(/surrogate/);
    }
    // A proper pair written as escapes is fine.
    const ok = await h.scim('POST', '/Users', '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"uni.pair","displayName":"\\ud83d\\ude00"}');
    expect(ok.status).toBe(201);
    expect(ok.body.displayName).toBe('😀');
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['0xFF (never valid)', [0xff]],
    ['a cut 3-byte sequence', [0xe2, 0x82]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a surrogate encoded as UTF-8', [0xed, 0xa0, 0x80]],
  ])('raw invalid UTF-8 (%s) → 400 invalidSyntax, never U+FFFD in the column', async (_label, bad) => {
    const head = Buffer.from('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"uni.bytes","displayName":"a');
    const body = Buffer.concat([head, Buffer.from(bad), Buffer.from('b"}')]);
    const res = await fetch(`${h.base}/Users`, { method: 'POST', headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/scim+json' }, body: new Uint8Array(body) });
    const answer = (await res.json()) as { scimType?: string; detail?: string; schemas?: string[] };
    expect(res.status).toBe(400);
    expect(answer.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(answer.scimType).toBe('invalidSyntax');
    expect(answer.detail).toMatch(/not valid UTF-8/);
    expect((await h.scim('GET', '/Users?filter=userName%20eq%20%22uni.bytes%22')).body.totalResults).toBe(0);
  });
});

// The provisioning log's redaction: secrets are replaced wherever they sit in a URL, text or body, and ordinary
// request data (ids, UUIDs, filters, names) is kept as sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactBody, redactText, redactUrl } from '../../../src-main/scim/http/redact';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const credentialSecret = fc.array(fc.constantFrom(...SECRET_ALPHABET), { minLength: 48, maxLength: 48 }).map((c) => c.join(''));
const harmless = fc.constantFrom('/scim/v2/Users', '/scim/v2/Groups/g-abcdefghij0123456789', '?startIndex=1', '&count=100', '?filter=userName%20eq%20%22bob%22', '&attributes=userName', '/', '?', '&', '=', '%20', ';', '#', '.', ',', ':');

describe('redaction', () => {
  it('property: a credential secret anywhere in a URL, after any separator, never survives', () => {
    fc.assert(
      fc.property(fc.array(harmless, { maxLength: 8 }), credentialSecret, fc.array(harmless, { maxLength: 8 }), fc.constantFrom('', '=', 'x=', 'access_token=', 'Bearer%20', '/', '%22'), (before, secret, after, glue) => {
        const url = `${before.join('')}${glue}${secret}${after.join('')}`;
        expect(redactUrl(url)).not.toContain(secret);
        expect(redactText(url)).not.toContain(secret);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['access_token', 'ACCESS_TOKEN', 'token', 'password', 'PassWord', 'secret', 'client_secret', 'api_key', 'apiKey', 'x-api-key', 'key', 'credential', 'pwd', 'Authorization', '%70assword'])(
    'a query parameter named %s loses its value, whatever the value looks like',
    (name) => {
      expect(redactUrl(`/scim/v2/Users?count=2&${name}=hunter2&startIndex=1`)).toBe(`/scim/v2/Users?count=2&${name}=${REDACTED}&startIndex=1`);
    },
  );

  it('keeps ordinary request data as sent', () => {
    for (const url of [
      '/scim/v2/Users/u-abcdefghij0123456789',
      '/scim/v2/Users?filter=externalId%20eq%20%222819c223-7f76-453a-919d-413861904646%22',
      '/scim/v2/Users?filter=userName%20eq%20%22alice%40example.com%22&startIndex=1&count=100',
      '/scim/v2/Users?excludedAttributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      '/scim/v2/Groups?filter=displayName%20sw%20%22Keyholders%22',
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
    expect(redactText('Azure Active Directory SCIM Client')).toBe('Azure Active Directory SCIM Client');
  });

  it('a filter that compares a secret attribute loses the literal', () => {
    expect(decodeURIComponent(redactUrl(`/scim/v2/Users?filter=${encodeURIComponent('password eq "hunter2" and userName eq "bob"')}`))).toBe(
      `/scim/v2/Users?filter=password eq "${REDACTED}" and userName eq "bob"`,
    );
  });

  it('body keys in any case at any depth, and PATCH values whose path names a secret however it is cased', () => {
    const body = {
      Operations: [
        { op: 'replace', Path: 'password', value: 'p1' },
        { OP: 'add', PATH: ' PASSWORD ', VALUE: ['p2'] },
        { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', Value: 'p3' },
        { op: 'add', value: { 'urn:x:User': { PassWord: 'p4', nested: [{ clientSecret: 'p5', Token: 'p6' }] } } },
        { op: 'replace', path: 'displayName', value: 'Keep Me' },
      ],
    };
    const logged = redactBody(body)!;
    for (const p of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) expect(logged).not.toContain(`"${p}"`);
    expect(logged).toContain('Keep Me');
    expect(JSON.parse(logged).Operations[4]).toEqual({ op: 'replace', path: 'displayName', value: 'Keep Me' });
  });
});

// An HTTP fuzzer for the SCIM endpoint: mostly-plausible IdP requests with one thing wrong, plus protocol-level
// abuse over raw sockets. Deterministic for a seed, so a failure can be replayed.
import net from 'node:net';
import { ERROR_SCHEMA, GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from './scim-client';

export type Random = () => number;

export interface FetchCase {
  kind: 'fetch';
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RawCase {
  kind: 'raw';
  label: string;
  /** Written in order, with a pause before each chunk after the first. */
  chunks: (string | Buffer)[];
  pauseMs: number;
  /** End our side after writing (a truncated body), or keep it open until the server answers. */
  halfClose: boolean;
}

export type FuzzCase = FetchCase | RawCase;

export interface FuzzContext {
  secret: string;
  userIds: string[];
  groupIds: string[];
}

/** Percent-encodes any string, lone surrogates included (they go out as U+FFFD's bytes). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Random, max: number) => Math.floor(r() * max);

const ODD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u202eevil\u202c', 'مرحبا', '\u200f\u200e', '😀👩‍👩‍👧‍👦', '\ufeff', '\uffff', 'e\u0301', 'Ω≈ç√',
  '${jndi:ldap://x}', "'; DROP TABLE users; --", '" OR 1=1 --', '%', '_', '\\', '../../etc/passwd', '<script>alert(1)</script>',
  'null', 'undefined', 'NaN', '-0', '1e309', '__proto__', 'constructor', 'toString', '\r\n', '\t', 'x'.repeat(65), 'A'.repeat(300),
];
/** JSON text for strings JSON.stringify cannot produce from a well-formed JS string. */
const ODD_JSON_STRINGS = ['"\\ud800"', '"\\udfff"', '"a\\ud83dz"', '"\\u0000"', '"\\uDBFF\\uDFFF"', '"\\u202e"'];

function oddString(r: Random): string {
  const roll = r();
  if (roll < 0.5) return pick(r, ODD_STRINGS);
  if (roll < 0.7) return Array.from({ length: int(r, 20) }, () => String.fromCharCode(int(r, 0x10000))).join('');
  if (roll < 0.85) return pick(r, ODD_STRINGS).slice(0, 8).repeat(1 + int(r, 2000));
  return 'x'.repeat(int(r, 200_000));
}

function oddValue(r: Random, depth = 0): unknown {
  switch (int(r, depth > 2 ? 7 : 10)) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return pick(r, [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 'True', 'False']);
    case 3: case 4: return oddString(r);
    case 5: return {};
    case 6: return [];
    case 7: return r() < 0.9 ? Array.from({ length: int(r, 5) }, () => oddValue(r, depth + 1)) : Array.from({ length: int(r, 20_000) }, (_, i) => pick(r, [i, 'x', null, { value: `u-${i}` }]));
    case 8: return Object.fromEntries(Array.from({ length: int(r, 5) }, () => [pick(r, ['value', 'type', 'primary', 'display', '$ref', '', '__proto__', 'x']), oddValue(r, depth + 1)]));
    default: return { value: oddValue(r, depth + 1) };
  }
}

function deep(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const userBase = (r: Random) => ({
  schemas: [USER_SCHEMA],
  userName: `fz${int(r, 1e9)}`,
  name: { givenName: 'F', familyName: 'Z' },
  emails: [{ value: `fz${int(r, 1e9)}@example.com`, type: 'work', primary: true }],
  active: true,
});
const USER_FIELDS = ['schemas', 'userName', 'name', 'name.givenName', 'name.familyName', 'displayName', 'emails', 'emails.0', 'emails.0.value', 'emails.0.primary', 'active', 'externalId', 'password', 'id', 'meta', 'groups', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'title', 'phoneNumbers'];

function mutateDoc(r: Random, doc: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out = structuredClone(doc) as Record<string, unknown>;
  for (let n = 1 + int(r, 3); n > 0; n--) {
    const path = pick(r, fields).split('.');
    let target: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    if (r() < 0.15) delete target[last];
    else target[last] = oddValue(r);
  }
  return out;
}

const PATCH_PATHS = [
  'displayName', 'active', 'name.givenName', 'name', 'emails', 'emails[type eq "work"].value', 'emails[type eq "work"]', 'emails[primary eq true].value',
  'members', 'members[value eq "u-x"]', 'members[value eq "u-x"].display', 'members.value', 'userName', 'externalId', 'id', 'meta.created', 'schemas',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
  'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName', 'emails[', 'emails]', '[', '.', '..', 'a.b.c.d', 'emails[type eq "work" and value co "x"].value',
  'emails[not(type eq "work")]', 'x[y eq "z"].w', '__proto__', '__proto__.public', 'constructor.prototype.public', 'name.__proto__.public', 'members[value eq]', '',
];

function patchBody(r: Random, ctx: FuzzContext): unknown {
  const ops = Array.from({ length: r() < 0.95 ? 1 + int(r, 4) : 1001 + int(r, 10) }, () => {
    const op: Record<string, unknown> = { op: pick(r, ['add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'REPLACE', 'move', 'copy', '', 7, null]) };
    if (r() < 0.85) op.path = r() < 0.8 ? pick(r, PATCH_PATHS).replace('u-x', pick(r, ctx.userIds.length ? ctx.userIds : ['u-x'])) : oddValue(r);
    if (r() < 0.85) {
      op.value = r() < 0.5 ? oddValue(r) : pick(r, [
        { active: false }, { displayName: oddString(r) }, { 'name.givenName': 'G' }, [{ value: pick(r, ctx.userIds.length ? ctx.userIds : ['u-none']) }],
        [{ $ref: null, value: 'u-unknown' }], 'False', { id: 'x', displayName: oddString(r) }, { members: oddValue(r) }, { '__proto__': { polluted: 1 } },
      ]);
    }
    return op;
  });
  return r() < 0.9 ? { schemas: [PATCH_SCHEMA], Operations: ops } : pick(r, [{ Operations: ops }, { schemas: ['x'], Operations: ops }, { schemas: [PATCH_SCHEMA], Operations: [] }, { schemas: [PATCH_SCHEMA], Operations: {} }, ops]);
}

const FILTERS = [
  'userName eq "x"', 'userName eq x', 'emails[type eq "work"].value eq "a@b.c"', 'members.value eq "u-1"', 'displayName co "%"', 'not (active eq true)',
  'userName eq', 'eq "x"', '(', ')', '"', 'userName eq "unterminated', 'userName zz "x"', 'a.b.c.d eq 1', 'emails[', 'emails[type eq "w"', 'userName pr and',
  'meta.lastModified gt "2020-01-01T00:00:00Z"', 'meta.lastModified gt "not a date"', 'active eq "maybe"', 'userName eq "\u0000"', 'userName eq "\\ud800"',
  'userName eq "a\\"b"', 'x eq 1e999', 'x eq -', 'userName sw "_%\\\\"', 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', 'title eq null',
  'userName eq "x" or userName eq "y" and not (displayName pr)', '__proto__ eq 1', 'constructor.prototype eq 1',
];

function filter(r: Random): string {
  const roll = r();
  if (roll < 0.5) return pick(r, FILTERS);
  if (roll < 0.6) return deep(1 + int(r, 300), '(', ')', 'userName eq "x"');
  if (roll < 0.7) return Array.from({ length: 2 + int(r, 300) }, (_, i) => `userName eq "u${i}"`).join(pick(r, [' or ', ' and ']));
  if (roll < 0.8) return `userName eq "${'x'.repeat(int(r, 10_000))}"`;
  if (roll < 0.9) return Array.from({ length: int(r, 12) }, () => pick(r, ['(', ')', '[', ']', '"', 'and', 'or', 'not', 'eq', 'pr', 'userName', 'emails', '.', 'value', '"x"', '1', 'true', ' '])).join(' ');
  return oddString(r);
}

const PAGING = ['1', '0', '-1', '-999999999999', '100', '101', '1000000', '99999999999999999999', 'abc', '1.5', '1e3', '0x10', ' 1', '', '%00', 'NaN', 'Infinity', '+1', '٣'];

function query(r: Random): string {
  const params: string[] = [];
  if (r() < 0.6) params.push(`filter=${pct(filter(r))}`);
  if (r() < 0.3) params.push(`startIndex=${pct(pick(r, PAGING))}`);
  if (r() < 0.3) params.push(`count=${pct(pick(r, PAGING))}`);
  if (r() < 0.1) params.push('startIndex=1', 'startIndex=2'); // repeated → an array in the query
  if (r() < 0.1) params.push('filter=userName%20eq%20%22a%22', 'filter=userName%20eq%20%22b%22');
  if (r() < 0.2) params.push(`attributes=${pct(pick(r, ['userName', 'members', 'emails.value', 'name.givenName,,', 'x'.repeat(3000), 'urn:ietf:params:scim:schemas:core:2.0:User:userName', '']))}`);
  if (r() < 0.2) params.push(`excludedAttributes=${pct(pick(r, ['members', 'emails', 'meta', 'id', 'x.y.z', '']))}`);
  if (r() < 0.05) params.push('%=%', 'a[b]=c', 'filter[]=x', `${'q'.repeat(300)}=1`);
  return params.length ? `?${params.join('&')}` : '';
}

function resourcePath(r: Random, ctx: FuzzContext): { path: string; resource: 'Users' | 'Groups'; byId: boolean } {
  const resource = r() < 0.55 ? 'Users' : 'Groups';
  const ids = resource === 'Users' ? ctx.userIds : ctx.groupIds;
  const roll = r();
  if (roll < 0.35) return { path: `/${resource}`, resource, byId: false };
  const id = roll < 0.7 && ids.length ? pick(r, ids) : pick(r, ['u-doesnotexist0000000', 'g-doesnotexist0000000', '%00', '%2e%2e', '..%2f..%2f', '%ZZ', pct(oddString(r)).slice(0, 400), 'a'.repeat(250), '😀', '%F0%9F%98%80', '%C0%AF', '%ED%A0%80']);
  return { path: `/${resource}/${id}`, resource, byId: true };
}

const CONTENT_TYPES = ['application/scim+json', 'application/json', 'application/json; charset=utf-8', 'application/scim+json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json, text/plain', '*/*', 'APPLICATION/SCIM+JSON', 'application/jsonx'];

function authHeader(r: Random, secret: string): Record<string, string> {
  const roll = r();
  if (roll < 0.85) return { authorization: `Bearer ${secret}` };
  return pick<Record<string, string>>(r, [{}, { authorization: '' }, { authorization: 'Bearer' }, { authorization: `Basic ${secret}` }, { authorization: `Bearer ${secret} extra` }, { authorization: `bearer ${secret}` }, { authorization: `Bearer ${secret.slice(1)}` }, { authorization: `Bearer ${'x'.repeat(5000)}` }]);
}

function jsonBody(r: Random, value: unknown): string | Uint8Array {
  const text = JSON.stringify(value);
  const roll = r();
  if (roll < 0.7) return text;
  if (roll < 0.8) return text.slice(0, int(r, text.length)); // truncated
  if (roll < 0.85) return text.replace(/"[^"]*"/, pick(r, ODD_JSON_STRINGS)); // a lone surrogate or NUL escape
  if (roll < 0.9) return Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(text.slice(20))]);
  if (roll < 0.95) return pick(r, ['', ' ', 'null', 'true', '1', '"str"', '[]', '{', '}', '{"a":}', '{"a":1,}', "{'a':1}", 'NaN', '\u0000', '{"__proto__":{"x":1}}', '[' .repeat(100)]);
  return deep(1 + int(r, 20_000), r() < 0.5 ? '[' : '{"a":', r() < 0.5 ? ']' : '}');
}

/** One request: a plausible SCIM call with something wrong in it. */
export function fetchCase(r: Random, ctx: FuzzContext): FetchCase {
  const { path, resource, byId } = resourcePath(r, ctx);
  const roll = r();
  const method = roll < 0.3 ? 'GET' : roll < 0.5 ? (byId ? 'PATCH' : 'POST') : roll < 0.65 ? (byId ? 'PUT' : 'POST') : roll < 0.75 ? (byId ? 'DELETE' : 'GET') : pick(r, ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'GET']);
  const headers: Record<string, string> = { ...authHeader(r, ctx.secret) };
  let body: string | Uint8Array | undefined;
  if (method !== 'GET' && method !== 'HEAD' && (method !== 'DELETE' || r() < 0.2)) {
    const doc = method === 'PATCH' ? patchBody(r, ctx) : resource === 'Users' ? mutateDoc(r, userBase(r), USER_FIELDS) : mutateDoc(r, { schemas: [GROUP_SCHEMA], displayName: `fzg${int(r, 1e9)}`, members: [] }, ['displayName', 'members', 'members.0', 'externalId', 'schemas', 'id']);
    body = jsonBody(r, doc);
    headers['content-type'] = r() < 0.8 ? pick(r, CONTENT_TYPES.slice(0, 3)) : pick(r, CONTENT_TYPES);
    if (headers['content-type'] === '') delete headers['content-type'];
  }
  // (Content-Length lies and Expect are sent over raw sockets: fetch refuses them.)
  if (r() < 0.1) headers[pick(r, ['x-unknown', 'x-forwarded-for', 'x-http-method-override', 'accept', 'accept-encoding', 'if-match', 'origin', 'user-agent', 'accept-charset'])] = pick(r, ['DELETE', '*/*', 'gzip, br', '"W/x"', 'null', '\u00ff', 'x'.repeat(2000)]);
  return { kind: 'fetch', label: `${method} ${path}`, method, path: `${path}${method === 'GET' ? query(r) : r() < 0.1 ? query(r) : ''}`, headers, body };
}

/** Protocol-level abuse that a fetch client cannot send. */
export function rawCase(r: Random, ctx: FuzzContext, host: string): RawCase {
  const auth = `Authorization: Bearer ${ctx.secret}\r\n`;
  const user = JSON.stringify(userBase(r));
  const head = (method: string, path: string, extra = '') => `${method} /scim/v2${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}${extra}`;
  const choice = int(r, 14);
  switch (choice) {
    case 0: // a slow body that does arrive
      return { kind: 'raw', label: 'slow body', chunks: [head('POST', '/Users', `Content-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(user)}\r\nConnection: close\r\n\r\n`), ...user.match(/[\s\S]{1,25}/g)!], pauseMs: 20, halfClose: false };
    case 1: // a body shorter than its Content-Length, then our side closes
      return { kind: 'raw', label: 'truncated body', chunks: [head('POST', '/Users', `Content-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(user) + 50}\r\n\r\n`), user], pauseMs: 5, halfClose: true };
    case 2: // repeated headers, for real
      return { kind: 'raw', label: 'repeated headers', chunks: [head('GET', '/Users?count=1', `Authorization: Bearer other\r\nContent-Type: text/plain\r\nContent-Type: application/json\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)], pauseMs: 0, halfClose: false };
    case 3: // header block over Node's limit
      return { kind: 'raw', label: 'huge header', chunks: [head('GET', '/Users', `X-Big: ${'a'.repeat(20_000 + int(r, 50_000))}\r\nConnection: close\r\n\r\n`)], pauseMs: 0, halfClose: false };
    case 4: // URL over the limit
      return { kind: 'raw', label: 'huge url', chunks: [`GET /scim/v2/Users?filter=${'a'.repeat(20_000 + int(r, 40_000))} HTTP/1.1\r\nHost: ${host}\r\n${auth}Connection: close\r\n\r\n`], pauseMs: 0, halfClose: false };
    case 5: // not HTTP at all, or methods fetch will not send
      return { kind: 'raw', label: 'garbage', chunks: [pick(r, [head('TRACE', '/Users', 'Connection: close\r\n\r\n'), head('CONNECT', '/Users', 'Connection: close\r\n\r\n'), `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: ${host}\r\n\r\n`, '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 'GET\r\n\r\n', 'HELLO WORLD\r\n\r\n', '\0\0\0\0', 'GET /scim/v2/Users HTTP/9.9\r\n\r\n', 'GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'GET /scim/v2/Users HTTP/1.1\nHost: x\n\n'])], pauseMs: 0, halfClose: true };
    case 6: // chunked body with a broken chunk
      return { kind: 'raw', label: 'bad chunk', chunks: [head('POST', '/Users', 'Content-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'), `${(10).toString(16)}\r\n{"userName"\r\nZZ\r\n`], pauseMs: 5, halfClose: false };
    case 7: // Content-Length and Transfer-Encoding together (request smuggling shape)
      return { kind: 'raw', label: 'cl+te', chunks: [head('POST', '/Users', 'Content-Type: application/scim+json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'), '0\r\n\r\nGET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n\r\n'], pauseMs: 0, halfClose: false };
    case 8: // a GET with a body
      return { kind: 'raw', label: 'GET with body', chunks: [head('GET', '/Users', `Content-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(user)}\r\nConnection: close\r\n\r\n${user}`)], pauseMs: 0, halfClose: false };
    case 9: // pipelined requests on one socket
      return { kind: 'raw', label: 'pipelined', chunks: [head('GET', '/ServiceProviderConfig', '\r\n') + head('GET', '/Users?count=1', '\r\n') + head('GET', '/Groups?count=1', 'Connection: close\r\n\r\n')], pauseMs: 0, halfClose: false };
    case 10: // header bytes that are not valid UTF-8 / control characters
      return { kind: 'raw', label: 'binary header', chunks: [Buffer.concat([Buffer.from(head('GET', '/Users', 'X-Odd: ')), Buffer.from([0xff, 0xfe, 0x01, 0x7f, 0xc3]), Buffer.from('\r\nConnection: close\r\n\r\n')])], pauseMs: 0, halfClose: false };
    case 11: // headers that stop halfway, then the socket closes
      return { kind: 'raw', label: 'partial headers', chunks: [`POST /scim/v2/Users HTTP/1.1\r\nHost: ${host}\r\nContent-Ty`], pauseMs: 0, halfClose: true };
    case 12: // over the 1 MiB body limit
      return { kind: 'raw', label: 'oversized body', chunks: [head('POST', pick(r, ['/Users', '/Groups']), `Content-Type: application/scim+json\r\nContent-Length: ${1024 * 1024 + 1 + int(r, 100_000)}\r\nConnection: close\r\n\r\n`), `{"userName":"${'x'.repeat(1024 * 1024 + 100_000)}"}`], pauseMs: 0, halfClose: false };
    default: // a body sent slowly in big pieces with Expect: 100-continue
      return { kind: 'raw', label: 'expect-continue', chunks: [head('POST', '/Groups', `Content-Type: application/scim+json\r\nExpect: 100-continue\r\nContent-Length: ${Buffer.byteLength(user)}\r\nConnection: close\r\n\r\n`), user], pauseMs: 30, halfClose: false };
  }
}

export interface RawReply {
  statuses: number[];
  text: string;
}

/** Writes the chunks and collects whatever comes back until the server closes (or a few seconds pass). */
export function sendRaw(port: number, c: RawCase, timeoutMs = 8000): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const statuses = [...text.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1]));
      resolve({ statuses, text });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (d) => received.push(d));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', async () => {
      for (let i = 0; i < c.chunks.length && !done; i++) {
        if (i > 0 && c.pauseMs) await new Promise((res) => setTimeout(res, c.pauseMs));
        if (!socket.destroyed) socket.write(c.chunks[i]!);
      }
      if (c.halfClose && !socket.destroyed) socket.end();
    });
  });
}

/** A SCIM error body as RFC 7644 §3.12 has it, with the HTTP status repeated as a string. */
export function isScimError(text: string, status: number): boolean {
  try {
    const body = JSON.parse(text) as { schemas?: unknown; status?: unknown; detail?: unknown };
    return Array.isArray(body.schemas) && body.schemas.includes(ERROR_SCHEMA) && body.status === String(status) && typeof body.detail === 'string' && body.detail.length > 0;
  } catch {
    return false;
  }
}

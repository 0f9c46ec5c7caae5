import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { percentEncode } from './percent-encode';

/** A request as the signature checks see it: parameters decoded, in the order they came. */
export interface SignedRequest {
  method: string;
  query: [string, string][];
  form: [string, string][];
  headers: IncomingHttpHeaders;
  rawBody: string;
}

const sorted = (pairs: [string, string][]) => [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** V1 (HMAC-SHA1, "RPC signature"): every query and form parameter but Signature, sorted, percent-encoded. */
export function v1StringToSign(request: SignedRequest): string {
  const canonical = sorted([...request.query, ...request.form].filter(([k]) => k !== 'Signature'))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
  return `${request.method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export const v1Signature = (stringToSign: string, secret: string): string => crypto.createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; null when it is not that shape. */
export function parseV3Authorization(header: string): V3Authorization | null {
  const m = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/.exec(header);
  if (!m) return null;
  return { accessKeyId: m[1]!, signedHeaders: m[2]!.split(';').map((h) => h.toLowerCase()), signature: m[3]!.toLowerCase() };
}

const headerValue = (headers: IncomingHttpHeaders, name: string): string => {
  const v = headers[name];
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim();
};

/** V3's canonical request: method, URI, the query (values encoded), the signed headers, their names, the body's hash. */
export function v3StringToSign(request: SignedRequest, auth: V3Authorization): string {
  const query = sorted(request.query).map(([k, v]) => `${k}=${percentEncode(v)}`).join('&');
  const headers = auth.signedHeaders.map((h) => `${h}:${headerValue(request.headers, h)}\n`).join('');
  const canonicalRequest = [request.method.toUpperCase(), '/', query, headers, auth.signedHeaders.join(';'), headerValue(request.headers, 'x-acs-content-sha256')].join('\n');
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export const v3Signature = (stringToSign: string, secret: string): string => crypto.createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');

export const sha256Hex = (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

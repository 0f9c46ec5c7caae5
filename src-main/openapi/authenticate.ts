import type { AccessKeyStore } from '../core/accesskeys/access-key-store';
import { ApiError, invalidParameter, missingParameter } from './api-error';
import type { NonceStore } from './nonce-store';
import { parseV3Authorization, sameText, sha256Hex, V3_ALGORITHM, v1Signature, v1StringToSign, v3Signature, v3StringToSign, type SignedRequest } from './signature';

/** Alibaba Cloud accepts a request whose timestamp is within 15 minutes of its own clock. */
export const TIMESTAMP_WINDOW_MS = 15 * 60_000;

export interface AuthenticatedCall {
  accessKeyId: string;
  action: string;
  version: string;
  signatureVersion: 'V1' | 'V3';
}

interface AuthContext {
  accessKeys: AccessKeyStore;
  nonces: NonceStore;
  now: () => number;
}

const isV3 = (request: SignedRequest): boolean => typeof request.headers.authorization === 'string' && request.headers.authorization.trimStart().startsWith('ACS3-');

/** The action a request names, before anything is verified (for the log): V3 in a header, V1 as a parameter. */
export function claimedAction(request: SignedRequest, params: Record<string, string>): string | null {
  const header = request.headers['x-acs-action'];
  return isV3(request) ? (typeof header === 'string' ? header : null) : (params.Action ?? null);
}

/** Checks a request's signature the way the real gateway does, in its order: parameters present, key known and
 *  enabled, timestamp inside the window, signature, and only then the nonce (so a forged request cannot burn one). */
export function authenticate(request: SignedRequest, params: Record<string, string>, ctx: AuthContext): AuthenticatedCall {
  return isV3(request) ? authenticateV3(request, request.headers.authorization!, ctx) : authenticateV1(request, params, ctx);
}

function authenticateV1(request: SignedRequest, params: Record<string, string>, ctx: AuthContext): AuthenticatedCall {
  for (const name of ['AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp', 'Action', 'Version']) {
    if (!params[name]) throw missingParameter(name);
  }
  if (params.SignatureMethod !== undefined && params.SignatureMethod !== 'HMAC-SHA1') {
    throw invalidParameter('SignatureMethod', `"${params.SignatureMethod}" is not supported; use HMAC-SHA1 (or the ACS3-HMAC-SHA256 Authorization header).`);
  }
  if (params.SignatureVersion !== undefined && params.SignatureVersion !== '1.0') throw invalidParameter('SignatureVersion', 'use 1.0.');
  const secret = signingSecret(ctx, params.AccessKeyId!);
  checkTimestamp(params.Timestamp!, ctx.now(), 'Timestamp');
  const stringToSign = v1StringToSign(request);
  if (!sameText(v1Signature(stringToSign, secret), params.Signature!)) throw signatureMismatch(stringToSign);
  claimNonce(ctx, params.AccessKeyId!, params.SignatureNonce!);
  return { accessKeyId: params.AccessKeyId!, action: params.Action!, version: params.Version!, signatureVersion: 'V1' };
}

function authenticateV3(request: SignedRequest, authorization: string, ctx: AuthContext): AuthenticatedCall {
  const auth = parseV3Authorization(authorization.trim());
  if (!auth) {
    throw new ApiError(400, 'IncompleteSignature', `The Authorization header is not "${V3_ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>".`);
  }
  const header = (name: string) => {
    const v = request.headers[name];
    if (typeof v !== 'string' || v === '') throw missingParameter(name);
    return v;
  };
  const action = header('x-acs-action');
  const version = header('x-acs-version');
  const date = header('x-acs-date');
  const nonce = header('x-acs-signature-nonce');
  const contentHash = header('x-acs-content-sha256');
  for (const required of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (!auth.signedHeaders.includes(required)) throw new ApiError(400, 'IncompleteSignature', `SignedHeaders must include ${required}.`);
  }
  const secret = signingSecret(ctx, auth.accessKeyId);
  checkTimestamp(date, ctx.now(), 'x-acs-date');
  if (contentHash.toLowerCase() !== sha256Hex(request.rawBody)) {
    throw new ApiError(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header is not the SHA-256 of the request body.');
  }
  const stringToSign = v3StringToSign(request, auth);
  if (!sameText(v3Signature(stringToSign, secret), auth.signature)) throw signatureMismatch(stringToSign);
  claimNonce(ctx, auth.accessKeyId, nonce);
  return { accessKeyId: auth.accessKeyId, action, version, signatureVersion: 'V3' };
}

function signingSecret(ctx: AuthContext, accessKeyId: string): string {
  const key = ctx.accessKeys.signingKey(accessKeyId);
  if (key.ok) return key.secret;
  if (key.reason === 'disabled') throw new ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.');
  const why = key.reason === 'unsealable' ? ' It was created on another machine (its secret is not in this tenant file): create a new AccessKey here.' : '';
  throw new ApiError(404, 'InvalidAccessKeyId.NotFound', `Specified access key is not found.${why}`);
}

/** ISO 8601 in UTC, as the SDKs send it: 2026-12-06T02:10:11Z (fractions of a second allowed). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function checkTimestamp(value: string, now: number, name: string): void {
  const at = TIMESTAMP.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) throw new ApiError(400, 'InvalidTimeStamp.Format', `Specified ${name} "${value}" is not in the ISO 8601 UTC format YYYY-MM-DDThh:mm:ssZ.`);
  if (Math.abs(now - at) > TIMESTAMP_WINDOW_MS) {
    throw new ApiError(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: ${value} is more than 15 minutes from the server's time ${new Date(now).toISOString()}.`);
  }
}

const signatureMismatch = (stringToSign: string) =>
  new ApiError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);

function claimNonce(ctx: AuthContext, accessKeyId: string, nonce: string): void {
  if (!ctx.nonces.claim(accessKeyId, nonce, ctx.now())) throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
}

import crypto from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { decideFaultKind, type FaultKind } from '../core/settings/fault-settings';
import type { Tenant } from '../core/tenant';
import { API_VERSION, findAction } from './actions/catalog';
import { ApiError, fromCoreError } from './api-error';
import { authenticate, claimedAction, TIMESTAMP_WINDOW_MS } from './authenticate';
import { NonceStore } from './nonce-store';
import { Params } from './params';
import { redactAnswer, redactSecrets } from './redact';
import type { SignedRequest } from './signature';
import { serverFactoryFor, type ListenerTransport } from '../tls/listener-transport';

export interface OpenApiAppOptions {
  tenant: Tenant;
  logLine?: (line: string) => void;
  /** Injectable for tests: the clock signatures are checked against, and the fault dice. */
  now?: () => number;
  random?: () => number;
  /** Serves HTTPS while the transport has TLS material, as the SCIM listeners do (Terraform's default protocol). */
  transport?: ListenerTransport;
}

/** Plain HTTP sent to the API port while it serves HTTPS: Alibaba's error body, so an SDK shows the hint. */
const plainHttpAnswer = (hint: string) => ({
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ RequestId: crypto.randomUUID().toUpperCase(), HostId: 'cloudsso-local', Code: 'InvalidProtocol.NeedSsl', Message: hint, Recommend: '' }),
});

/** What one API call learns along the way, for the provisioning log. */
interface CallRecord {
  startedAt: bigint;
  requestId: string;
  accessKeyId: string | null;
  action: string | null;
  params: Record<string, string> | null;
  touched: string[];
  injected: boolean;
  responseBody: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    openapi: CallRecord;
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

/** CloudSSO's RPC OpenAPI (2021-05-15) over the tenant: `GET /` or `POST /` with the action's parameters in the
 *  query or a form body, signed with V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256), answered in JSON. */
export function buildOpenApiApp(options: OpenApiAppOptions): FastifyInstance {
  const { tenant } = options;
  const now = options.now ?? Date.now;
  const nonces = new NonceStore(2 * TIMESTAMP_WINDOW_MS);
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: 30_000,
    keepAliveTimeout: 30_000,
    return503OnClosing: true,
    ...(options.transport ? { serverFactory: serverFactoryFor(options.transport, plainHttpAnswer) } : {}),
  });

  app.decorateRequest('openapi', null as never);
  app.removeAllContentTypeParsers();
  // The body is kept as text: V3 signs its SHA-256, V1 signs its form parameters.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req) => {
    req.openapi = { startedAt: process.hrtime.bigint(), requestId: crypto.randomUUID().toUpperCase(), accessKeyId: null, action: null, params: null, touched: [], injected: false, responseBody: null };
  });

  app.addHook('onSend', async (req, _reply, payload) => {
    if (typeof payload === 'string' && req.openapi) req.openapi.responseBody = payload;
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    const call = req.openapi;
    if (!call) return;
    tenant.activity.record({
      at: new Date().toISOString(),
      credentialId: call.accessKeyId,
      userAgent: req.headers['user-agent'] ?? null,
      method: req.method,
      path: call.action ? `/?Action=${call.action}` : '/',
      status: reply.statusCode,
      durationMs: Number(process.hrtime.bigint() - call.startedAt) / 1e6,
      resourceType: resourceTypeOf(call.action),
      resourceIds: call.touched,
      outcome: outcomeOf(reply.statusCode, call.responseBody),
      requestBody: call.params ? redactSecrets(call.params) : null,
      responseBody: redactAnswer(call.responseBody),
      injected: call.injected,
      source: 'OpenAPI',
    });
  });

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const call = req.openapi;
    const faults = tenant.faults.get();
    const fault = decideFaultKind(faults, options.random);
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.kind) {
      call.injected = true;
      throw injectedFault(fault.kind, faults.RetryAfterSeconds);
    }
    const request = signedRequest(req);
    const params = mergeParams(request);
    call.params = params;
    call.action = claimedAction(request, params); // logged even when the signature is refused
    const identity = authenticate(request, params, { accessKeys: tenant.accessKeys, nonces, now });
    call.accessKeyId = identity.accessKeyId;
    tenant.accessKeys.touch(identity.accessKeyId);
    if (identity.version !== API_VERSION) throw new ApiError(400, 'InvalidVersion', `Specified parameter Version "${identity.version}" is not valid: CloudSSO's OpenAPI is version ${API_VERSION}.`);
    const spec = findAction(identity.action);
    try {
      const body = await spec.run({ tenant, params: new Params(params), touched: call.touched });
      return reply.header('x-acs-request-id', call.requestId).send({ RequestId: call.requestId, ...body });
    } catch (e) {
      throw fromCoreError(e, spec.entity) ?? e;
    }
  };
  app.route({ method: ['GET', 'POST'], url: '/', handler: handle });

  app.setNotFoundHandler(async (req) => {
    throw new ApiError(404, 'InvalidURI', `No API at ${req.method} ${req.url.split('?')[0]}: CloudSSO's OpenAPI answers GET / and POST / (RPC style).`);
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const e = toApiError(err, options.logLine);
    const requestId = req.openapi?.requestId ?? crypto.randomUUID().toUpperCase();
    return reply
      .code(e.status)
      .headers(e.headers)
      .header('x-acs-request-id', requestId)
      .send({ RequestId: requestId, HostId: req.headers.host ?? '127.0.0.1', Code: e.code, Message: e.message, Recommend: recommendFor(e.code) });
  });
  return app;
}

function signedRequest(req: FastifyRequest): SignedRequest {
  const rawBody = typeof req.body === 'string' ? req.body : '';
  const contentType = String(req.headers['content-type'] ?? '');
  const queryText = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  return {
    method: req.method,
    query: [...new URLSearchParams(queryText)],
    form: contentType.startsWith('application/x-www-form-urlencoded') ? [...new URLSearchParams(rawBody)] : [],
    headers: req.headers,
    rawBody,
  };
}

/** Query and form parameters in one null-prototype object; a name given twice is ambiguous to sign, so refused. */
function mergeParams(request: SignedRequest): Record<string, string> {
  const params = Object.create(null) as Record<string, string>;
  for (const [key, value] of [...request.query, ...request.form]) {
    if (Object.hasOwn(params, key)) throw new ApiError(400, 'InvalidParameter', `The parameter ${key} is given more than once.`);
    params[key] = value;
  }
  return params;
}

function injectedFault(kind: FaultKind, retryAfterSeconds: number): ApiError {
  const retryAfter = { 'Retry-After': String(retryAfterSeconds) };
  switch (kind) {
    case 'throttled':
      return new ApiError(429, 'Throttling', 'Request was denied due to request throttling (injected fault: fault injection is on in CloudSSO Local).', retryAfter);
    case 'paused':
      return new ApiError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server (injected fault: the endpoint is paused in CloudSSO Local).', retryAfter);
    case 'error503':
      return new ApiError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server (injected fault).');
    case 'error500':
      return new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error (injected fault).');
  }
}

function toApiError(err: FastifyError, logLine?: (line: string) => void): ApiError {
  if (err instanceof ApiError) return err;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ApiError(413, 'InvalidParameter', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return new ApiError(err.statusCode, 'InvalidParameter', err.message);
  logLine?.(`OpenAPI internal error: ${err.stack ?? err.message}`);
  return new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error. Nothing was changed; see the server log.');
}

function recommendFor(code: string): string {
  if (code.startsWith('InvalidAccessKeyId') || code === 'SignatureDoesNotMatch') return 'Check the AccessKey pair in Settings > AccessKeys of CloudSSO Local (cloudsso-local accesskey list).';
  if (code.startsWith('InvalidTimeStamp')) return "Check this machine's clock: requests must be signed within 15 minutes of it.";
  return 'See docs/openapi.md in CloudSSO Local for the emulated actions and their errors.';
}

function resourceTypeOf(action: string | null): string | null {
  if (!action) return null;
  if (/Group/.test(action)) return 'Group';
  if (/User/.test(action)) return 'User';
  if (/SCIMServerCredential/.test(action)) return 'SCIMCredential';
  if (/Directory|SCIMSynchronization|PasswordPolicy/.test(action)) return 'Directory';
  return null;
}

/** A success is its status; a refusal (a small error body) names its code and message. */
function outcomeOf(status: number, body: string | null): string {
  if (status < 400) return `${status} OK`;
  let a: { Code?: string; Message?: string } | null = null;
  try {
    a = body ? (JSON.parse(body) as { Code?: string; Message?: string }) : null;
  } catch {
    a = null;
  }
  return `${status} ${a?.Code ?? ''} ${a?.Message ?? ''}`.replace(/\s+/g, ' ').trim();
}

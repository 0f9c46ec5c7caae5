import http from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isCoreError } from '../../core/errors';
import type { SearchWorker } from '../../core/store/search-worker';
import type { Tenant } from '../../core/tenant';
import { ScimFilterError } from '../filter/errors';
import { errorBody, ScimError, toScimError } from '../errors';
import { SCIM_CONTENT_TYPE } from '../schema-urns';
import { authenticate, identifyCredential } from './auth';
import { decideFault } from './fault-injector';
import { MAX_BODY_BYTES, parseJsonBody } from './json-body';
import { redactBody, redactText, redactUrl } from './redact';
import { coalesceWrites } from './write-coalescing';
import { newContext } from './request-context';
import { registerDiscoveryRoutes } from '../routes/discovery-routes';
import { registerUserRoutes } from '../routes/user-routes';
import { registerGroupRoutes } from '../routes/group-routes';
import { serverFactoryFor, type ListenerTransport } from '../../tls/listener-transport';

export const SCIM_PREFIX = '/scim/v2';

export interface ScimAppOptions {
  tenant: Tenant;
  /** 'accelerated' answers only while the accelerated endpoint is on. */
  kind: 'standard' | 'accelerated';
  /** The public base URL, for meta.location and Location headers. */
  baseUrl: () => string;
  /** Where list filters that no index serves run, within a time budget (never on this thread). */
  searches: SearchWorker;
  /** One line per unexpected error; never given secrets. */
  logLine?: (line: string) => void;
  random?: () => number;
  /** How long a request may take to arrive completely (slow or stalled bodies get 408). */
  requestTimeoutMs?: number;
  /** Serves HTTPS while the transport has TLS material (plain HTTP otherwise, and without a transport). */
  transport?: ListenerTransport;
}

/** Plain HTTP sent to the port while it serves HTTPS: a SCIM error an IdP's log shows as it is. */
const plainHttpAnswer = (hint: string) => ({ contentType: SCIM_CONTENT_TYPE, body: JSON.stringify(errorBody(new ScimError(400, hint, 'invalidSyntax'))) });

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without a credential (ServiceProviderConfig, as in CloudSSO). */
    public?: boolean;
  }
}

const KNOWN_PATH = /^\/scim\/v2\/(users|groups)(\/[^/]+)?\/?$|^\/scim\/v2\/(serviceproviderconfig|resourcetypes|schemas)(\/[^/]+)?\/?$/i;

export function buildScimApp(options: ScimAppOptions): FastifyInstance {
  const { tenant } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 200 },
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // Node 20 applies requestTimeout only when it is given to http.createServer (fastify sets it afterwards, which
    // leaves stalled requests open forever), and looks for overdue requests only every connectionsCheckingInterval.
    http: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionsCheckingInterval: Math.max(100, Math.floor((options.requestTimeoutMs ?? 30_000) / 4)) },
    connectionTimeout: 60_000,
    keepAliveTimeout: 30_000,
    maxRequestsPerSocket: 0,
    return503OnClosing: true,
    // A malformed percent-encoding or an over-long id never reaches a route: still answer with a SCIM error body.
    frameworkErrors: (err, _req, reply) => {
      const e = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new ScimError(414, 'The resource id in the URL is longer than 200 characters.', 'invalidValue')
        : new ScimError(400, 'The URL is not valid: it contains a malformed percent-encoding.', 'invalidSyntax');
      return (reply as FastifyReply).code(e.status).type(SCIM_CONTENT_TYPE).send(errorBody(e));
    },
    clientErrorHandler: scimClientError,
    ...(options.transport ? { serverFactory: serverFactoryFor(options.transport, plainHttpAnswer) } : {}),
  });

  coalesceWrites(app.server);
  // Node hands CONNECT (a proxy's method) to 'connect' listeners and drops the socket when there is none.
  app.server.on('connect', (_req: http.IncomingMessage, socket: Duplex) =>
    sendRawError(socket, new ScimError(405, 'CONNECT is not supported: this is a SCIM service, not a proxy.', undefined, { Allow: 'GET, HEAD, POST, PUT, PATCH, DELETE' })),
  );
  app.decorateRequest('scim', null as never);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addContentTypeParser('*', (_req, _payload, done) => {
    done(new ScimError(415, 'Send the body as application/scim+json or application/json.', 'invalidSyntax'), undefined);
  });

  app.addHook('onRequest', async (req) => {
    req.scim = newContext();
    if (options.kind === 'accelerated' && !tenant.settings.acceleratedEnabled()) {
      throw new ScimError(404, 'The SCIM Endpoint (Accelerated) is turned off. Turn it on in Settings > Global Management (cn-shanghai directories only).');
    }
    const fault = decideFault(tenant.faults.get(), options.random);
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.error) {
      req.scim.injected = true;
      req.scim.credentialId = identifyCredential(tenant, req.headers.authorization);
      // Without a valid credential the fault is answered at once, the body unread: only an IdP's own requests are
      // worth recording whole, and an anonymous one must never get its body into the log.
      if (req.scim.credentialId === null) throw fault.error;
      req.scim.pendingFault = fault.error;
      return;
    }
    // Decided on the route the router matched, before the body is read: a request without a valid credential is
    // refused with its body unread (never parsed, never logged). An own property only: a polluted prototype must
    // never make every route public.
    if (Object.hasOwn(req.routeOptions.config, 'public') && req.routeOptions.config.public === true) return;
    authenticate(tenant, req.headers.authorization, (id) => (req.scim.credentialId = id));
  });

  app.addHook('preHandler', async (req) => {
    // An injected failure of an IdP's request waits until here so the log holds what the IdP will retry: its body
    // (parsed by now), its credential and its target, just like a real failure.
    if (req.scim.pendingFault) {
      const targetId = (req.params as { id?: unknown } | undefined)?.id;
      if (typeof targetId === 'string') req.scim.touched.push(targetId);
      throw req.scim.pendingFault;
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload === 'string') {
      if (req.scim) req.scim.responseBody = payload;
      if (!reply.hasHeader('content-type') || String(reply.getHeader('content-type')).startsWith('application/json')) reply.type(SCIM_CONTENT_TYPE);
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    const ctx = req.scim ?? newContext();
    const status = reply.statusCode;
    // Secrets never reach the log: redacted from the URL (?access_token=…), the user agent, the body, and from error
    // answers, which may quote what was sent.
    tenant.activity.record({
      at: new Date().toISOString(),
      credentialId: ctx.credentialId,
      userAgent: redactText(req.headers['user-agent'] ?? null),
      method: req.method,
      path: redactUrl(req.url),
      status,
      durationMs: Number(process.hrtime.bigint() - ctx.startedAt) / 1e6,
      resourceType: ctx.resourceType ?? resourceTypeOf(req.url),
      resourceIds: ctx.touched.map((id) => redactText(id)), // an id taken from the URL is what the client sent
      outcome: redactText(ctx.outcome ?? outcomeFromBody(status, ctx.responseBody)),
      requestBody: redactBody(req.body),
      responseBody: status >= 400 ? redactText(ctx.responseBody) : ctx.responseBody,
      injected: ctx.injected,
    });
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const e = toHttpError(err, tenant, options.logLine);
    if (req.scim) req.scim.outcome = `${e.status} ${e.scimType ?? ''} ${e.detail}`.replace(/\s+/g, ' ').trim();
    return reply.code(e.status).headers(e.headers).type(SCIM_CONTENT_TYPE).send(errorBody(e));
  });

  app.setNotFoundHandler((req, reply) => {
    if (!req.scim) req.scim = newContext();
    const path = req.url.split('?')[0]!;
    const known = KNOWN_PATH.exec(path);
    // a 405 must say what the resource does support (RFC 9110 §15.5.6)
    const allow = !known ? null : known[1] ? (known[2] ? 'GET, HEAD, PUT, PATCH, DELETE' : 'GET, HEAD, POST') : 'GET, HEAD';
    const e = allow
      ? new ScimError(405, `${req.method} is not supported on ${path}.`, undefined, { Allow: allow })
      : new ScimError(404, `No SCIM resource at ${path}. The SCIM base URL ends with ${SCIM_PREFIX}.`);
    req.scim.outcome = `${e.status} ${e.detail}`;
    return reply.code(e.status).headers(e.headers).type(SCIM_CONTENT_TYPE).send(errorBody(e));
  });

  app.register(
    async (scim) => {
      registerDiscoveryRoutes(scim, options);
      registerUserRoutes(scim, options);
      registerGroupRoutes(scim, options);
      const unsupported = (what: string) => async () => {
        throw new ScimError(501, `${what} is not supported by CloudSSO.`);
      };
      scim.all('/Me', unsupported('/Me'));
      scim.all('/Bulk', unsupported('/Bulk'));
      for (const p of ['/.search', '/Users/.search', '/Groups/.search']) scim.all(p, unsupported('/.search'));
    },
    { prefix: SCIM_PREFIX },
  );
  return app;
}

/** Errors Node raises before a request exists (URL + headers over its limit, a request that never finishes, broken
 *  HTTP) get a SCIM error body too, instead of the framework's own JSON; then the connection is closed. */
function scimClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new ScimError(431, `The request line and headers are larger than ${http.maxHeaderSize / 1024} KiB. Shorten the URL (filter) or the headers.`)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ScimError(408, 'The request did not arrive completely in time.')
        : new ScimError(400, 'The request is not valid HTTP/1.1.', 'invalidSyntax');
  sendRawError(socket, e, err);
}

/** An answer written straight to the socket (no request object exists), then the connection is closed. */
function sendRawError(socket: Duplex, e: ScimError, cause?: Error): void {
  const body = JSON.stringify(errorBody(e));
  const headers = Object.entries(e.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${e.status} ${http.STATUS_CODES[e.status]}\r\nContent-Type: ${SCIM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}Connection: close\r\n\r\n${body}`);
  }
  if (cause) socket.destroy(cause);
  else socket.end();
}

function resourceTypeOf(url: string): string | null {
  const m = /^\/scim\/v2\/(users|groups)/i.exec(url);
  return m ? (m[1]!.toLowerCase() === 'users' ? 'User' : 'Group') : null;
}

function outcomeFromBody(status: number, body: string | null): string {
  if (status < 400) return `${status} OK`;
  try {
    const parsed = JSON.parse(body ?? '') as { detail?: string };
    return `${status} ${parsed.detail ?? ''}`.trim();
  } catch {
    return String(status);
  }
}

function toHttpError(err: FastifyError, tenant: Tenant, logLine?: (line: string) => void): ScimError {
  if (err instanceof ScimError) return err;
  if (err instanceof ScimFilterError) return new ScimError(400, err.message, 'invalidFilter');
  const stored = tenant.storeError(err); // a lock or unwritable storage becomes the core's error; SearchRefused is one already
  if (isCoreError(stored)) return toScimError(stored);
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ScimError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`);
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ScimError(415, 'Send the body as application/scim+json or application/json.', 'invalidSyntax');
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new ScimError(err.statusCode, err.message, err.statusCode === 400 ? 'invalidSyntax' : undefined);
  }
  logLine?.(`SCIM internal error: ${err.stack ?? err.message}`);
  return toScimError(err);
}

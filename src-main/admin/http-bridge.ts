import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ADMIN_CHANNELS, BRIDGE_API_PREFIX, BRIDGE_EVENTS_PATH, type AdminChannel, type ChangeEvent } from './contract';
import type { AdminDispatch } from './handlers';
import { isAllowedHost, isAllowedOrigin } from './loopback-guard';
import { decodeUtf8, hasLoneSurrogate, INVALID_UTF8, LONE_SURROGATE } from '../utf8-text';

export interface ConsoleAppOptions {
  dispatch: AdminDispatch;
  onChange: (listener: (event: ChangeEvent) => void) => () => void;
  /** The per-run secret the console must present; handed over in the printed URL. */
  token: string;
  /** The built renderer (index.html + assets); null serves only the bridge. */
  assetsDir: string | null;
  port: () => number;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const CHANNELS = new Set<string>(ADMIN_CHANNELS);

export const newConsoleToken = (): string => crypto.randomBytes(24).toString('base64url');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

type TextParser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

/** fastify's JSON parser (it refuses __proto__ and constructor keys) behind a strict UTF-8 decoder: a console
 *  request with invalid UTF-8 or a lone surrogate is refused (400) instead of being stored with U+FFFD in it. */
function strictJsonParser(parseText: TextParser) {
  return (req: FastifyRequest, bytes: Buffer, done: (err: Error | null, body?: unknown) => void): void => {
    const text = decodeUtf8(bytes);
    if (text === null) return done(badRequest(INVALID_UTF8));
    parseText(req, text, (err, body) => {
      if (!err && hasLoneSurrogate(body)) return done(badRequest(LONE_SURROGATE));
      done(err, body);
    });
  };
}

const badRequest = (message: string): Error => Object.assign(new Error(message), { statusCode: 400 });

/** The headless transport of the AdminApi: the built console plus POST /admin/api/<channel> and an event stream. */
export function buildConsoleApp(options: ConsoleAppOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, return503OnClosing: true });

  app.addHook('onRequest', async (req, reply) => {
    const port = options.port();
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      return reply.code(403).type('text/plain').send('Refused: this console only answers its own loopback origin.');
    }
    reply.header('Content-Security-Policy', CSP).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').header('X-Frame-Options', 'DENY');
  });
  // Node hands CONNECT (a proxy's method) to 'connect' listeners and drops the socket when there is none.
  app.server.on('connect', (_req: unknown, socket: Duplex) => {
    const text = 'CONNECT is not supported: this is the CloudSSO Local console, not a proxy.';
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, strictJsonParser(app.getDefaultJsonParser('error', 'error')));

  // Everything but the static console lives in this scope, and the token hook belongs to the scope: whatever
  // spelling of the URL the router resolved to one of these routes, the check ran (a test of the raw URL's
  // prefix missed /%61dmin/…, which the router decodes to /admin/…).
  app.register(async (bridge) => {
    bridge.addHook('onRequest', async (req, reply) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(token, options.token)) {
        return reply.code(401).send({ ok: false, error: { Code: 'Unauthorized', Message: 'The console token is missing or wrong. Open the console URL that serve printed.' } });
      }
    });

    bridge.post<{ Params: { channel: string } }>(`${BRIDGE_API_PREFIX}:channel`, async (req, reply) => {
      const channel = req.params.channel;
      if (!CHANNELS.has(channel)) return reply.code(404).send({ ok: false, error: { Code: 'BadRequest', Message: `Unknown AdminApi channel ${channel}.` } });
      return options.dispatch(channel as AdminChannel, (req.body ?? undefined) as never);
    });

    bridge.get(BRIDGE_EVENTS_PATH, (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      const unsubscribe = options.onChange((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    });
  });

  if (options.assetsDir && fs.existsSync(path.join(options.assetsDir, 'index.html'))) {
    app.register(fastifyStatic, { root: path.resolve(options.assetsDir), index: 'index.html', wildcard: true });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('The console has not been built. Run `npm run build`, then start serve again.'),
    );
  }
  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status >= 400 && status < 600 ? status : 500).send({ ok: false, error: { Code: status < 500 ? 'BadRequest' : 'Internal', Message: status < 500 ? (err as Error).message : 'Internal error.' } });
  });
  return app;
}

// TLS as a property of how a listener is created: every listener built with `serverFactoryFor(transport)` serves
// plain HTTP while the transport has no TLS material and HTTPS once it has, switching live on the same port.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { TlsMaterial } from './tls-material';

/** TLS 1.2 and 1.3 only, as Entra ID requires. */
export const TLS_VERSIONS = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' } as const;

/** Node's default suites minus those outside what Entra ID lists for TLS 1.2 (ECDHE key exchange with AES-GCM,
 *  AES-CBC with SHA-2, or ChaCha20): no static-RSA or DHE key exchange, no SHA-1 suites. TLS 1.3 suites as Node has them. */
export const TLS_CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-SHA256',
  'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-ECDSA-AES256-SHA384',
].join(':');

const TLS_HANDSHAKE = 0x16;
const FIRST_BYTE_TIMEOUT_MS = 30_000;

/** The TLS state every listener of one server shares; the listeners follow its changes. */
export class ListenerTransport {
  private material: TlsMaterial | null = null;
  private readonly servers = new Set<https.Server>();

  current(): TlsMaterial | null {
    return this.material;
  }

  get scheme(): 'http' | 'https' {
    return this.material ? 'https' : 'http';
  }

  /** null serves plain HTTP. Idle keep-alive connections are closed so clients reconnect in the new mode;
   *  requests in flight finish on the connection they came on. */
  use(material: TlsMaterial | null): void {
    const modeChanged = (this.material === null) !== (material === null);
    this.material = material;
    for (const server of this.servers) {
      if (material) server.setSecureContext(secureContext(material));
      if (modeChanged) server.closeIdleConnections();
    }
  }

  /** @internal the servers serverFactoryFor made */
  track(server: https.Server): void {
    this.servers.add(server);
    server.once('close', () => this.servers.delete(server));
  }
}

const secureContext = (material: TlsMaterial) => ({ key: material.privateKeyPem, cert: material.certificateChainPem, ciphers: TLS_CIPHERS, ...TLS_VERSIONS });

export interface PlainHttpAnswer {
  contentType: string;
  body: string;
}

type FastifyServerOptions = { http?: http.ServerOptions; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };

/**
 * A fastify `serverFactory`: an https.Server whose connections are sorted by their first byte. While the transport
 * has no TLS material every connection goes straight to the HTTP parser (plain HTTP, as before); with material, a
 * TLS handshake (first byte 0x16) goes to TLS and anything else — plain HTTP sent to an HTTPS port — gets a 400
 * with a one-line hint instead of a handshake that never completes.
 */
export function serverFactoryFor(transport: ListenerTransport, plainHttpAnswer: (hint: string) => PlainHttpAnswer = (hint) => ({ contentType: 'text/plain; charset=utf-8', body: `${hint}\n` })) {
  return (handler: http.RequestListener, options: FastifyServerOptions): http.Server => {
    const current = transport.current();
    const server = https.createServer({ ...options.http, ...TLS_VERSIONS, ciphers: TLS_CIPHERS, ALPNProtocols: ['http/1.1'], ...(current ? secureContext(current) : {}) }, handler);
    // What fastify sets on the servers it makes itself.
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;

    // https.Server hands every TCP connection to TLS ('connection') and every decrypted one to HTTP ('secureConnection').
    const [startTls] = server.listeners('connection') as ((socket: Socket) => void)[];
    const [startHttp] = server.listeners('secureConnection') as ((socket: Socket) => void)[];
    if (!startTls || !startHttp) throw new Error('This Node.js version sets up HTTPS servers differently; TLS listeners cannot be built.');
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      if (!transport.current()) return startHttp.call(server, socket);
      // Until its first byte the connection belongs to no server's timeouts: one that never speaks is cut here.
      socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
      socket.once('error', () => socket.destroy());
      socket.once('data', (chunk: Buffer) => {
        socket.setTimeout(0);
        socket.pause();
        if (chunk[0] === TLS_HANDSHAKE) {
          // TLS takes over the socket's handle and first replays what is buffered: the bytes read here are not lost,
          // and the connection stays on the native path (no JS stream wrapper).
          socket.unshift(chunk);
          startTls.call(server, socket);
        } else {
          refusePlainHttp(socket, chunk, plainHttpAnswer);
        }
      });
    });
    transport.track(server);
    // An https.Server is an http.Server to everything fastify does with it (listen, close, timeouts, 'request').
    return server as unknown as http.Server;
  };
}

function refusePlainHttp(socket: Socket, firstChunk: Buffer, answer: (hint: string) => PlainHttpAnswer): void {
  const head = firstChunk.toString('latin1', 0, Math.min(firstChunk.length, 4096));
  // Only what a URL can hold is echoed back, and not much of it: the answer must not become a reflection channel.
  const target = /^[A-Z]+ (\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]{0,512}) HTTP\/1\.[01]\r?\n/.exec(head)?.[1];
  const host = /\r?\nhost:[ \t]*([A-Za-z0-9.\-:[\]]{1,255})\r?\n/i.exec(head)?.[1];
  const where = target && host ? `https://${host}${target}` : 'the https:// URL';
  const { contentType, body } = answer(`This port serves HTTPS only: send the request to ${where}.`);
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

// What a TLS listener needs, from the local CA or from the user's own certificate, prepared off the request path.
import path from 'node:path';
import { userDataDir } from '../app-paths';
import { loadOrCreateLocalCa } from './local-ca';
import { loadOwnCertificate } from './own-certificate';
import { ensureServerCertificate } from './server-certificate';
import { serverNames } from './server-names';

export interface TlsMaterial {
  certificateChainPem: string;
  privateKeyPem: string;
  notAfter: Date;
  /** The local CA's certificate that signed it, or null for the user's own certificate. */
  caPem: string | null;
  /** What was done to get here, for the start-up log (never key material). */
  note: string;
}

export interface TlsSource {
  /** The folder with the local CA and the server certificate. */
  dir: string;
  /** Where the endpoints listen (--host): the server certificate names it. */
  host: string;
  /** The host clients put in the URL; an own certificate must name it. */
  urlHost: string;
  own?: { certFile: string; keyFile: string };
  now?: () => Date;
}

/** One local CA per user, next to the default tenant: one certificate to trust for every tenant file. */
export const defaultTlsDir = (): string => path.join(userDataDir(), 'tls');

export async function prepareTlsMaterial(source: TlsSource): Promise<TlsMaterial> {
  const now = source.now?.() ?? new Date();
  if (source.own) {
    const own = loadOwnCertificate(source.own.certFile, source.own.keyFile, source.urlHost, now);
    return { ...own, caPem: null, note: `HTTPS with ${source.own.certFile} (valid until ${own.notAfter.toISOString().slice(0, 10)})` };
  }
  const ca = await loadOrCreateLocalCa(source.dir, now);
  const server = await ensureServerCertificate(source.dir, ca, serverNames(source.host), now);
  return {
    certificateChainPem: server.certificateChainPem,
    privateKeyPem: server.privateKeyPem,
    notAfter: server.notAfter,
    caPem: ca.certificatePem,
    note: `HTTPS with a certificate from the local CA in ${source.dir} (${server.renewed ? 'issued now' : 'reused'}, valid until ${server.notAfter.toISOString().slice(0, 10)})`,
  };
}

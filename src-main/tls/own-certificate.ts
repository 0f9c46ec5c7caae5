// --tls-cert / --tls-key: a certificate the user brings (corporate CA, mkcert). Checked at start, so a wrong file
// fails with one clear line instead of every client failing its handshake later.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { pemBlocks, privateKeyBlock } from './pem';

export class TlsSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsSetupError';
  }
}

export interface OwnCertificate {
  certificateChainPem: string;
  privateKeyPem: string;
  notAfter: Date;
}

function readPem(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TlsSetupError(`${flag} ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}

/** `servedHost` is the host name or address clients use in the endpoint URL; the certificate must name it. */
export function loadOwnCertificate(certFile: string, keyFile: string, servedHost: string, now = new Date()): OwnCertificate {
  const chain = pemBlocks(readPem(certFile, '--tls-cert'), 'CERTIFICATE');
  if (chain.length === 0) throw new TlsSetupError(`--tls-cert ${certFile}: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----).`);
  const keyPem = privateKeyBlock(readPem(keyFile, '--tls-key'));
  if (!keyPem) throw new TlsSetupError(`--tls-key ${keyFile}: no PEM private key in it (expected -----BEGIN PRIVATE KEY-----).`);

  let leaf: crypto.X509Certificate;
  let key: crypto.KeyObject;
  try {
    leaf = new crypto.X509Certificate(chain[0]!);
  } catch (e) {
    throw new TlsSetupError(`--tls-cert ${certFile}: the first certificate cannot be parsed (${(e as Error).message}).`);
  }
  try {
    key = crypto.createPrivateKey(keyPem);
  } catch (e) {
    throw new TlsSetupError(`--tls-key ${keyFile}: the key cannot be read (${(e as Error).message}; an encrypted key must be decrypted first).`);
  }
  if (!leaf.checkPrivateKey(key)) throw new TlsSetupError(`--tls-key ${keyFile} does not match the certificate in ${certFile} (it belongs to another certificate).`);
  const notAfter = new Date(leaf.validTo);
  const notBefore = new Date(leaf.validFrom);
  if (notAfter <= now) throw new TlsSetupError(`--tls-cert ${certFile} expired on ${notAfter.toISOString()}; clients will refuse it. Use a current certificate.`);
  if (notBefore > now) throw new TlsSetupError(`--tls-cert ${certFile} is not valid before ${notBefore.toISOString()}; check this machine's clock or the certificate.`);
  const named = net.isIP(servedHost) ? leaf.checkIP(servedHost) !== undefined : leaf.checkHost(servedHost) !== undefined;
  if (!named) {
    throw new TlsSetupError(
      `--tls-cert ${certFile} does not name ${servedHost}, the address being served (its names: ${leaf.subjectAltName ?? 'none'}). Use a certificate for ${servedHost} or serve on an address it names with --host.`,
    );
  }
  return { certificateChainPem: chain.join(''), privateKeyPem: keyPem, notAfter };
}

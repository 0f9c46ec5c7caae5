// Certificates for tests. RSA key generation takes a good fraction of a second, so the local CA and its server
// certificate are made once per machine user in one folder and reused by every test that does not test their
// making (the code under test checks and renews what it finds there, as it does for a user).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateLocalCa } from '../../src-main/tls/local-ca';
import { ensureServerCertificate } from '../../src-main/tls/server-certificate';
import type { SubjectNames } from '../../src-main/tls/server-names';

/** A CLOUDSSO_LOCAL_HOME for child processes that should find the shared CA where the product looks (tls/). */
export function sharedHome(): string {
  return path.join(os.tmpdir(), `cloudsso-test-home-${os.userInfo().uid}`);
}

export function sharedTlsDir(): string {
  return path.join(sharedHome(), 'tls');
}

export function freshTlsDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-tls-')), 'tls');
}

/** A certificate and key as separate PEM files, the way a user brings their own (--tls-cert / --tls-key). */
export async function ownCertificateFiles(names: SubjectNames, issuedAt = new Date()): Promise<{ certFile: string; keyFile: string; caPem: string }> {
  const dir = freshTlsDir();
  const ca = await loadOrCreateLocalCa(sharedTlsDir());
  const issued = await ensureServerCertificate(dir, ca, names, issuedAt);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  fs.writeFileSync(certFile, issued.certificateChainPem);
  fs.writeFileSync(keyFile, issued.privateKeyPem);
  return { certFile, keyFile, caPem: ca.certificatePem };
}

// The local certificate authority: made once per user, kept in the TLS folder of the app's data folder, and
// trusted by the user in one step. Its private key never leaves that folder (never the tenant file, never a log).
import crypto from 'node:crypto';
import type { CaCertificate } from '../core/types';
import { createPrivateFileOnce, ensurePrivateDir, readIfExists, tlsFile, writePrivateFile } from './private-files';
import { pemBlocks, privateKeyBlock } from './pem';
import { generateRsaKeys, importPrivateKeyPem, privateKeyPem, x509, type CryptoKey } from './x509';

export const CA_COMMON_NAME = 'CloudSSO Local Development CA';
/** The key and the certificate together, owner-only: one file, so a half-made CA is never seen. */
export const CA_PRIVATE_FILE = 'ca-private.pem';
/** A public copy of the certificate, for the user to trust. */
export const CA_CERT_FILE = 'ca.pem';

const CA_YEARS = 10;
// The CA outlives server certificates by years, so it gets the longer key.
const CA_KEY_BITS = 3072;

export interface LocalCa {
  certificatePem: string;
  privateKey: CryptoKey;
  certificate: x509.X509Certificate;
}

export function summarizeCertificate(pem: string): CaCertificate {
  const cert = new crypto.X509Certificate(pem);
  return { Pem: pem, Sha256Fingerprint: cert.fingerprint256, NotAfter: new Date(cert.validTo).toISOString(), Subject: cert.subject.replace(/\n/g, ', ') };
}

/** The CA certificate if one was made, without touching its key. */
export function readLocalCaCertificate(dir: string): string | null {
  const bundle = readIfExists(tlsFile(dir, CA_PRIVATE_FILE));
  return bundle ? (pemBlocks(bundle, 'CERTIFICATE')[0] ?? null) : null;
}

export async function loadOrCreateLocalCa(dir: string, now = new Date()): Promise<LocalCa> {
  ensurePrivateDir(dir);
  const file = tlsFile(dir, CA_PRIVATE_FILE);
  let bundle = readIfExists(file);
  if (bundle === null) {
    const made = await makeCaBundle(now);
    // Two first starts at once: the one that links first wins and the other uses its CA.
    createPrivateFileOnce(file, made);
    bundle = readIfExists(file)!;
  }
  const certificatePem = pemBlocks(bundle, 'CERTIFICATE')[0];
  const keyPem = privateKeyBlock(bundle);
  if (!certificatePem || !keyPem) throw new Error(`${file} is damaged (no certificate or key in it). Delete the folder ${dir} to make a new local CA, then trust the new one.`);
  writePublicCopy(dir, certificatePem);
  return { certificatePem, privateKey: await importPrivateKeyPem(keyPem), certificate: new x509.X509Certificate(certificatePem) };
}

function writePublicCopy(dir: string, pem: string): void {
  const file = tlsFile(dir, CA_CERT_FILE);
  if (readIfExists(file) !== pem) writePrivateFile(file, pem);
}

async function makeCaBundle(now: Date): Promise<string> {
  const keys = await generateRsaKeys(CA_KEY_BITS);
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_YEARS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'),
    name: `CN=${CA_COMMON_NAME}, O=CloudSSO Local`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return `${await privateKeyPem(keys.privateKey)}${cert.toString('pem')}\n`;
}

// The server certificate the local CA signs: short-lived, and issued again at start whenever it is close to
// expiry, names other addresses than this run serves, or was signed by a CA that is no longer the local one.
import crypto from 'node:crypto';
import type { LocalCa } from './local-ca';
import { pemBlocks, privateKeyBlock } from './pem';
import { ensurePrivateDir, readIfExists, tlsFile, writePrivateFile } from './private-files';
import { normalizeIp, sameNames, type SubjectNames } from './server-names';
import { generateRsaKeys, privateKeyPem, x509 } from './x509';

export const SERVER_PRIVATE_FILE = 'server-private.pem';
/** Browsers and Apple's platforms refuse TLS server certificates valid for longer than 398 days. */
export const SERVER_CERT_DAYS = 397;
/** Renewed at start when fewer days than this are left. */
export const RENEW_WITHIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
// Entra ID requires RSA keys of at least 2048 bits.
const SERVER_KEY_BITS = 2048;

export interface ServerCertificate {
  /** The server certificate followed by the CA's, as a TLS server sends them. */
  certificateChainPem: string;
  privateKeyPem: string;
  notAfter: Date;
  /** True when this call issued it (first run, near expiry, other names, other CA). */
  renewed: boolean;
}

export async function ensureServerCertificate(dir: string, ca: LocalCa, names: SubjectNames, now = new Date()): Promise<ServerCertificate> {
  ensurePrivateDir(dir);
  const file = tlsFile(dir, SERVER_PRIVATE_FILE);
  const existing = readIfExists(file);
  const usable = existing ? stillUsable(existing, ca, names, now) : null;
  if (usable) return { ...usable, renewed: false };
  const issued = await issue(ca, names, now);
  writePrivateFile(file, `${issued.privateKeyPem}${issued.certificateChainPem}`);
  return { ...issued, renewed: true };
}

function stillUsable(bundle: string, ca: LocalCa, wanted: SubjectNames, now: Date): Omit<ServerCertificate, 'renewed'> | null {
  const [leafPem] = pemBlocks(bundle, 'CERTIFICATE');
  const keyPem = privateKeyBlock(bundle);
  if (!leafPem || !keyPem) return null;
  try {
    const leaf = new crypto.X509Certificate(leafPem);
    const caCert = new crypto.X509Certificate(ca.certificatePem);
    if (!leaf.checkIssued(caCert) || !leaf.verify(caCert.publicKey) || !leaf.checkPrivateKey(crypto.createPrivateKey(keyPem))) return null;
    const notAfter = new Date(leaf.validTo);
    if (notAfter.getTime() - now.getTime() < RENEW_WITHIN_DAYS * DAY_MS) return null;
    if (!sameNames(certificateNames(leafPem), wanted)) return null;
    return { certificateChainPem: `${leafPem}${ca.certificatePem}`, privateKeyPem: keyPem, notAfter };
  } catch {
    return null; // unreadable: issue a new one
  }
}

/** The DNS names and IP addresses a certificate's subjectAltName lists. */
export function certificateNames(pem: string): SubjectNames {
  const san = new x509.X509Certificate(pem).getExtension(x509.SubjectAlternativeNameExtension);
  const dns = new Set<string>();
  const ip = new Set<string>();
  for (const name of san?.names.toJSON() ?? []) {
    if (name.type === 'dns') dns.add(name.value.toLowerCase());
    if (name.type === 'ip') ip.add(normalizeIp(name.value));
  }
  return { dns: [...dns].sort(), ip: [...ip].sort() };
}

async function issue(ca: LocalCa, names: SubjectNames, now: Date): Promise<Omit<ServerCertificate, 'renewed'>> {
  const keys = await generateRsaKeys(SERVER_KEY_BITS);
  // An hour back, so a client whose clock is a little behind does not see a certificate from the future.
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore.getTime() + SERVER_CERT_DAYS * DAY_MS);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: crypto.randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'),
    subject: 'CN=localhost, O=CloudSSO Local',
    issuer: ca.certificate.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names.dns.map((value) => ({ type: 'dns' as const, value })), ...names.ip.map((value) => ({ type: 'ip' as const, value }))]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return { certificateChainPem: `${cert.toString('pem')}\n${ca.certificatePem}`, privateKeyPem: await privateKeyPem(keys.privateKey), notAfter };
}

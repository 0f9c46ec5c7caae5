import crypto from 'node:crypto';

// Credential secrets are 256-bit random tokens: a fast hash is fit for them (no dictionary to guess from),
// and lets the SCIM auth path find the credential by an indexed lookup.
export const hashSecret = (secret: string): string => crypto.createHash('sha256').update(secret, 'utf8').digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

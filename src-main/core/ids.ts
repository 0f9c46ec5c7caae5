import crypto from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** CloudSSO's identifier shape: a prefix and 20 lowercase alphanumerics. */
export function newId(prefix: 'u-' | 'g-' | 'd-' | 'scimcred-'): string {
  return prefix + randomString(20, ALPHABET);
}

export function randomString(length: number, alphabet: string): string {
  const out: string[] = [];
  // rejection sampling keeps every character equally likely
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length]!);
    }
  }
  return out.join('');
}

export const nowIso = (): string => new Date().toISOString();

import crypto from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** CloudSSO's identifier shape: a prefix and 20 lowercase alphanumerics. */
export function newId(prefix: 'u-' | 'g-' | 'd-' | 'scimcred-'): string {
  return prefix + randomString(20, ALPHABET);
}

/** Random bytes drawn 4 KB at a time: one id is minted on every SCIM create, and a call into the CSPRNG per id
 *  was 3 % of a POST /Users. Each byte is used once. */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomByte(): number {
  if (used === pool.length) {
    crypto.randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}

export function randomString(length: number, alphabet: string): string {
  const out: string[] = [];
  // rejection sampling keeps every character equally likely
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    const b = randomByte();
    if (b < limit) out.push(alphabet[b % alphabet.length]!);
  }
  return out.join('');
}

export const nowIso = (): string => new Date().toISOString();

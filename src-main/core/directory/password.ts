import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { randomString } from '../ids';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
// scrypt, N=2^14 r=8 p=1: a memory-hard KDF at a cost (~40 ms) that still lets an IdP push thousands of users.
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return crypto.timingSafeEqual(actual, expected);
}

/** What Reset Password shows once: 16 characters with every class CloudSSO's password policy asks for. */
export function generatePassword(): string {
  const body = randomString(12, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789');
  return `${body}${randomString(1, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}${randomString(1, 'abcdefghijkmnpqrstuvwxyz')}${randomString(1, '23456789')}${randomString(1, '!@#%^*-_+=')}`;
}

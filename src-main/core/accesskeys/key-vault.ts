import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Seals AccessKey secrets for storage in the tenant file. The key that opens them lives somewhere else (a file in
 *  the data folder here; the desktop app may implement this over Electron's safeStorage), so a copied, exported or
 *  shared tenant file never carries a usable API secret. `context` is bound to the sealed text (the AccessKeyId), so
 *  a sealed secret moved onto another row does not open. */
export interface KeyVault {
  seal(plain: string, context: string): string;
  /** null when the text was not sealed by this vault's key (a tenant file from another machine) or was altered. */
  open(sealed: string, context: string): string | null;
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM under a 256-bit key kept in a file of its own (mode 600), created on first use. */
export class FileKeyVault implements KeyVault {
  private key: Buffer | null = null;

  constructor(private readonly keyFile: string) {}

  /** The key file that belongs to a tenant file: beside it, in the same data folder. */
  static besideTenant(tenantFile: string): FileKeyVault {
    return new FileKeyVault(`${tenantFile}.accesskeys.key`);
  }

  seal(plain: string, context: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.loadKey(true)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string, context: string): string | null {
    const key = this.loadKey(false);
    if (!key || !sealed.startsWith(`${FORMAT}:`)) return null;
    const raw = Buffer.from(sealed.slice(FORMAT.length + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null; // another key, or altered text: GCM's tag says so
    }
  }

  private loadKey(create: boolean): Buffer | null {
    if (this.key) return this.key;
    try {
      this.key = parseKey(fs.readFileSync(this.keyFile, 'utf8'), this.keyFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (!create) return null;
      this.key = this.createKey();
    }
    return this.key;
  }

  /** 'wx' creates the file only if it is absent: two processes (serve and the CLI) racing here both end up with
   *  whichever key was written first. */
  private createKey(): Buffer {
    const key = crypto.randomBytes(32);
    fs.mkdirSync(path.dirname(this.keyFile), { recursive: true });
    try {
      fs.writeFileSync(this.keyFile, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      return parseKey(fs.readFileSync(this.keyFile, 'utf8'), this.keyFile);
    }
  }
}

function parseKey(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} is not an AccessKey vault key (expected 32 bytes in base64).`);
  return key;
}

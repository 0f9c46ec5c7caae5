import fs from 'node:fs';
import path from 'node:path';

/** The folder that holds private keys: created owner-only (0700) and tightened if it already existed looser. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

/** Writes a file readable by its owner only (0600). The content goes to a temporary name first and is renamed
 *  into place, so a reader never sees half a key. */
export function writePrivateFile(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Like writePrivateFile, but only if the file does not exist yet; returns false when another process was first.
 *  A hard link either creates the name or fails, so two first starts at once cannot both win. */
export function createPrivateFileOnce(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export const tlsFile = (dir: string, name: string): string => path.join(dir, name);

import { coreError, isCoreError, type CoreError } from '../errors';

/** SQLite's codes for "another connection holds the lock" (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED…). */
export function isLockContention(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** SQLite's and the OS's codes for a file or folder this process may not write. */
export function isUnwritableStorage(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM');
}

/** Any error SQLite reports (as opposed to a defect in our code). */
export function isStorageError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** How long an IdP is told to wait before retrying a write that met another process's lock. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export const tenantBusy = (): CoreError => coreError('Busy', 'TenantBusy', {});

export const cannotWrite = (file: string): CoreError => coreError('CannotWrite', 'CannotWrite', { file });

/** Storage errors as the core's own errors, so every face (SCIM, console, CLI) words them the same way. Anything
 *  else is returned unchanged. */
export function asCoreError(e: unknown, file = 'The tenant file'): unknown {
  if (isCoreError(e)) return e;
  if (isLockContention(e)) return tenantBusy();
  if (isUnwritableStorage(e)) return cannotWrite(file);
  return e;
}

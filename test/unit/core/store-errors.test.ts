// What a storage error means for the user, whatever SQLite or the OS called it.
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src-main/core/errors';
import { asCoreError } from '../../../src-main/core/store/store-errors';

const withCode = (code: string) => Object.assign(new Error(`raw ${code} message`), { code });

describe('storage errors', () => {
  it.each(['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'EACCES', 'EROFS', 'EPERM'])(
    '%s: CannotWrite, one line naming the file, no raw SQLite text',
    (code) => {
      const e = asCoreError(withCode(code), '/data/tenant.sqlite') as CoreError;
      expect(e).toBeInstanceOf(CoreError);
      expect(e.code).toBe('CannotWrite');
      expect(e.message).toMatch(/^\/data\/tenant\.sqlite cannot be written: the file or its folder is read-only/);
      expect(e.message).not.toMatch(/SQLITE|raw/);
      expect(e.message).not.toContain('\n');
    },
  );

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED'])('%s: Busy', (code) => {
    expect((asCoreError(withCode(code)) as CoreError).code).toBe('Busy');
  });

  it('anything else passes through unchanged', () => {
    const other = withCode('SQLITE_CONSTRAINT_UNIQUE');
    expect(asCoreError(other)).toBe(other);
  });
});

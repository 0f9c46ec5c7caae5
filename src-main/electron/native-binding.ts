import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module: Node (npm test, headless mode) and Electron need builds for different ABIs.
 * The checkout's node_modules keeps the Node build; the desktop app in a dev checkout loads a second,
 * Electron-ABI build from native/electron/ (made by `npm run rebuild:electron-native`), handed to
 * better-sqlite3's `nativeBinding` option through this environment variable. Packaged apps need none of this:
 * electron-builder rebuilds node_modules for Electron when it packages (see docs/desktop.md).
 */
export const SQLITE_NATIVE_BINDING_ENV = 'CLOUDSSO_SQLITE_NATIVE_BINDING';

export const ELECTRON_NATIVE_BINDING_RELATIVE_PATH = path.join('native', 'electron', 'better_sqlite3.node');

export type NativeBindingChoice =
  | { kind: 'bundled' }
  | { kind: 'separate-build'; file: string }
  | { kind: 'missing'; expected: string };

export function chooseSqliteBinding(
  app: { isPackaged: boolean; appPath: string },
  fileExists: (file: string) => boolean = (file) => fs.existsSync(file),
): NativeBindingChoice {
  if (app.isPackaged) return { kind: 'bundled' };
  const file = path.join(app.appPath, ELECTRON_NATIVE_BINDING_RELATIVE_PATH);
  return fileExists(file) ? { kind: 'separate-build', file } : { kind: 'missing', expected: file };
}

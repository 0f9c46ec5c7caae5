import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

/**
 * better-sqlite3 is a native module: Node (npm test, headless mode) and Electron need builds for different ABIs.
 * The checkout's node_modules keeps the Node build; the desktop app in a dev checkout uses a second,
 * Electron-ABI build in native/electron/ (made by `npm run rebuild:electron-native`). Packaged apps need none
 * of this: electron-builder rebuilds node_modules for Electron when it packages (see docs/desktop.md).
 */
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

/** Where better-sqlite3 looks for its addon when no `nativeBinding` option is given (through `bindings`). */
export function defaultSqliteAddonPath(): string {
  const packageRoot = path.dirname(require.resolve('better-sqlite3/package.json'));
  return path.join(packageRoot, 'build', 'Release', 'better_sqlite3.node');
}

/**
 * Makes `addonFile` the addon every `new Database()` in this process uses, without touching the core: it is
 * loaded once and registered in Node's module cache under the path better-sqlite3 would load by default, so
 * its lookup finds the Electron build instead of the Node one. This is what better-sqlite3's `nativeBinding`
 * option does per call, done once for the process. Must run before the first database is opened.
 */
export function useSqliteAddon(addonFile: string, defaultAddonFile: string = defaultSqliteAddonPath()): void {
  const addon: unknown = require(path.resolve(addonFile));
  const entry = new Module(defaultAddonFile);
  entry.filename = defaultAddonFile;
  entry.loaded = true;
  entry.exports = addon;
  require.cache[defaultAddonFile] = entry;
}

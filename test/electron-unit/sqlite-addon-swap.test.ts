// The desktop app in a dev checkout loads better-sqlite3's Electron build from native/electron/ while
// node_modules keeps the Node build. Electron is not available here, so the swap is proven with a copy of the
// Node build standing in for the Electron one: after useSqliteAddon, databases are opened through that copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSqliteAddonPath, useSqliteAddon } from '../../src-main/electron/native-binding';

const require = createRequire(import.meta.url);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-addon-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('useSqliteAddon', () => {
  it('points at the addon better-sqlite3 loads by default', () => {
    expect(defaultSqliteAddonPath()).toBe(path.resolve(__dirname, '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    expect(fs.existsSync(defaultSqliteAddonPath())).toBe(true);
  });

  it('makes every new Database use the other build, with no option passed by the caller', () => {
    const standIn = path.join(scratch, 'electron', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(standIn), { recursive: true });
    fs.copyFileSync(defaultSqliteAddonPath(), standIn);

    useSqliteAddon(standIn);

    const standInAddon = require(standIn) as { isInitialized?: boolean; Database: unknown };
    expect(require.cache[defaultSqliteAddonPath()]?.exports).toBe(standInAddon);
    const Database = require('better-sqlite3') as new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void };
    const db = new Database(':memory:');
    try {
      expect(db.prepare('SELECT 41 + 1 AS answer').get()).toEqual({ answer: 42 });
    } finally {
      db.close();
    }
    // better-sqlite3 marks the addon it initialised: it was the stand-in, not the file in node_modules.
    expect(standInAddon.isInitialized).toBe(true);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chooseSqliteBinding, ELECTRON_NATIVE_BINDING_RELATIVE_PATH } from '../../src-main/electron/native-binding';

const projectDir = path.resolve(__dirname, '..', '..');
const require = createRequire(import.meta.url);
const abiCheck = require('../../scripts/check-native-abi.js') as {
  abiTagsIn(binary: Buffer): number[];
  judgeAddon(binary: Buffer, expectedAbi: number): string;
  checkPackagedAddons(appOutDir: string, expectedAbi: number): string[];
  electronAbi(projectDir: string): number;
};
const nodeBuild = path.join(projectDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

describe('the packaging ABI check (afterPack)', () => {
  it("reads Electron's ABI from the installed electron package", () => {
    expect(abiCheck.electronAbi(projectDir)).toBeGreaterThan(Number(process.versions.modules));
  });

  it('recognises the checkout’s better-sqlite3 as a Node build', () => {
    expect(abiCheck.abiTagsIn(fs.readFileSync(nodeBuild))).toEqual([Number(process.versions.modules)]);
  });

  it('fails packaging when the Node build of better-sqlite3 would ship in the Electron app', () => {
    const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-abi-'));
    try {
      const unpacked = path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
      fs.mkdirSync(unpacked, { recursive: true });
      fs.copyFileSync(nodeBuild, path.join(unpacked, 'better_sqlite3.node'));
      const electron = abiCheck.electronAbi(projectDir);
      expect(() => abiCheck.checkPackagedAddons(appOutDir, electron)).toThrow(
        new RegExp(`built for ABI ${process.versions.modules}, but Electron needs ABI ${electron}`),
      );
    } finally {
      fs.rmSync(appOutDir, { recursive: true, force: true });
    }
  });

  it('accepts an addon registered for the expected ABI, and fails when no addon was packaged', () => {
    expect(abiCheck.judgeAddon(Buffer.from('\0node_register_module_v145\0'), 145)).toBe('ok');
    expect(abiCheck.judgeAddon(Buffer.from('no tag here'), 145)).toBe('unknown');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-abi-'));
    try {
      expect(() => abiCheck.checkPackagedAddons(empty, 145)).toThrow(/No better_sqlite3.node was packaged/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('which better-sqlite3 build the desktop app loads', () => {
  const appPath = '/home/dev/cloudsso-local';

  it('uses the bundled one in a packaged app (electron-builder rebuilt it for Electron)', () => {
    expect(chooseSqliteBinding({ isPackaged: true, appPath }, () => false)).toEqual({ kind: 'bundled' });
  });

  it('uses the separate Electron build in a dev checkout, leaving node_modules to Node', () => {
    const expected = path.join(appPath, ELECTRON_NATIVE_BINDING_RELATIVE_PATH);
    expect(chooseSqliteBinding({ isPackaged: false, appPath }, (file) => file === expected)).toEqual({ kind: 'separate-build', file: expected });
  });

  it('says where the separate build should be when it is missing', () => {
    expect(chooseSqliteBinding({ isPackaged: false, appPath }, () => false)).toEqual({
      kind: 'missing',
      expected: path.join(appPath, 'native', 'electron', 'better_sqlite3.node'),
    });
  });
});

// Packs the app with electron-builder itself (`--linux dir`, offline) into a scratch folder and reads the
// resulting app.asar: the file list that ships is the one electron-builder's own matchers produce.
// Electron's binary is replaced by a stub folder (electronDist), fuses are skipped (they patch that binary) and
// the native rebuild is off (docs/toolchain.md: no Electron-ABI build can be made here), so the Node build is
// packed: the file list is checked with the ABI hook off, and the hook is checked to refuse exactly that build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectDir = path.resolve(__dirname, '..', '..');
const require = createRequire(path.join(projectDir, 'package.json'));
const { build, Platform } = require('electron-builder') as {
  build(options: { projectDir: string; targets: unknown; config: Record<string, unknown> }): Promise<string[]>;
  Platform: { LINUX: { createTarget(type: string): unknown } };
};
const asar = require('@electron/asar') as { listPackage(archive: string, options?: object): string[] };
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

let scratch = '';
let entries: string[] = [];
let resourcesDir = '';

/** A scratch copy of the project as `npm run build` leaves it, plus files that must not ship. */
function scratchProject(root: string): string {
  const app = path.join(root, 'project');
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml', 'scripts/check-native-abi.js']) {
    write(path.join(app, file), fs.readFileSync(path.join(projectDir, file), 'utf8'));
  }
  fs.symlinkSync(path.join(projectDir, 'node_modules'), path.join(app, 'node_modules'), 'junction');
  write(path.join(app, 'dist/main/electron/main.js'), '"use strict";');
  write(path.join(app, 'dist/main/electron/main.js.map'), '{}');
  write(path.join(app, 'dist/main/electron/preload.js'), '"use strict";');
  write(path.join(app, 'dist/main/server.js'), '"use strict";');
  write(path.join(app, 'dist/main/server.d.ts'), 'export {};');
  write(path.join(app, 'dist/renderer/index.html'), '<!doctype html>');
  write(path.join(app, 'dist/renderer/assets/index-abc123.js'), 'export {};');
  write(path.join(app, 'dist/renderer/assets/index-abc123.js.map'), '{}');
  write(path.join(app, 'src-main/electron/main.ts'), 'export {};');
  write(path.join(app, 'src-renderer/main.tsx'), 'export {};');
  write(path.join(app, 'test/electron-unit/x.test.ts'), 'export {};');
  write(path.join(app, 'test/fixtures/tenant.sqlite'), 'not shipped');
  write(path.join(app, 'native/electron/better_sqlite3.node'), 'dev-only build');
  write(path.join(app, 'scripts/start.js'), '');
  return app;
}

/** `electron-builder --linux dir` on the scratch project, with a stand-in for the unpacked Electron. */
async function packLinuxDir(root: string, overrides: Record<string, unknown>): Promise<string> {
  const app = scratchProject(root);
  const electronDist = path.join(root, 'electron-dist');
  write(path.join(electronDist, 'electron'), '#!/bin/sh\n');
  write(path.join(electronDist, 'LICENSE'), '');
  write(path.join(electronDist, 'version'), '41.7.1');
  fs.mkdirSync(path.join(electronDist, 'resources'));
  const config = yaml.load(fs.readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8'));
  await build({
    projectDir: app,
    targets: Platform.LINUX.createTarget('dir'),
    config: {
      ...config,
      electronDist,
      npmRebuild: false,
      electronFuses: null,
      directories: { ...(config.directories as object), output: path.join(root, 'release') },
      ...overrides,
    },
  });
  return path.join(root, 'release', 'linux-unpacked', 'resources');
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-pack-'));
  // The ABI check would (rightly) refuse the Node build packed here; it has its own test below.
  resourcesDir = await packLinuxDir(path.join(scratch, 'files'), { afterPack: null });
  entries = asar.listPackage(path.join(resourcesDir, 'app.asar'));
}, 120_000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('packaging with the configured afterPack hook', () => {
  it('refuses to produce an app whose better-sqlite3 was built for Node (a rebuild that silently used the wrong headers)', async () => {
    await expect(packLinuxDir(path.join(scratch, 'abi'), {})).rejects.toThrow(/better_sqlite3\.node is built for ABI \d+, but Electron needs ABI \d+/);
  }, 120_000);
});

describe('the packaged app (app.asar)', () => {
  it('contains the main bundle, the preload, the renderer and package.json', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/dist/main/electron/main.js',
        '/dist/main/electron/preload.js',
        '/dist/main/server.js',
        '/dist/renderer/index.html',
        '/dist/renderer/assets/index-abc123.js',
      ]),
    );
  });

  it('ships better-sqlite3 with its addon unpacked next to the asar (native modules cannot load from inside it)', () => {
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
    expect(entries).toContain('/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(fs.existsSync(path.join(resourcesDir, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('leaves out tests, sources, source maps, type declarations and the dev-only native build', () => {
    const leaked = entries.filter(
      (entry) =>
        /^\/(test|src-main|src-renderer|native|scripts)(\/|$)/.test(entry) ||
        (entry.startsWith('/dist/') && /\.(map|ts|tsx)$/.test(entry)),
    );
    expect(leaked).toEqual([]);
  });

  it('leaves out better-sqlite3 C sources and build intermediates', () => {
    const intermediates = entries.filter((entry) => /^\/node_modules\/better-sqlite3\/(deps|src|build\/Release\/obj|build\/deps)(\/|$)/.test(entry) || entry.endsWith('test_extension.node'));
    expect(intermediates).toEqual([]);
  });

  it('includes production dependencies and no development ones', () => {
    expect(entries).toEqual(expect.arrayContaining(['/node_modules/fastify/package.json', '/node_modules/commander/package.json']));
    const devOnly = ['electron', 'electron-builder', 'vitest', 'vite', 'react', 'antd', 'typescript', '@playwright/test'];
    expect(entries.filter((entry) => devOnly.some((name) => entry === `/node_modules/${name}` || entry.startsWith(`/node_modules/${name}/`)))).toEqual([]);
  });
});

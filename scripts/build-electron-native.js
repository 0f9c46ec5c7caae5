#!/usr/bin/env node
// Builds better-sqlite3 a second time, against Electron's headers, into native/electron/better_sqlite3.node.
// node_modules keeps the Node build, so `npm test` and the headless mode keep working in the same checkout;
// the desktop app loads this file through better-sqlite3's `nativeBinding` option (docs/desktop.md).
// Needs Electron's headers once (downloaded from ELECTRON_HEADERS_URL, default https://electronjs.org/headers).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const projectDir = path.resolve(__dirname, '..');
const electronVersion = require(path.join(projectDir, 'node_modules', 'electron', 'package.json')).version;
const sourceDir = path.join(projectDir, 'node_modules', 'better-sqlite3');
const outputFile = path.join(projectDir, 'native', 'electron', 'better_sqlite3.node');
const headersUrl = process.env.ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
const nodeGyp = path.join(projectDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

// Build in a scratch copy: rebuilding in node_modules would replace the Node build that `npm test` needs.
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-electron-sqlite-'));
for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
  fs.cpSync(path.join(sourceDir, entry), path.join(workDir, entry), { recursive: true });
}

// npm exports its config to child processes as npm_config_*; a `nodedir` there (this machine's npm sets /usr)
// would make node-gyp compile against Node's headers while calling the result Electron's. Drop them all.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));

console.log(`Building better-sqlite3 for Electron ${electronVersion} (headers from ${headersUrl})…`);
const build = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    `--dist-url=${headersUrl}`,
    `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
    `--jobs=${Math.max(1, os.cpus().length)}`,
  ],
  { cwd: workDir, stdio: 'inherit', env },
);
if (build.status !== 0) {
  console.error(
    `\nCould not build better-sqlite3 for Electron ${electronVersion}. The usual cause is that Electron's headers ` +
      `cannot be downloaded from ${headersUrl}; set ELECTRON_HEADERS_URL to a reachable mirror and run again.`,
  );
  fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(1);
}

fs.mkdirSync(path.dirname(outputFile), { recursive: true });
fs.copyFileSync(path.join(workDir, 'build', 'Release', 'better_sqlite3.node'), outputFile);
fs.writeFileSync(
  path.join(path.dirname(outputFile), 'BUILD-INFO.json'),
  JSON.stringify({ electron: electronVersion, platform: process.platform, arch: process.arch, builtAt: new Date().toISOString() }, null, 2) + '\n',
);
fs.rmSync(workDir, { recursive: true, force: true });
console.log(`Wrote ${path.relative(projectDir, outputFile)}`);

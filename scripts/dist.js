#!/usr/bin/env node
// `npm run dist`: electron-builder for the current platform, with two guards around its native rebuild.
// 1. npm passes its config to children as npm_config_*; a `nodedir` there makes the Electron rebuild of
//    better-sqlite3 compile against Node's headers and "succeed" (docs/toolchain.md). It is removed.
// 2. electron-builder rebuilds node_modules/better-sqlite3 in place, for Electron. That would leave this checkout
//    unable to run `npm test` on Node (and a failed rebuild deletes the build outright). The Node build is
//    saved first and put back afterwards, whatever happened.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const projectDir = path.resolve(__dirname, '..');
const addonBuildDir = path.join(projectDir, 'node_modules', 'better-sqlite3', 'build');
const builderBin = path.join(projectDir, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');

const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-node-sqlite-'));
const hadNodeBuild = fs.existsSync(addonBuildDir);
if (hadNodeBuild) fs.cpSync(addonBuildDir, path.join(saved, 'build'), { recursive: true });

const env = { ...process.env };
for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];

let status = 1;
try {
  const result = spawnSync(builderBin, ['--config', 'electron-builder.yml', ...process.argv.slice(2)], {
    cwd: projectDir,
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  status = result.status ?? 1;
} finally {
  if (hadNodeBuild) {
    fs.rmSync(addonBuildDir, { recursive: true, force: true });
    fs.cpSync(path.join(saved, 'build'), addonBuildDir, { recursive: true });
  }
  fs.rmSync(saved, { recursive: true, force: true });
}
process.exit(status);

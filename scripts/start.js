#!/usr/bin/env node
// `npm start`: open the desktop app where Electron's runtime is installed; elsewhere say so in one line and
// start the headless console instead, so the README's start command works on every machine.
// (package.json's `start` script has already built dist/ before this runs.)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const projectDir = path.resolve(__dirname, '..');
const ELECTRON_NATIVE_BINDING = path.join('native', 'electron', 'better_sqlite3.node');
const HEADLESS_NOTICE =
  'CloudSSO Local: the desktop runtime (Electron) is not installed here, so the headless console is starting instead.';
const NO_NATIVE_BUILD_NOTICE =
  'CloudSSO Local: better-sqlite3 could not be built for Electron (see above), so the headless console is starting instead.';

/**
 * The start-up decision, free of side effects.
 * @param {{ resolveElectron: () => string, isFile: (file: string) => boolean, projectDir: string, nodePath: string, extraArgs?: string[], nativeBuildFailed?: boolean }} facts
 *   resolveElectron is `require('electron')`: under plain Node the electron package returns its binary's path,
 *   and throws when the binary was never downloaded. extraArgs (`npm start -- --port 0`) go to `serve`; the desktop
 *   app takes its settings from its menus instead. nativeBuildFailed: the Electron build of better-sqlite3 was
 *   attempted and failed (typically, Electron's headers could not be downloaded).
 * @returns {{ mode: 'desktop', command: string, args: string[], buildNativeFirst: boolean }
 *          | { mode: 'headless', command: string, args: string[], notice: string }}
 */
function decideStartup(facts) {
  let electronPath = null;
  try {
    electronPath = facts.resolveElectron();
  } catch {
    electronPath = null;
  }
  const hasRuntime = typeof electronPath === 'string' && electronPath !== '' && facts.isFile(electronPath);
  if (hasRuntime && !facts.nativeBuildFailed) {
    return {
      mode: 'desktop',
      command: electronPath,
      // The project folder, not the main script: Electron then reads package.json (productName, main).
      args: [facts.projectDir],
      buildNativeFirst: !facts.isFile(path.join(facts.projectDir, ELECTRON_NATIVE_BINDING)),
    };
  }
  return {
    mode: 'headless',
    command: facts.nodePath,
    args: [path.join(facts.projectDir, 'bin', 'cloudsso-local.js'), 'serve', ...(facts.extraArgs ?? [])],
    notice: hasRuntime ? NO_NATIVE_BUILD_NOTICE : HEADLESS_NOTICE,
  };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Runs the child with our terminal, passes Ctrl+C / kill on to it, and exits with its status.
 * On POSIX the child gets a process group of its own: Ctrl+C in a terminal signals the whole foreground group,
 * and a child in it would receive SIGINT twice (from the terminal and from us); the second would kill it
 * before the tenant is checkpointed. This way each signal reaches it exactly once.
 */
function runForwardingSignals(command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env, cwd: projectDir, detached: process.platform !== 'win32' });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  child.on('error', (error) => {
    console.error(`CloudSSO Local: could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const facts = {
    resolveElectron: () => require('electron'),
    isFile,
    projectDir,
    nodePath: process.execPath,
    extraArgs: process.argv.slice(2),
  };
  let decision = decideStartup(facts);
  if (decision.mode === 'desktop' && decision.buildNativeFirst) {
    const build = spawnSync(process.execPath, [path.join(__dirname, 'build-electron-native.js')], { stdio: 'inherit', cwd: projectDir });
    if (build.status !== 0) decision = decideStartup({ ...facts, nativeBuildFailed: true });
  }
  if (decision.mode === 'headless') {
    console.log(decision.notice);
    runForwardingSignals(decision.command, decision.args, process.env);
    return;
  }
  // An inherited ELECTRON_RUN_AS_NODE would turn the app into a bare Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForwardingSignals(decision.command, decision.args, env);
}

if (require.main === module) main();

module.exports = { decideStartup, runForwardingSignals, HEADLESS_NOTICE, NO_NATIVE_BUILD_NOTICE, ELECTRON_NATIVE_BINDING };

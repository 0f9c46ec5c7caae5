import path from 'node:path';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface StartupFacts {
  resolveElectron: () => string;
  isFile: (file: string) => boolean;
  projectDir: string;
  nodePath: string;
  extraArgs?: string[];
  nativeBuildFailed?: boolean;
}
type StartupDecision =
  | { mode: 'desktop'; command: string; args: string[]; buildNativeFirst: boolean }
  | { mode: 'headless'; command: string; args: string[]; notice: string };

const { decideStartup, HEADLESS_NOTICE, NO_NATIVE_BUILD_NOTICE } = require('../../scripts/start.js') as {
  decideStartup(facts: StartupFacts): StartupDecision;
  HEADLESS_NOTICE: string;
  NO_NATIVE_BUILD_NOTICE: string;
};

const projectDir = '/home/dev/cloudsso-local';
const electronBinary = `${projectDir}/node_modules/electron/dist/electron`;
const nativeBinding = path.join(projectDir, 'native', 'electron', 'better_sqlite3.node');

function facts(overrides: Partial<StartupFacts>): StartupFacts {
  return {
    resolveElectron: () => electronBinary,
    isFile: (file: string) => file === electronBinary || file === nativeBinding,
    projectDir,
    nodePath: '/usr/bin/node',
    ...overrides,
  };
}

describe('npm start: desktop app or headless console', () => {
  it('opens the desktop app on the project folder when the Electron binary is installed', () => {
    expect(decideStartup(facts({}))).toEqual({ mode: 'desktop', command: electronBinary, args: [projectDir], buildNativeFirst: false });
  });

  it('builds the Electron copy of better-sqlite3 first when it is missing', () => {
    const decision = decideStartup(facts({ isFile: (file) => file === electronBinary }));
    expect(decision).toMatchObject({ mode: 'desktop', buildNativeFirst: true });
  });

  it('starts the headless console, with one line saying why, when the electron package has no binary', () => {
    const decision = decideStartup(
      facts({
        resolveElectron: () => {
          throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
        },
      }),
    );
    expect(decision).toEqual({
      mode: 'headless',
      command: '/usr/bin/node',
      args: [path.join(projectDir, 'bin', 'cloudsso-local.js'), 'serve'],
      notice: HEADLESS_NOTICE,
    });
    expect(HEADLESS_NOTICE).not.toContain('\n');
    expect(HEADLESS_NOTICE).toMatch(/desktop runtime \(Electron\) is not installed/);
    expect(HEADLESS_NOTICE).toMatch(/headless console/);
  });

  it('falls back to the headless console, saying why in one line, when the Electron build of better-sqlite3 cannot be made', () => {
    const decision = decideStartup(facts({ isFile: (file) => file === electronBinary, nativeBuildFailed: true }));
    expect(decision).toMatchObject({ mode: 'headless', notice: NO_NATIVE_BUILD_NOTICE });
    expect(NO_NATIVE_BUILD_NOTICE).not.toContain('\n');
    expect(NO_NATIVE_BUILD_NOTICE).toMatch(/better-sqlite3 could not be built for Electron/);
  });

  it('passes options given to npm start on to serve', () => {
    const decision = decideStartup(facts({ isFile: () => false, extraArgs: ['--port', '0'] }));
    expect(decision.args.slice(1)).toEqual(['serve', '--port', '0']);
  });

  it('starts headless when the path the electron package reports does not exist', () => {
    expect(decideStartup(facts({ isFile: () => false })).mode).toBe('headless');
  });

  it('starts headless when the electron package is not installed at all', () => {
    const decision = decideStartup(
      facts({
        resolveElectron: () => {
          throw Object.assign(new Error("Cannot find module 'electron'"), { code: 'MODULE_NOT_FOUND' });
        },
      }),
    );
    expect(decision.mode).toBe('headless');
  });

  it('decides headless on this machine, where Electron cannot be downloaded', () => {
    const decision = decideStartup({
      resolveElectron: () => require('electron') as string,
      isFile: (file: string) => require('node:fs').existsSync(file),
      projectDir: path.resolve(__dirname, '..', '..'),
      nodePath: process.execPath,
    });
    let electronPresent = false;
    try {
      electronPresent = require('node:fs').existsSync(require('electron') as string);
    } catch {
      electronPresent = false;
    }
    expect(decision.mode).toBe(electronPresent ? 'desktop' : 'headless');
  });
});

describe('npm start on this machine (headless fallback), stopped with Ctrl+C', () => {
  const projectDir = path.resolve(__dirname, '..', '..');
  let electronPresent = false;
  try {
    electronPresent = fs.existsSync(require('electron') as string);
  } catch {
    electronPresent = false;
  }
  const built = fs.existsSync(path.join(projectDir, 'dist', 'main', 'cli.js'));
  const skipReason = electronPresent ? 'Electron is installed here, so npm start would open the desktop app' : !built ? 'dist/ is not built (npm run build)' : '';
  if (skipReason) console.log(`headless npm start check skipped: ${skipReason}`);

  it.skipIf(skipReason !== '')('prints one line, serves, and on Ctrl+C closes the tenant cleanly', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-start-'));
    try {
      // Its own process group, like a terminal's foreground job: Ctrl+C signals the whole group.
      const launcher = spawn(process.execPath, ['scripts/start.js', '--port', '0', '--accelerated-port', '0', '--console-port', '0'], {
        cwd: projectDir,
        env: { ...process.env, CLOUDSSO_LOCAL_HOME: home },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => launcher.on('exit', (code) => resolve(code)));
      const deadline = Date.now() + 20_000;
      while (!output.includes('Press Ctrl+C to stop.') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(output.split('\n')[0]).toBe(HEADLESS_NOTICE);
      expect(output).toMatch(/SCIM Endpoint: +http:\/\/127\.0\.0\.1:\d+\/scim\/v2/);

      process.kill(-launcher.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      // A clean close checkpoints the WAL into the tenant and removes it.
      expect(fs.readdirSync(home).sort()).toEqual(['tenant.sqlite']);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('signal forwarding of the launcher', () => {
  it.skipIf(process.platform === 'win32')('delivers a terminal Ctrl+C to the child exactly once', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-signals-'));
    try {
      // The child counts SIGINTs; two would mean the terminal's and the launcher's both arrived (the second
      // one kills `serve` before it has checkpointed the tenant).
      const child = path.join(scratch, 'child.js');
      fs.writeFileSync(child, "let count = 0; process.on('SIGINT', () => count++); console.log('ready'); setTimeout(() => { console.log('count=' + count); process.exit(0); }, 800);");
      const launcher = path.join(scratch, 'launcher.js');
      fs.writeFileSync(launcher, `require(${JSON.stringify(path.resolve(__dirname, '../../scripts/start.js'))}).runForwardingSignals(process.execPath, [${JSON.stringify(child)}], process.env);`);
      const group = spawn(process.execPath, [launcher], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      group.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => group.on('exit', (code) => resolve(code)));
      const deadline = Date.now() + 10_000;
      while (!output.includes('ready') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      process.kill(-group.pid!, 'SIGINT'); // what a terminal does on Ctrl+C: the whole foreground group
      expect(await exited).toBe(0);
      expect(output).toContain('count=1');
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }, 20_000);
});

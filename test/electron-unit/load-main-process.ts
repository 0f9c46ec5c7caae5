// Compiles the main process as `npm run build:main` does and runs it under Node against a fake 'electron'.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createFakeElectron } from './fake-electron';

export const projectDir = path.resolve(__dirname, '..', '..');
const projectRequire = createRequire(path.join(projectDir, 'package.json'));

export interface LoadedMainProcess {
  electron: ReturnType<typeof createFakeElectron>['electron'];
  calls: ReturnType<typeof createFakeElectron>['calls'];
  outDir: string;
  scratch: string;
  userData: string;
  home: string;
  cleanUp(): void;
}

/** `name` keeps each test file's build apart (test files run in parallel). `preferences` is written to
 *  userData/preferences.json before start. */
export function loadMainProcess(name: string, preferences: object): LoadedMainProcess {
  // Inside node_modules so the compiled code resolves dependencies exactly as dist/ does.
  const buildRoot = path.join(projectDir, 'node_modules', '.cache', `cloudsso-${name}`);
  const outDir = path.join(buildRoot, 'main');
  fs.rmSync(buildRoot, { recursive: true, force: true });
  execFileSync(process.execPath, [projectRequire.resolve('typescript/bin/tsc'), '-p', path.join(projectDir, 'tsconfig.main.json'), '--outDir', outDir, '--sourceMap', 'false'], {
    cwd: projectDir,
    stdio: 'pipe',
  });
  // main.js serves ../../renderer relative to itself.
  fs.mkdirSync(path.join(buildRoot, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(buildRoot, 'renderer', 'index.html'), '<!doctype html><title>CloudSSO Local</title><div id="root"></div>');

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `cloudsso-${name}-`));
  const appData = path.join(scratch, 'appData');
  // CLOUDSSO_LOCAL_HOME is the per-user data folder for the headless mode and the desktop app alike.
  const home = path.join(scratch, 'home');
  const userData = home;
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(path.join(userData, 'preferences.json'), JSON.stringify(preferences));
  const previousHome = process.env.CLOUDSSO_LOCAL_HOME;
  process.env.CLOUDSSO_LOCAL_HOME = home;

  const { electron, calls } = createFakeElectron({ appData, documents: path.join(scratch, 'Documents'), appPath: projectDir });
  projectRequire.cache[projectRequire.resolve('electron')] = { exports: electron } as NodeJS.Module;
  projectRequire(path.join(outDir, 'electron', 'main.js'));

  return {
    electron,
    calls,
    outDir,
    scratch,
    userData,
    home,
    cleanUp: () => {
      delete projectRequire.cache[projectRequire.resolve('electron')];
      if (previousHome === undefined) delete process.env.CLOUDSSO_LOCAL_HOME;
      else process.env.CLOUDSSO_LOCAL_HOME = previousHome;
      fs.rmSync(scratch, { recursive: true, force: true });
      fs.rmSync(buildRoot, { recursive: true, force: true });
    },
  };
}

export async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface StartupFacts {
  resolveElectron: () => string;
  isFile: (file: string) => boolean;
  projectDir: string;
  nodePath: string;
}
type StartupDecision =
  | { mode: 'desktop'; command: string; args: string[]; buildNativeFirst: boolean }
  | { mode: 'headless'; command: string; args: string[]; notice: string };

const { decideStartup, HEADLESS_NOTICE } = require('../../scripts/start.js') as {
  decideStartup(facts: StartupFacts): StartupDecision;
  HEADLESS_NOTICE: string;
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

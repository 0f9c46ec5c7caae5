// `npm run setup:test` right after `npm run setup` must not install everything (and compile SQLite) again; a
// changed lock file, or a first install as in CI, must. npm is replaced by a stand-in that records its calls.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function checkout() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-setup-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.mkdirSync(path.join(dir, 'fake-bin'));
  fs.copyFileSync(path.join(ROOT, 'scripts', 'setup.sh'), path.join(dir, 'scripts', 'setup.sh'));
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  const npmLog = path.join(dir, 'npm-calls.log');
  // The stand-in "installs" by creating node_modules, as npm ci does.
  fs.writeFileSync(path.join(dir, 'fake-bin', 'npm'), `#!/bin/sh\necho "$*" >> "${npmLog}"\nmkdir -p node_modules\n`, { mode: 0o755 });
  const setup = () => {
    const res = spawnSync('bash', [path.join(dir, 'scripts', 'setup.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(dir, 'fake-bin')}:${path.dirname(process.execPath)}:/usr/bin:/bin` },
    });
    expect(res.status, res.stderr).toBe(0);
    return res.stdout;
  };
  const npmCalls = () => (fs.existsSync(npmLog) ? fs.readFileSync(npmLog, 'utf8').trim().split('\n') : []);
  return { dir, setup, npmCalls };
}

describe('scripts/setup.sh', () => {
  it('installs on a fresh checkout, skips the install when nothing changed, installs again after the lock file changes', () => {
    const { dir, setup, npmCalls } = checkout();
    setup();
    expect(npmCalls()).toEqual([expect.stringMatching(/^ci\b/)]);

    expect(setup()).toMatch(/already installed from this package-lock\.json/);
    expect(npmCalls()).toHaveLength(1);

    fs.appendFileSync(path.join(dir, 'package-lock.json'), '\n');
    setup();
    expect(npmCalls()).toHaveLength(2);
  });

  it('installs when node_modules exists but no install finished there', () => {
    const { dir, setup, npmCalls } = checkout();
    fs.mkdirSync(path.join(dir, 'node_modules'));
    setup();
    expect(npmCalls()).toHaveLength(1);
  });
});

// What `npm run setup` installs must suit the Node the README and package.json name, quietly: no dependency that
// asks for a newer Node (npm's EBADENGINE warning), and every install script either allowed or denied on purpose
// (npm's "not yet covered by allowScripts" warning; better-sqlite3 must still build).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean; dev?: boolean }>;
};
const semver = createRequire(path.join(ROOT, 'package.json'))('semver') as { minVersion(range: string): { version: string }; satisfies(v: string, range: string): boolean };

const packageName = (lockPath: string) => lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
const installed = Object.entries(lock.packages).filter(([lockPath]) => lockPath.startsWith('node_modules/') || lockPath.includes('/node_modules/'));

describe('package-lock.json', () => {
  const oldestNode = semver.minVersion(pkg.engines.node).version;

  it(`holds no package that refuses the oldest Node package.json allows (${oldestNode})`, () => {
    const refusing = installed
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(oldestNode, (entry.engines as { node: string }).node))
      .map(([lockPath, entry]) => `${packageName(lockPath)}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('decides, in package.json allowScripts, about every package that has an install script', () => {
    const withScripts = [...new Set(installed.filter(([, entry]) => entry.hasInstallScript).map(([lockPath]) => packageName(lockPath)))];
    expect(withScripts).toContain('better-sqlite3');
    const undecided = withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean');
    expect(undecided).toEqual([]);
    expect(pkg.allowScripts?.['better-sqlite3'], 'the SQLite driver is compiled by its install script').toBe(true);
  });
});

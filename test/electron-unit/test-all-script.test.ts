// `npm test` runs every stage even when one fails, so a failing console suite no longer hides the Electron suite.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface Stage { name: string; script: string; needsBuild?: boolean }
type Outcome = 'passed' | 'failed' | 'skipped';
const { STAGES, runStages, summary } = require('../../scripts/test-all.js') as {
  STAGES: Stage[];
  runStages(stages: Stage[], run: (stage: Stage) => number): { stage: Stage; outcome: Outcome; detail: string }[];
  summary(results: ReturnType<typeof runStages>): string;
};

const outcomes = (exitCodes: Record<string, number>) => {
  const ran: string[] = [];
  const results = runStages(STAGES, (stage) => (ran.push(stage.script), exitCodes[stage.script] ?? 0));
  return { ran, byScript: Object.fromEntries(results.map((r) => [r.stage.script, r.outcome])), text: summary(results) };
};

describe('npm test', () => {
  it('runs the Electron suite after the console suite failed, and reports both', () => {
    const { ran, byScript, text } = outcomes({ 'test:e2e': 1 });
    expect(ran).toEqual(['typecheck', 'lint', 'build', 'test:unit', 'test:e2e', 'test:electron']);
    expect(byScript).toMatchObject({ 'test:e2e': 'failed', 'test:electron': 'passed' });
    expect(text).toMatch(/✗ Playwright: the console in Chromium: failed \(exit code 1\)/);
    expect(text).toMatch(/✓ Playwright: the desktop app in Electron: passed/);
  });

  it('still runs the tests after a lint failure, but not against a build that failed', () => {
    expect(outcomes({ lint: 1 }).ran).toContain('test:e2e');
    const { ran, byScript, text } = outcomes({ build: 2 });
    expect(ran).toEqual(['typecheck', 'lint', 'build']);
    expect(byScript).toMatchObject({ build: 'failed', 'test:unit': 'skipped', 'test:e2e': 'skipped', 'test:electron': 'skipped' });
    expect(text).toMatch(/- Playwright: the desktop app in Electron: skipped \(the build failed/);
  });
});

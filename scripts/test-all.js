#!/usr/bin/env node
// `npm test`: every stage runs even when an earlier one failed, so one failure never hides another stage's result
// (a timed-out console test used to end an `&&` chain before the Electron suite could print why it is skipped).
// The stages that test the built product (vitest's CLI tests, both Playwright suites) need a successful build; when
// the build fails they are skipped with that reason. A summary closes the run; the exit code is 1 if anything failed.
'use strict';

const { spawnSync } = require('node:child_process');

/** @typedef {{ name: string, script: string, needsBuild?: boolean }} Stage */

/** @type {Stage[]} */
const STAGES = [
  { name: 'type checks', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'build', script: 'build' },
  { name: 'vitest (unit, SCIM over HTTP, CLI, security, reliability)', script: 'test:unit', needsBuild: true },
  { name: 'Playwright: the console in Chromium', script: 'test:e2e', needsBuild: true },
  { name: 'Playwright: the desktop app in Electron', script: 'test:electron', needsBuild: true },
];

/**
 * Runs every stage in order, whatever the ones before it did.
 * @param {Stage[]} stages
 * @param {(stage: Stage) => number} run returns the stage's exit code
 * @returns {{ stage: Stage, outcome: 'passed' | 'failed' | 'skipped', detail: string }[]}
 */
function runStages(stages, run) {
  const results = [];
  let built = true;
  for (const stage of stages) {
    if (stage.needsBuild && !built) {
      results.push({ stage, outcome: 'skipped', detail: 'the build failed, so there is no product to test' });
      continue;
    }
    const code = run(stage);
    if (stage.script === 'build' && code !== 0) built = false;
    results.push({ stage, outcome: code === 0 ? 'passed' : 'failed', detail: code === 0 ? '' : `exit code ${code}` });
  }
  return results;
}

/** @param {ReturnType<typeof runStages>} results */
function summary(results) {
  const mark = { passed: '✓', failed: '✗', skipped: '-' };
  const lines = results.map(({ stage, outcome, detail }) => `  ${mark[outcome]} ${stage.name}: ${outcome}${detail ? ` (${detail})` : ''}`);
  return `\nnpm test:\n${lines.join('\n')}\n`;
}

function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const results = runStages(STAGES, (stage) => {
    process.stdout.write(`\n> npm run ${stage.script}\n`);
    // npm.cmd is a batch file: Windows runs it only through a shell
    const child = spawnSync(npm, ['run', stage.script], { stdio: 'inherit', shell: process.platform === 'win32' });
    return child.status ?? 1;
  });
  process.stdout.write(summary(results));
  process.exit(results.some((r) => r.outcome !== 'passed') ? 1 : 0);
}

if (require.main === module) main();

module.exports = { STAGES, runStages, summary };

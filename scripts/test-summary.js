#!/usr/bin/env node
// Reads the log of `npm test` and prints one closing line with the totals of every runner in it (vitest and the
// Playwright suites), so a reader of CI sees the whole count at the end instead of the last suite's alone.
'use strict';
const fs = require('node:fs');

const log = fs.readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (key, n) => (totals[key] += Number(n));

for (const line of log.split('\n')) {
  const vitest = /^\s*Tests\s+(.*)$/.exec(line);
  if (vitest) {
    for (const [, n, key] of vitest[1].matchAll(/(\d+) (passed|failed|skipped)/g)) add(key, n);
    continue;
  }
  const playwright = /^\s+(\d+) (passed|failed|skipped|flaky)\b/.exec(line);
  if (playwright) add(playwright[2] === 'flaky' ? 'passed' : playwright[2], playwright[1]);
}
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

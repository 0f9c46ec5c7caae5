// One set of tests, two sizes: the normal suite (npm test) runs them small enough to stay quick;
// `npm run test:reliability` sets RELIABILITY_SCALE=full and gets the figures the issue asks for.
import fs from 'node:fs';

export const FULL = process.env.RELIABILITY_SCALE === 'full';

export const SCALE = {
  killCycles: FULL ? 24 : 5,
  fuzzRequests: FULL ? 10_000 : 1_000,
  importKills: FULL ? 12 : 3,
  migrationKills: FULL ? 12 : 3,
  patchRuns: Number(process.env.PATCH_RUNS) || (FULL ? 2_000 : 300),
  logFloodRequests: FULL ? 400 : 120,
} as const;

/** Adds numbers to the run's summary (a JSON-lines file run.js reads), and prints them for the normal suite. */
export function recordFigures(suite: string, figures: Record<string, number | string>): void {
  const line = JSON.stringify({ suite, ...figures });
  const file = process.env.RELIABILITY_FIGURES;
  if (file) fs.appendFileSync(file, `${line}\n`);
  else process.stdout.write(`[figures] ${line}\n`);
}

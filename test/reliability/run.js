#!/usr/bin/env node
// npm run test:reliability: the reliability and security suites at full size (RELIABILITY_SCALE=full), then one
// summary: kill cycles, writes acknowledged and lost, fuzz requests and 5xx, auth cases, integrity checks.
// Extra arguments go to vitest (e.g. a file filter). RELIABILITY_SEED=<n> replays a run.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-reliability-'));
const figuresFile = path.join(work, 'figures.jsonl');
const reportFile = path.join(work, 'vitest.json');
const seed = process.env.RELIABILITY_SEED ?? String(Date.now() % 1_000_000);

const SUITES = [
  'test/reliability/',
  'test/security/',
  'test/unit/reliability/',
  // the filter compiler's own property tests (parse → print → parse, any input → SQL or ScimFilterError)
  'test/unit/filter/property.test.ts',
  // what a filter costs: the compiler's "served by an index" against SQLite's query plans, and the static limits
  'test/unit/filter/cost.test.ts',
  // the Electron guards, owned by the desktop suite, reported here too
  'test/electron-unit/security.test.ts',
  'test/electron-unit/trusted-url.test.ts',
  'test/electron-unit/preload.test.ts',
  'test/electron-unit/admin-ipc.test.ts',
  'test/electron-unit/app-asset-path.test.ts',
].filter((p) => fs.existsSync(path.join(root, p)));

const started = Date.now();
const vitest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...SUITES, '--testTimeout=900000', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, RELIABILITY_SCALE: 'full', RELIABILITY_FIGURES: figuresFile, RELIABILITY_SEED: seed, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
);

const figures = fs.existsSync(figuresFile) ? fs.readFileSync(figuresFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const of = (suite) => figures.filter((f) => f.suite === suite);
const sum = (list, key) => list.reduce((n, f) => n + (Number(f[key]) || 0), 0);
const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : { testResults: [] };
const tests = (match) => {
  const files = report.testResults.filter((r) => match.test(path.relative(root, r.name)));
  const all = files.flatMap((f) => f.assertionResults);
  return { passed: all.filter((a) => a.status === 'passed').length, failed: all.filter((a) => a.status === 'failed').length, skipped: all.filter((a) => a.status !== 'passed' && a.status !== 'failed').length, total: all.length };
};

const crash = of('crash');
const fuzz = of('fuzz');
const importKill = of('import-kill');
const migrationKill = of('migration-kill');
const auth = tests(/^test\/security\/auth-cases/);
const bridge = tests(/^test\/security\/console-bridge/);
const pollution = tests(/^test\/security\/prototype-pollution/);
const secrets = tests(/^test\/security\/secrets-at-rest/);
const electron = tests(/^test\/electron-unit\//);
const properties = tests(/^test\/unit\/(reliability|filter)\//);
const everything = tests(/./);
const membership = of('membership');
const flood = of('log-flood');
const spellingRoutes = tests(/^test\/security\/(console-token-routes|scim-route-auth)/);
const lostUpdates = tests(/^test\/security\/lost-updates/);
const lockHolding = of('lock-holding');
const tampering = of('import-tampering');
const cliServe = of('cli-while-serving');
const protoFuzz = of('prototype-fuzz');
const costly = of('costly-filters');
const lost = sum(crash, 'lost');
const fiveXX = sum(fuzz, 'fiveXX') + sum(cliServe, 'fiveXX') + sum(lockHolding, 'otherFiveXX');
const lockExits = sum(lockHolding, 'processExits');
const lockLogMissing = sum(lockHolding, 'requestsSent') - sum(lockHolding, 'logEntriesKept');
const tamperingAccepted = sum(tampering, 'variants') - sum(tampering, 'refused');
const half = sum(importKill, 'half') + sum(migrationKill, 'half');

const lines = [
  `CloudSSO Local reliability summary — ${new Date().toISOString()}, seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s`,
  `  kill cycles (SIGKILL during concurrent SCIM writes): ${sum(crash, 'killCycles')}`,
  `  writes acknowledged: ${sum(crash, 'acknowledged')}   lost: ${lost}   in flight at a kill (either outcome allowed): ${sum(crash, 'inFlightAtKill')}`,
  `  kills during import: ${sum(importKill, 'kills')} (old tenant ${sum(importKill, 'oldTenant')}, new ${sum(importKill, 'newTenant')}, half ${sum(importKill, 'half')})   during migration: ${sum(migrationKill, 'kills')} (old ${sum(migrationKill, 'oldFormat')}, new ${sum(migrationKill, 'newFormat')}, half ${sum(migrationKill, 'half')})`,
  `  fuzz requests sent: ${sum(fuzz, 'requests')} (${sum(fuzz, 'raw')} over raw sockets, ${sum(fuzz, 'oversizedBodies')} over the body limit)   5xx seen: ${sum(fuzz, 'fiveXX')}   crashes: ${sum(fuzz, 'crashed')}   error bodies not SCIM: ${sum(fuzz, 'nonScimErrorBodies')}`,
  `  concurrency: ${sum(membership, 'requests')} membership PATCHes from ${sum(membership, 'clients')} clients → ${sum(membership, 'actualMembers')}/${sum(membership, 'expectedMembers')} expected members; ${sum(cliServe, 'cliCommands')} CLI commands during ${sum(cliServe, 'scimRequests')} SCIM requests, 5xx ${sum(cliServe, 'fiveXX')}`,
  `  lock-holding: another process held the write lock ${(sum(lockHolding, 'holdMs') / 1000).toFixed(1)} s; ${sum(lockHolding, 'requestsDuringLock')} requests meanwhile (${sum(lockHolding, 'readsDuringLock')} reads, ${sum(lockHolding, 'writesRefused503')} writes → 503 + Retry-After), 5xx other than 503: ${sum(lockHolding, 'otherFiveXX')}, process exits: ${lockExits}, log entries kept: ${sum(lockHolding, 'logEntriesKept')}/${sum(lockHolding, 'requestsSent')}, slowest read ${sum(lockHolding, 'slowestReadMs')} ms`,
  `  import schema tampering: ${sum(tampering, 'variants')} variants tried (extra trigger, view, table, index; missing index; altered column; duplicate-case users; bogus values), ${sum(tampering, 'refused')} refused`,
  `  costly filters (20,000 users): ${sum(costly, 'sent')} sent, refused by static limit ${sum(costly, 'refusedStatic')}, by time budget ${sum(costly, 'refusedBudget')}, queue full (503) ${sum(costly, 'busy')}, answered ${sum(costly, 'answered')}   indexed GET p95 while they ran: ${costly.length ? `${Math.max(...costly.map((f) => Number(f.lookupP95Ms) || 0))} ms over ${sum(costly, 'lookups')} lookups` : 'not measured'}`,
  `  auth cases passed: ${sum(of('auth'), 'passed')}/${sum(of('auth'), 'cases')} credential cases (${auth.passed}/${auth.total} tests), ${bridge.passed}/${bridge.total} console bridge cases, ${pollution.passed}/${pollution.total} prototype-pollution cases, secrets in clear: ${secrets.failed === 0 && secrets.passed > 0 ? 'none found' : 'CHECK FAILED'}`,
  `  log flood (anonymous ${sum(flood, 'bodyKiB')} KiB POSTs): ${sum(flood, 'requests')} sent, tenant grew ${sum(flood, 'tenantGrowthKiB')} KiB, real entries kept ${sum(flood, 'realEntriesKept')}/${sum(flood, 'realEntries')}`,
  `  route authorisation under URL re-spellings (console bridge, SCIM): ${spellingRoutes.passed}/${spellingRoutes.total} tests passed   lost updates around password hashing: ${lostUpdates.passed}/${lostUpdates.total} tests passed`,
  `  prototype-pollution fuzz: ${sum(protoFuzz, 'bodies')} bodies sent (PATCH engine and HTTP routes, POST/PUT/PATCH)   prototypes touched: ${sum(protoFuzz, 'prototypesTouched')}   anonymous still 401: ${protoFuzz.length && protoFuzz.every((f) => f.anonymousStill401 === 1) ? 'yes' : 'NO'}`,
  `  Electron guards (desktop suite): ${electron.passed}/${electron.total} passed`,
  `  property tests (PATCH engine, filter compiler and its cost): ${properties.passed}/${properties.total} passed`,
  `  integrity checks: ${figures.reduce((n, f) => n + (Number(f.integrityChecks) || 0), 0)} run, ${everything.failed ? 'see the failures above' : 'all ok'}`,
  `  tests: ${everything.passed} passed, ${everything.failed} failed, ${everything.skipped} skipped`,
];
process.stdout.write(`\n${lines.join('\n')}\n`);
fs.rmSync(work, { recursive: true, force: true });
process.exit(vitest.status !== 0 || lost > 0 || fiveXX > 0 || half > 0 || sum(protoFuzz, 'prototypesTouched') > 0 || lockExits > 0 || lockLogMissing !== 0 || tamperingAccepted !== 0 || everything.total === 0 ? 1 : 0);

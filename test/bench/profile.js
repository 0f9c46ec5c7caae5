'use strict';
// Profiles one benchmark scenario: `node test/bench/profile.js <scenario-kind> [path] [--users 100000] [--keep DIR]`.
// Seeds a tenant (or reuses DIR), runs `serve` under `node --cpu-prof`, loads it with the same load generator
// as the benchmark, then prints the functions with the most self time and the hottest call paths.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { flagReader, keptTenant } = require('./kept-tenant');

const ROOT = path.resolve(__dirname, '..', '..');
const { flag, positional } = flagReader(process.argv.slice(2));
const users = Number(flag('--users', '100000'));
const duration = Number(flag('--seconds', '8'));
const keep = flag('--keep', null);
const syncUsers = Number(flag('--sync-users', '2000'));
const [kind, fixedPath] = positional();
if (!kind) throw new Error('usage: profile.js <get-user|filter-username|fixed|post-user|patch-user|put-user|patch-members|filter-group|idp-push> [path with {group} {deep}]');

(async () => {
  const { dir, dataFile, seeded, sampleFile } = keptTenant(keep, users, 'cloudsso-prof-');
  const profDir = fs.mkdtempSync(path.join(dir, 'prof-'));
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, path.join(ROOT, 'bin', 'cloudsso-local.js'), 'serve', '--data', dataFile, '--port', '0', '--accelerated-port', '0', '--no-console', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((r) => readline.createInterface({ input: child.stdout }).once('line', (l) => r(JSON.parse(l))));
  const origin = new URL(info.scimEndpoint).origin;
  const spec = {
    kind, origin, base: '/scim/v2', token: seeded.secret, sampleFile, tag: `prof${Date.now()}`, connections: 8, warmupSeconds: 1, durationSeconds: duration,
    path: fixedPath?.replace('{group}', seeded.sample.groupId).replace('{deep}', String(users - 99)),
    ...(kind === 'patch-members' ? { amount: Math.min(400, seeded.sample.batches.length) } : {}),
  };
  const specFile = path.join(dir, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const loadArgs =
    kind === 'idp-push'
      ? [path.join(ROOT, 'bin', 'cloudsso-local.js'), 'idp', 'push', '--endpoint', info.scimEndpoint, '--token', seeded.secret, '--users', String(syncUsers), '--groups', String(syncUsers / 10), '--concurrency', '4']
      : [path.join(__dirname, 'load.js'), specFile];
  const loadStarted = performance.now();
  const load = spawn(process.execPath, loadArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  load.stdout.on('data', (c) => (out += c));
  await new Promise((r) => load.once('exit', r));
  process.stdout.write(`load (${((performance.now() - loadStarted) / 1000).toFixed(1)} s): ${out}\n`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const dt = profile.timeDeltas;
  const total = dt.reduce((a, b) => a + b, 0);
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const agg = new Map();
  for (const [id, us] of self) {
    const k = name(byId.get(id));
    agg.set(k, (agg.get(k) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  process.stdout.write('\nself time:\n');
  [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, us]) => process.stdout.write(`${pct(us)}  ${k}\n`));
  // hottest stacks: the self time of each leaf with its three nearest project frames
  const stacks = new Map();
  for (const [id, us] of self) {
    const chain = [];
    for (let cur = id; cur !== undefined && chain.length < 6; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n.callFrame.url.includes('/dist/main/') || chain.length === 0) chain.push(name(n));
    }
    const k = chain.join(' ← ');
    stacks.set(k, (stacks.get(k) ?? 0) + us);
  }
  process.stdout.write('\nhottest paths:\n');
  [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, us]) => process.stdout.write(`${pct(us)}  ${k}\n`));
  process.stdout.write(`\nprofile: ${path.join(profDir, file)}\n`);
})();

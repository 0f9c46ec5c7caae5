'use strict';
// Quick A/B while working on one request path: `node test/bench/scenario.js <kind>[,<kind>…] [path] [--users N] [--keep DIR] [--seconds S]`.
// Seeds a tenant once (kept in DIR), starts `serve`, then for each scenario measures the ceiling and the product
// back to back and prints req/s, p99, server CPU µs per request and both ratios. Not the benchmark of record
// (`npm run bench` is); a quicker way to see whether a change moved a figure.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { flagReader, keptTenant } = require('./kept-tenant');

const ROOT = path.resolve(__dirname, '..', '..');
const { flag, positional } = flagReader(process.argv.slice(2));
const users = Number(flag('--users', '10000'));
const seconds = Number(flag('--seconds', '6'));
const keep = flag('--keep', null);
const [kinds, fixedPath] = positional();
if (!kinds) throw new Error('usage: scenario.js <get-user|filter-username|fixed|post-user|patch-user|put-user|filter-group|patch-members>[,…] [path with {group} {deep}] [--users N] [--keep DIR]');

function runLoad(spec, dir) {
  const file = path.join(dir, `spec-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify({ connections: 8, warmupSeconds: 1, durationSeconds: seconds, ...spec }));
  const child = spawn(process.execPath, [path.join(__dirname, 'load.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  return new Promise((resolve) => child.once('exit', () => (fs.rmSync(file), resolve(JSON.parse(out.trim().split('\n').pop())))));
}

function start(file, argv) {
  const child = spawn(process.execPath, [file, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', (l) => resolve({ child, info: JSON.parse(l) })));
}

(async () => {
  const { dir, dataFile, seeded, sampleFile } = keptTenant(keep, users, 'cloudsso-scenario-');

  const ceiling = await start(path.join(__dirname, 'ceiling-server.js'), []);
  const serve = await start(path.join(ROOT, 'bin', 'cloudsso-local.js'), ['serve', '--data', dataFile, '--port', '0', '--accelerated-port', '0', '--no-console', '--json']);
  const origin = new URL(serve.info.scimEndpoint).origin;
  for (const kind of kinds.split(',')) {
    const c = await runLoad({ kind: 'fixed', origin: `http://127.0.0.1:${ceiling.info.port}`, base: '', path: '/scim/v2/Users/u-0123456789abcdefghij', token: 'ceiling', serverPid: ceiling.info.pid }, dir);
    const p = await runLoad(
      {
        kind, origin, base: '/scim/v2', token: seeded.secret, sampleFile, tag: `s${Date.now()}`, serverPid: serve.child.pid,
        path: fixedPath?.replace('{group}', seeded.sample.groupId).replace('{deep}', String(users - 99)),
        // each request adds 100 users who are not yet members: use a fresh copy of the kept tenant for every run
        ...(kind === 'patch-members' ? { amount: Math.min(400, seeded.sample.batches.length) } : {}),
      },
      dir,
    );
    const f = (x, d = 0) => (x === null ? 'n/a' : x.toFixed(d));
    process.stdout.write(
      `${kind}${fixedPath ? ` ${fixedPath}` : ''}: ${f(p.rps)} req/s (ceiling ${f(c.rps)}, × ${f(p.rps / c.rps, 3)}), p99 ${f(p.p99, 2)} ms, ` +
        `CPU ${f(p.serverCpuUsPerRequest, 1)} µs/req (ceiling ${f(c.serverCpuUsPerRequest, 1)}, × ${f(c.serverCpuUsPerRequest / p.serverCpuUsPerRequest, 3)}), non-2xx ${p.requests - p.ok}\n`,
    );
  }
  const status = fs.readFileSync(`/proc/${serve.child.pid}/status`, 'utf8');
  process.stdout.write(`serve peak RSS ${Math.round(Number(/^VmHWM:\s+(\d+)/m.exec(status)[1]) / 1024)} MB\n`);
  const exited = [serve, ceiling].map(({ child }) => new Promise((r) => child.once('exit', r)));
  serve.child.kill('SIGTERM');
  ceiling.child.kill('SIGTERM');
  await Promise.all(exited);
})();

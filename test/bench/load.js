'use strict';
// The load generator, always a process of its own (never the server's): autocannon with keep-alive
// connections on 127.0.0.1. Reads one scenario from the JSON file named on the command line, prints one
// JSON result line. Latencies are taken from every response at sub-millisecond resolution (autocannon's
// own histogram rounds to whole milliseconds, too coarse for a 5 ms target).
const crypto = require('node:crypto');
const fs = require('node:fs');
const autocannon = require('autocannon');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sample = spec.sampleFile ? JSON.parse(fs.readFileSync(spec.sampleFile, 'utf8')) : null;

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let counter = 0;
let cursor = 0;
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const swapCase = (s) => s.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

/** A write to a random sampled user, its body made per request from the user and a running number. */
function writeToRandomUser(method, bodyFor) {
  return {
    method,
    headers: { 'content-type': 'application/scim+json' },
    setupRequest: (r) => {
      const u = pick(sample.users);
      return { ...r, path: `${spec.base}/Users/${u.id}`, body: JSON.stringify(bodyFor(u, ++counter)) };
    },
  };
}

// CloudSSO's OpenAPI, signed per request as @alicloud/pop-core does (V1 HMAC-SHA1, a GET with everything in the
// query string, a fresh nonce each time): the signature check is part of what an API call costs.
const percentEncode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
function signedApiPath(action, params) {
  const all = {
    Action: action, Format: 'JSON', Version: '2021-05-15', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: `${process.pid}-${++counter}-${Math.random()}`, AccessKeyId: sample.accessKey.id, ...params,
  };
  const canonical = Object.keys(all).sort().map((k) => `${percentEncode(k)}=${percentEncode(String(all[k]))}`).join('&');
  const signature = crypto.createHmac('sha1', `${sample.accessKey.secret}&`).update(`GET&${percentEncode('/')}&${percentEncode(canonical)}`).digest('base64');
  return `/?${canonical}&Signature=${percentEncode(signature)}`;
}

/** One request description per call: fixed ones are built once, generated ones per request. */
function requestFor(kind, phase) {
  const json = { 'content-type': 'application/scim+json' };
  switch (kind) {
    case 'get-user':
      return { method: 'GET', setupRequest: (r) => ({ ...r, path: `${spec.base}/Users/${pick(sample.users).id}` }) };
    case 'filter-username':
      return {
        method: 'GET',
        setupRequest: (r) => ({ ...r, path: `${spec.base}/Users?filter=${encodeURIComponent(`userName eq "${swapCase(pick(sample.users).userName)}"`)}` }),
      };
    case 'filter-group':
      return {
        method: 'GET',
        setupRequest: (r) => ({ ...r, path: `${spec.base}/Groups?filter=${encodeURIComponent(`displayName eq "${swapCase(pick(sample.groups).name)}"`)}&excludedAttributes=members` }),
      };
    case 'fixed':
      return { method: spec.method ?? 'GET', path: spec.base + spec.path };
    case 'api-get-user':
      return { method: 'GET', setupRequest: (r) => ({ ...r, path: signedApiPath('GetUser', { DirectoryId: sample.directoryId, UserId: pick(sample.users).id }) }) };
    case 'api-list-users':
      return { method: 'GET', setupRequest: (r) => ({ ...r, path: signedApiPath('ListUsers', { DirectoryId: sample.directoryId, MaxResults: '100' }) }) };
    case 'post-user':
      return {
        method: 'POST',
        headers: json,
        setupRequest: (r) => {
          const n = `${spec.tag}-${phase}-${process.pid}-${++counter}`;
          const userName = `new.user.${n}@contoso.example`;
          return {
            ...r,
            path: `${spec.base}/Users`,
            body: JSON.stringify({
              schemas: [USER_SCHEMA],
              userName,
              externalId: `ext-${n}`,
              name: { givenName: 'New', familyName: `User ${counter}` },
              displayName: `New User ${counter}`,
              emails: [{ value: userName, type: 'work', primary: true }],
              active: true,
            }),
          };
        },
      };
    case 'patch-user': // what Microsoft Entra sends: capitalised ops, string booleans, one attribute per op
      return writeToRandomUser('PATCH', (u, k) => ({
        schemas: [PATCH_SCHEMA],
        Operations: [
          { op: 'Replace', path: 'displayName', value: `${u.given} ${u.family} (${k})` },
          { op: 'Replace', path: 'name.familyName', value: `${u.family}-${k % 7}` },
          { op: 'Replace', path: 'active', value: 'True' },
        ],
      }));
    case 'put-user': // what Okta sends: the whole user back, with id
      return writeToRandomUser('PUT', (u, k) => ({
        schemas: [USER_SCHEMA],
        id: u.id,
        userName: u.userName,
        externalId: u.externalId,
        name: { givenName: u.given, familyName: u.family },
        displayName: `${u.given} ${u.family} ${k % 3 ? '' : '(Okta)'}`.trim(),
        emails: [{ value: u.email, type: 'work', primary: true }],
        active: true,
        groups: [],
      }));
    case 'patch-members': {
      // batches of user ids that are not yet members; each request adds the next one
      return {
        method: 'PATCH',
        headers: json,
        setupRequest: (r) => {
          const batch = phase === 'warmup' ? sample.warmBatches[cursor++ % sample.warmBatches.length] : sample.batches[cursor++];
          if (!batch) return null;
          return {
            ...r,
            path: `${spec.base}/Groups/${phase === 'warmup' ? sample.warmGroupId : sample.groupId}`,
            body: JSON.stringify({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'Add', path: 'members', value: batch.map((value) => ({ value })) }] }),
          };
        },
      };
    }
    default:
      throw new Error(`unknown scenario kind ${kind}`);
  }
}

function run(phase, opts) {
  const latencies = [];
  const statuses = {};
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        pipelining: 1,
        headers: { authorization: `Bearer ${spec.token}`, accept: 'application/scim+json' },
        requests: [requestFor(spec.kind, phase)],
        timeout: 30,
        ...opts,
      },
      (err, result) => {
        if (err) return reject(err);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({ result, latencies, statuses, seconds });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      latencies.push(ms);
    });
  });
}

/** CPU time (user + system) the server process has used so far, in ms; null when it cannot be read. */
function serverCpuMs() {
  if (!spec.serverPid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${spec.serverPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

(async () => {
  if (spec.warmupSeconds > 0) {
    const warm = await run('warmup', { duration: spec.warmupSeconds });
    const bad = Object.entries(warm.statuses).filter(([s]) => !/^2/.test(s));
    if (bad.length && spec.failOnErrors !== false) throw new Error(`warm-up answered ${JSON.stringify(warm.statuses)}`);
  }
  cursor = 0;
  const cpuBefore = serverCpuMs();
  const measured = await run('measure', spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds });
  const cpuAfter = serverCpuMs();
  const sorted = Float64Array.from(measured.latencies).sort();
  const ok = Object.entries(measured.statuses).filter(([s]) => /^2/.test(s)).reduce((n, [, c]) => n + c, 0);
  const out = {
    requests: measured.latencies.length,
    ok,
    statuses: measured.statuses,
    errors: measured.result.errors,
    timeouts: measured.result.timeouts,
    seconds: measured.seconds,
    // for a fixed duration autocannon's own mean per-second count; for a fixed amount, requests over wall time
    rps: spec.amount ? measured.latencies.length / measured.seconds : measured.result.requests.average,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
    // the server's own CPU time per answered request: unlike req/s, not changed by other work on the machine
    serverCpuUsPerRequest: cpuBefore !== null && cpuAfter !== null && measured.latencies.length ? ((cpuAfter - cpuBefore) * 1000) / measured.latencies.length : null,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
})().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});

// `idp push`: the demo IdP from the command line, against CloudSSO Local or any other SCIM 2.0 server.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEMO_DOMAIN, generateDirectory } from './directory-generator';
import { CliError, EXIT } from '../cli/failure';
import { ConnectionTestError, push, type PushProgress } from './push';
import { replayDay, type ReplayResult } from './replay-day';
import fs from 'node:fs';
import { ScimClient } from './scim-client';
import { readLocalCaCertificate } from '../tls/local-ca';
import { defaultTlsDir } from '../tls/tls-material';
import { fetchTrusting } from '../tls/trusting-fetch';

const whole = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  return n;
};

const endpointUrl = (v: string) => {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new InvalidArgumentError('expected the SCIM base URL, e.g. http://127.0.0.1:18620/scim/v2');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http:// or https:// URL');
  return v;
};

const domainName = (v: string) => {
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(v) || v.length > 40) throw new InvalidArgumentError('expected a domain like example.com (at most 40 characters)');
  return v.toLowerCase();
};

interface PushFlags {
  endpoint: string;
  token?: string;
  users: number;
  groups: number;
  concurrency: number;
  retries: number;
  seed: number;
  domain: string;
  replayDay?: 'entra' | 'okta';
  json?: boolean;
  ca?: string;
}

/** Over https the client trusts the system's CAs plus --ca FILE, or else this machine's local CA when there is one,
 *  so `idp push` reaches a CloudSSO Local endpoint served with --tls without any setup. */
function trustFor(flags: PushFlags): typeof fetch | undefined {
  if (new URL(flags.endpoint).protocol !== 'https:') return undefined;
  const ca = flags.ca ? fs.readFileSync(flags.ca, 'utf8') : readLocalCaCertificate(defaultTlsDir());
  return ca ? fetchTrusting(ca) : undefined;
}

/** A line that rewrites itself on a terminal, and plain lines (one per phase and per 10%) anywhere else. */
export function progressPrinter(stream: NodeJS.WriteStream, started: number) {
  const tty = Boolean(stream.isTTY);
  let lastPhase = '';
  let lastDecile = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p: PushProgress, requests: number, force = false) {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(requests / seconds) : 0;
      const percent = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      const line = `${p.phase}: ${p.done}/${p.total} (${percent}%), ${p.failed} failed, ${rate} req/s`;
      if (tty) {
        const now = Date.now();
        if (!force && now - lastDraw < 100 && p.done < p.total) return;
        lastDraw = now;
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
        return;
      }
      const decile = Math.floor(percent / 10);
      if (p.phase !== lastPhase || decile !== lastDecile || force) stream.write(`${line}\n`);
      lastPhase = p.phase;
      lastDecile = decile;
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

export function registerIdpCommands(program: Command): void {
  const idp = program.command('idp').description('a simulated identity provider that speaks plain SCIM 2.0 (works against any SCIM server)');
  idp
    .command('push')
    .description('provision a generated directory (users, groups, memberships) the way Microsoft Entra ID does, then optionally replay a day of changes')
    .requiredOption('--endpoint <url>', 'the SCIM base URL, e.g. http://127.0.0.1:18620/scim/v2', endpointUrl)
    .option('--token <secret>', 'the SCIM bearer token (default: the SCIM_TOKEN environment variable, which keeps it out of shell history)')
    .option('--users <n>', 'how many users', whole(0, 1_000_000), 1000)
    .option('--groups <n>', 'how many groups', whole(0, 1_000_000), 50)
    .option('--concurrency <n>', 'requests in flight at once', whole(1, 64), 4)
    .option('--retries <n>', 'retries per request after 429 (waiting Retry-After), 5xx or a dropped connection', whole(0, 100), 5)
    .option('--seed <n>', 'the same seed gives the same directory', whole(0, 2 ** 31), 1)
    .option('--domain <name>', 'domain of the generated userNames and e-mails', domainName, DEMO_DOMAIN)
    .addOption(new Option('--replay-day <idp>', 'after the push, replay a day of changes as this IdP sends them').choices(['entra', 'okta']))
    .option('--ca <file>', "a PEM CA certificate to trust for an https:// endpoint (default: this machine's CloudSSO Local CA, if any)")
    .option('--json', 'print the summary as one JSON object')
    .action(async (flags: PushFlags) => {
      if (flags.ca && !fs.existsSync(flags.ca)) {
        process.stderr.write(`Error: --ca ${flags.ca} does not exist.\n`);
        process.exitCode = 2;
        return;
      }
      const token = flags.token ?? process.env.SCIM_TOKEN;
      if (!token) throw new CliError('Give the SCIM credential secret with --token or the SCIM_TOKEN environment variable.', 'MissingToken', EXIT.usage);
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      const started = Date.now();
      const client = new ScimClient({ endpoint: flags.endpoint, token, concurrency: flags.concurrency, maxRetries: flags.retries, signal: abort.signal, userAgent: 'CloudSSO-Local-DemoIdP/1.0 (idp push)', fetch: trustFor(flags) });
      const printer = progressPrinter(process.stderr, started);
      const onProgress = (p: PushProgress) => printer.update(p, client.stats.requests);

      const directory = generateDirectory({ users: flags.users, groups: flags.groups, seed: flags.seed, domain: flags.domain });
      let pushed;
      let day: ReplayResult | null = null;
      try {
        pushed = await push(client, directory, { style: 'entra', onProgress });
        if (flags.replayDay && !pushed.cancelled) day = await replayDay(client, directory, pushed.state, { style: flags.replayDay, seed: flags.seed, onProgress });
      } catch (e) {
        if (!(e instanceof ConnectionTestError)) throw e;
        printer.end();
        const untrusted = /CERT|SSL|certificate/i.test(e.message);
        throw new CliError(
          `${e.message}\nNothing was sent. ${untrusted ? "The endpoint's certificate is not trusted: give its CA with --ca FILE (for CloudSSO Local: cloudsso-local tls ca --out ca.pem)." : 'Check --endpoint (the SCIM base URL ends in /scim/v2), the token, and that SCIM synchronization is on.'}`,
          'ConnectionTestFailed',
          EXIT.failed,
        );
      } finally {
        printer.end();
        process.removeListener('SIGINT', onSignal);
      }
      const seconds = (Date.now() - started) / 1000;
      const failed = pushed.failed + (day?.failed ?? 0);
      const cancelled = pushed.cancelled || Boolean(day?.cancelled);
      const summary = {
        endpoint: flags.endpoint,
        usersCreated: pushed.usersCreated,
        usersExisting: pushed.usersExisting,
        usersRolledBack: pushed.usersRolledBack,
        groupsCreated: pushed.groupsCreated,
        groupsExisting: pushed.groupsExisting,
        membershipsAdded: pushed.membershipsAdded,
        dayChanges: day ? day.changes.filter((c) => c.ok).length : null,
        created: pushed.usersCreated + pushed.groupsCreated,
        failed,
        cancelled,
        requests: client.stats.requests,
        retries: client.stats.retries,
        throttled: client.stats.throttled,
        serverErrors: client.stats.serverErrors,
        seconds: Math.round(seconds * 100) / 100,
        requestsPerSecond: seconds > 0 ? Math.round(client.stats.requests / seconds) : client.stats.requests,
        failures: [...pushed.failures, ...(day?.failures ?? [])].slice(0, 20),
      };
      if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        const lines = [
          `${cancelled ? 'Cancelled' : 'Done'}: pushed to ${flags.endpoint}`,
          `  Users:       ${summary.usersCreated} created, ${summary.usersExisting} already there, ${summary.usersRolledBack} rolled back to the IdP's values`,
          `  Groups:      ${summary.groupsCreated} created, ${summary.groupsExisting} already there`,
          `  Memberships: ${summary.membershipsAdded} added`,
          ...(day ? [`  Day replayed (${flags.replayDay === 'okta' ? 'Okta' : 'Entra ID'}): ${summary.dayChanges} change(s)`, ...day.changes.map((c) => `    ${c.ok ? '✓' : '✗'} ${c.description}`)] : []),
          `  Failed:      ${failed}`,
          `  Time:        ${seconds.toFixed(1)} s, ${summary.requests} requests (${summary.retries} retried: ${summary.throttled} throttled, ${summary.serverErrors} server errors), ${summary.requestsPerSecond} req/s`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        for (const f of summary.failures) process.stderr.write(`Failed: ${f.what}: ${f.message}\n`);
        if (failed > summary.failures.length) process.stderr.write(`… and ${failed - summary.failures.length} more failure(s).\n`);
      }
      if (cancelled) process.exitCode = 130;
      else if (failed > 0) process.exitCode = 1;
    });
}

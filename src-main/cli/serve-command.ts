import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { defaultTenantPath } from '../app-paths';
import { SEARCH_DEFAULTS } from '../core/store/search-worker';
import { LISTENERS, startServer, type ServeOptions } from '../server';
import { CliError, exitWithFailure } from './failure';

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free one)');
  return n;
};

const milliseconds = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 600_000) throw new InvalidArgumentError('expected a number of milliseconds from 1 to 600000');
  return n;
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

type ServeFlags = {
  data?: string;
  host: string;
  port: number;
  acceleratedPort?: number;
  consolePort?: number;
  apiPort?: number;
  console: boolean;
  searchBudget: number;
  json?: boolean;
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
};

/** Lets the host add things to serve (the demo IdP) without serve knowing about them. */
export type ServeExtension = Pick<ServeOptions, 'demo'>;

export function registerServeCommand(program: Command, extension: ServeExtension = {}): void {
  program
    .command('serve')
    .description('start the SCIM endpoint(s) and the console')
    .option('--data <file>', 'tenant file (default: the per-user data folder)', undefined)
    .option('--host <address>', 'where the SCIM endpoints listen (the console stays on 127.0.0.1)', '127.0.0.1')
    .option(`${LISTENERS.scim.option} <n>`, 'SCIM endpoint port (0: a free one, and free ones for every port not given)', port, LISTENERS.scim.defaultPort)
    .option(`${LISTENERS.accelerated.option} <n>`, `accelerated SCIM endpoint port, opened while that endpoint is on (default: ${LISTENERS.accelerated.defaultPort})`, port)
    .option(`${LISTENERS.console.option} <n>`, `console port (default: ${LISTENERS.console.defaultPort})`, port)
    .option(`${LISTENERS.api.option} <n>`, `CloudSSO OpenAPI endpoint port (default: ${LISTENERS.api.defaultPort})`, port)
    .option('--no-console', 'serve SCIM only')
    .option('--search-budget <ms>', 'how long a filter or console search that no index serves may run before it is refused', milliseconds, SEARCH_DEFAULTS.budgetMs)
    .option('--tls', 'serve the SCIM endpoints over HTTPS (remembered in the tenant, like the switch in Settings > Global Management)')
    .option('--no-tls', 'serve them over plain HTTP again (remembered too)')
    .option('--tls-cert <file>', 'your own certificate (PEM, chain allowed) instead of one from the local CA; implies --tls')
    .option('--tls-key <file>', 'the unencrypted PEM private key of --tls-cert')
    .option('--json', 'print one JSON line with the endpoints first (errors as one JSON object too)')
    .action(async (flags: ServeFlags) => {
      const dataFile = flags.data ?? defaultTenantPath();
      if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new CliError('--tls-cert and --tls-key go together: give both files.');
      if (flags.tlsCert && flags.tls === false) throw new CliError('--tls-cert serves HTTPS: it cannot be combined with --no-tls.');
      // A taken port throws PortInUseError, which names the option that sets that port.
      const server = await startServer({
        dataFile,
        host: flags.host,
        port: flags.port,
        acceleratedPort: flags.acceleratedPort,
        apiPort: flags.apiPort,
        consolePort: flags.console ? flags.consolePort : null,
        searchBudgetMs: flags.searchBudget,
        demo: extension.demo,
        tls: flags.tls,
        tlsCertificate: flags.tlsCert && flags.tlsKey ? { certFile: flags.tlsCert, keyFile: flags.tlsKey } : undefined,
      });
      // Handlers first: a supervisor may signal as soon as it reads the endpoint line.
      const stop = (signal: string) => {
        process.stderr.write(`Received ${signal}: closing the SCIM server and checkpointing the tenant…\n`);
        server.close().then(
          () => process.exit(0),
          (e: unknown) => exitWithFailure(e, { json: Boolean(flags.json) }),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      if (!LOOPBACK.test(flags.host)) {
        process.stderr.write(
          `Warning: --host ${flags.host} opens the SCIM endpoints and the OpenAPI to the network. Anyone who can reach this machine and holds a SCIM credential or an AccessKey can change this directory. ${server.https.state().Serving === 'https' ? 'Traffic is HTTPS.' : 'Traffic is plain HTTP (--tls serves HTTPS).'} The console stays on 127.0.0.1.\n`,
        );
      }
      const https = server.https.state();
      const ca = https.Serving === 'https' && https.CertificateSource === 'LocalCA' ? await server.https.caCertificate() : null;
      const info = {
        scimEndpoint: server.scimEndpoint,
        acceleratedEndpoint: server.acceleratedEndpoint(),
        apiEndpoint: server.apiEndpoint,
        consoleUrl: server.consoleUrl,
        dataFile,
        pid: process.pid,
        // What a client must trust while the endpoints are HTTPS with the local CA (`tls ca --out` exports it).
        caSha256Fingerprint: ca?.Sha256Fingerprint ?? null,
      };
      if (flags.json) process.stdout.write(`${JSON.stringify(info)}\n`);
      else {
        process.stdout.write(
          [
            `CloudSSO Local is running on tenant ${dataFile}`,
            `  SCIM Endpoint:               ${info.scimEndpoint}`,
            `  SCIM Endpoint (Accelerated): ${info.acceleratedEndpoint ?? 'off (Settings > Global Management, cn-shanghai only)'}`,
            ...(info.apiEndpoint ? [`  OpenAPI Endpoint:            ${info.apiEndpoint}`] : []),
            ...(info.consoleUrl ? [`  Console:                     ${info.consoleUrl}`] : []),
            ...(ca ? [`  HTTPS certificate from the local CA (SHA-256 ${ca.Sha256Fingerprint}); export it with: cloudsso-local tls ca --out ca.pem`] : []),
            'Press Ctrl+C to stop.',
            '',
          ].join('\n'),
        );
      }
    });
}

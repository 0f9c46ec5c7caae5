import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { defaultTenantPath } from '../app-paths';
import { DEFAULT_ACCELERATED_PORT, DEFAULT_API_PORT, DEFAULT_CONSOLE_PORT, DEFAULT_SCIM_PORT, startServer, type ServeOptions } from '../server';
import { failWith } from './output';

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free one)');
  return n;
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

type ServeFlags = { data?: string; host: string; port: number; acceleratedPort: number; apiPort: number; consolePort: number; console: boolean; json?: boolean };

/** Lets the host add things to serve (the demo IdP) without serve knowing about them. */
export type ServeExtension = Pick<ServeOptions, 'demo'>;

export function registerServeCommand(program: Command, extension: ServeExtension = {}): void {
  program
    .command('serve')
    .description('start the SCIM endpoint(s) and the console')
    .option('--data <file>', 'tenant file', undefined)
    .option('--host <address>', 'where the SCIM endpoints listen (the console stays on 127.0.0.1)', '127.0.0.1')
    .option('--port <n>', 'SCIM endpoint port (0: a free one)', port, DEFAULT_SCIM_PORT)
    .option('--accelerated-port <n>', 'accelerated SCIM endpoint port', port, DEFAULT_ACCELERATED_PORT)
    .option('--api-port <n>', "CloudSSO OpenAPI endpoint port (with --port 0 and no --api-port: a free one)", port, DEFAULT_API_PORT)
    .option('--console-port <n>', 'console port', port, DEFAULT_CONSOLE_PORT)
    .option('--no-console', 'serve SCIM only')
    .option('--json', 'print one JSON line with the endpoints first')
    .action(async (flags: ServeFlags, command: Command) => {
      // --port 0 asks for free ports: the API follows unless its own port was named.
      const apiPort = flags.port === 0 && command.getOptionValueSource('apiPort') === 'default' ? 0 : flags.apiPort;
      const dataFile = flags.data ?? defaultTenantPath();
      if (!LOOPBACK.test(flags.host)) {
        process.stderr.write(
          `Warning: --host ${flags.host} opens the SCIM endpoints and the OpenAPI to the network. Anyone who can reach this machine and holds a SCIM credential or an AccessKey can change this directory. Traffic is plain HTTP. The console stays on 127.0.0.1.\n`,
        );
      }
      let server;
      try {
        server = await startServer({ dataFile, host: flags.host, port: flags.port, acceleratedPort: flags.acceleratedPort, apiPort, consolePort: flags.console ? flags.consolePort : null, demo: extension.demo });
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { port?: number };
        if (err.code === 'EADDRINUSE') {
          failWith(new Error(`a port is already in use (${/:(\d+)/.exec(err.message)?.[1] ?? 'see --port, --accelerated-port, --api-port, --console-port'}). Pick another with --port / --accelerated-port / --api-port / --console-port, or 0 for a free one.`));
        }
        failWith(e);
      }
      // Handlers first: a supervisor may signal as soon as it reads the endpoint line.
      const stop = (signal: string) => {
        process.stderr.write(`Received ${signal}: closing the SCIM server and checkpointing the tenant…\n`);
        server.close().then(
          () => process.exit(0),
          (e) => failWith(e),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      const info = { scimEndpoint: server.scimEndpoint, acceleratedEndpoint: server.acceleratedEndpoint(), apiEndpoint: server.apiEndpoint, consoleUrl: server.consoleUrl, dataFile, pid: process.pid };
      if (flags.json) process.stdout.write(`${JSON.stringify(info)}\n`);
      else {
        process.stdout.write(
          [
            `CloudSSO Local is running on tenant ${dataFile}`,
            `  SCIM Endpoint:               ${info.scimEndpoint}`,
            `  SCIM Endpoint (Accelerated): ${info.acceleratedEndpoint ?? 'off (Settings > Global Management, cn-shanghai only)'}`,
            ...(info.apiEndpoint ? [`  OpenAPI Endpoint:            ${info.apiEndpoint}`] : []),
            ...(info.consoleUrl ? [`  Console:                     ${info.consoleUrl}`] : []),
            'Press Ctrl+C to stop.',
            '',
          ].join('\n'),
        );
      }
    });
}

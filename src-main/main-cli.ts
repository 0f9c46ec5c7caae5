// The command-line entry: the CLI with every command the product ships.
import { main } from './cli';
import { registerIdpCommands } from './idp/cli-command';
import { createDemoController } from './idp/demo-controller';

export function run(argv: string[]): void {
  main(argv, [registerIdpCommands], {
    demo: ({ scimEndpoint, trustedCa, tenant, notify }) => createDemoController({ scimEndpoint, trustedCa, tenant, notify: () => notify(['demo']) }),
  }).catch((e: unknown) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

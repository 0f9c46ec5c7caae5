import { Command } from 'commander';
import { registerServeCommand, type ServeExtension } from './cli/serve-command';
import { registerTenantCommands } from './cli/tenant-commands';
import { registerDataCommands } from './cli/data-commands';
import { productVersion } from './app-paths';
import { reportFailure, wantsJson } from './cli/failure';

/** Other parts of the product add their commands here (the demo IdP's `idp push`). */
export type CommandPlugin = (program: Command) => void;

export function buildProgram(plugins: CommandPlugin[] = [], serveExtension: ServeExtension = {}): Command {
  // Every subcommand inherits these: commander throws instead of exiting, and main() reports every failure
  // (usage errors included) in one place, as text or as JSON.
  const program = new Command('cloudsso-local')
    .description('CloudSSO Local: Alibaba Cloud CloudSSO\'s SCIM 2.0 directory, offline on this machine')
    .version(productVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for this command')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  registerServeCommand(program, serveExtension);
  registerTenantCommands(program);
  registerDataCommands(program);
  for (const plugin of plugins) plugin(program);
  return program;
}

export async function main(argv: string[], plugins: CommandPlugin[] = [], serveExtension: ServeExtension = {}): Promise<void> {
  const json = wantsJson(argv);
  try {
    await buildProgram(plugins, serveExtension).parseAsync(argv);
  } catch (e) {
    process.exit(reportFailure(e, { json }));
  }
}

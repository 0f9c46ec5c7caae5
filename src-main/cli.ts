import { Command } from 'commander';
import { registerServeCommand, type ServeExtension } from './cli/serve-command';
import { registerTenantCommands } from './cli/tenant-commands';
import { registerDataCommands } from './cli/data-commands';
import { registerTlsCommands } from './cli/tls-command';
import { registerAccessKeyCommands } from './cli/accesskey-commands';
import { productVersion } from './app-paths';
import { reportFailure, usageErrorOutput, wantsJson } from './cli/failure';

/** Other parts of the product add their commands here (the demo IdP's `idp push`). */
export type CommandPlugin = (program: Command) => void;

export function buildProgram(plugins: CommandPlugin[] = [], serveExtension: ServeExtension = {}, options: { json?: boolean } = {}): Command {
  // Every subcommand inherits these (so they come before the commands): commander throws instead of exiting, and
  // main() reports every failure in one place. A usage error shows the command's usage to a person; with --json
  // commander stays silent and the script gets only the JSON object.
  const program = new Command('cloudsso-local')
    .description('CloudSSO Local: Alibaba Cloud CloudSSO\'s SCIM 2.0 directory, offline on this machine')
    .version(productVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for this command')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput(usageErrorOutput({ json: Boolean(options.json) }))
    .showHelpAfterError(!options.json);
  registerServeCommand(program, serveExtension);
  registerTenantCommands(program);
  registerDataCommands(program);
  registerTlsCommands(program);
  registerAccessKeyCommands(program);
  for (const plugin of plugins) plugin(program);
  return program;
}

export async function main(argv: string[], plugins: CommandPlugin[] = [], serveExtension: ServeExtension = {}): Promise<void> {
  const json = wantsJson(argv);
  try {
    await buildProgram(plugins, serveExtension, { json }).parseAsync(argv);
  } catch (e) {
    process.exit(reportFailure(e, { json }));
  }
}

import { Command } from 'commander';
import { registerServeCommand, type ServeExtension } from './cli/serve-command';
import { registerTenantCommands } from './cli/tenant-commands';
import { registerDataCommands } from './cli/data-commands';
import { registerAccessKeyCommands } from './cli/accesskey-commands';
import { productVersion } from './app-paths';

/** Other parts of the product add their commands here (the demo IdP's `idp push`). */
export type CommandPlugin = (program: Command) => void;

export function buildProgram(plugins: CommandPlugin[] = [], serveExtension: ServeExtension = {}): Command {
  const program = new Command('cloudsso-local')
    .description('CloudSSO Local: Alibaba Cloud CloudSSO\'s SCIM 2.0 directory, offline on this machine')
    .version(productVersion())
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerServeCommand(program, serveExtension);
  registerTenantCommands(program);
  registerDataCommands(program);
  registerAccessKeyCommands(program);
  for (const plugin of plugins) plugin(program);
  return program;
}

export async function main(argv: string[], plugins: CommandPlugin[] = [], serveExtension: ServeExtension = {}): Promise<void> {
  await buildProgram(plugins, serveExtension).parseAsync(argv);
}

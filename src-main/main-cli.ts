// The command-line entry: the CLI with every command the product ships.
import { main } from './cli';

export function run(argv: string[]): void {
  main(argv).catch((e: unknown) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

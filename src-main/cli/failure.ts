// The one place the CLI turns anything that went wrong into what a person or a script sees: a line on stderr,
// or with --json one object on stdout ({"Code":"…","Message":"…", …}), and a non-zero exit code either way.
import { CommanderError, type OutputConfiguration } from 'commander';
import { isCoreError } from '../core/errors';
import { asCoreError } from '../core/store/store-errors';
import { wordWith } from '../core/error-messages';
import { PortInUseError } from '../listeners';
import { CLI_MESSAGES } from './error-wording';

/** Exit codes: scripts can tell "fix your command" from "the directory refused" from "the machine refused". */
export const EXIT = { failed: 1, usage: 2, refused: 3, notFound: 4 } as const;

/** A refusal the CLI makes itself (a bad argument, a file in use), with the code a script sees. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 'InvalidArgument',
    readonly exitCode: number = EXIT.usage,
    /** Extra facts for scripts, printed beside Code and Message with --json (e.g. Port, Option). */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliFailure {
  Code: string;
  Message: string;
  [detail: string]: string | number;
}

/** Commander's own outcomes that are not failures: --help and --version. */
const NOT_A_FAILURE = new Set(['commander.helpDisplayed', 'commander.version']);

export function describeFailure(thrown: unknown): { failure: CliFailure | null; exitCode: number } {
  const e = asCoreError(thrown); // a lock or an unwritable file becomes the core's refusal, worded like any other
  if (e instanceof CommanderError) {
    if (NOT_A_FAILURE.has(e.code)) return { failure: null, exitCode: e.exitCode };
    const message = e.code === 'commander.help' ? 'This command needs a subcommand: run it with --help to see them.' : e.message.replace(/^error: /, '');
    return { failure: { Code: 'InvalidUsage', Message: message }, exitCode: EXIT.usage };
  }
  if (isCoreError(e)) {
    const failure: CliFailure = { Code: e.code, Message: wordWith(CLI_MESSAGES, e.messageCode, e.params), MessageCode: e.messageCode };
    if (e.attribute) failure.Attribute = e.attribute;
    return { failure, exitCode: e.code === 'NotFound' ? EXIT.notFound : EXIT.refused };
  }
  if (e instanceof PortInUseError) return { failure: { Code: 'PortInUse', Message: e.message, Port: e.port, Option: e.option }, exitCode: EXIT.failed };
  if (e instanceof CliError) return { failure: { Code: e.code, Message: e.message, ...e.details }, exitCode: e.exitCode };
  const err = e as NodeJS.ErrnoException;
  return { failure: { Code: 'Failed', Message: err?.message ?? String(e), ...(err?.code ? { SystemCode: err.code } : {}) }, exitCode: EXIT.failed };
}

/** How commander shows a usage error: to a person, its own "error: …" line and the command's usage (it knows
 *  which command failed); with --json nothing, because reportFailure prints the JSON object. */
export function usageErrorOutput(options: { json: boolean }): OutputConfiguration {
  return options.json ? { outputError: () => {}, writeErr: () => {} } : { outputError: (text, write) => write(text) };
}

/** Prints the failure (never a stack trace for a user's mistake) and returns the exit code. */
export function reportFailure(e: unknown, options: { json: boolean }): number {
  const { failure, exitCode } = describeFailure(e);
  const shownByCommander = e instanceof CommanderError && !options.json;
  if (failure && !shownByCommander) {
    if (options.json) process.stdout.write(`${JSON.stringify(failure)}\n`);
    else process.stderr.write(`Error: ${failure.Message}\n`);
  }
  return exitCode;
}

/** Reports and ends the process: for failures outside the command's own run (a signal handler closing serve). */
export function exitWithFailure(e: unknown, options: { json: boolean }): never {
  process.exit(reportFailure(e, options));
}

/** Whether the user asked for JSON: known before commander parses, so a usage error can be answered in JSON. */
export const wantsJson = (argv: string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
};

// `--help` is the CLI's manual: every command and every option says in one line what it does.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src-main/cli';
import { fitCell, table } from '../../../src-main/cli/output';
import { registerIdpCommands } from '../../../src-main/idp/cli-command';

function* walk(command: Command, path: string[] = []): Generator<{ path: string; command: Command }> {
  const here = [...path, command.name()];
  yield { path: here.join(' '), command };
  for (const sub of command.commands) yield* walk(sub, here);
}

describe('the CLI help', () => {
  const program = buildProgram([registerIdpCommands]);
  const commands = [...walk(program)];

  it('walks the whole tree (sanity: the tree is the product\'s)', () => {
    expect(commands.map((c) => c.path)).toEqual(expect.arrayContaining(['cloudsso-local serve', 'cloudsso-local user create', 'cloudsso-local faults set', 'cloudsso-local idp push']));
  });

  it('every command has a one-line description', () => {
    const missing = commands.filter(({ command }) => !command.description().trim()).map((c) => c.path);
    expect(missing).toEqual([]);
    const multiLine = commands.filter(({ command }) => command.description().includes('\n')).map((c) => c.path);
    expect(multiLine).toEqual([]);
  });

  it('every option of every command, --help included, has a description', () => {
    const missing: string[] = [];
    for (const { path, command } of commands) {
      const help = command.createHelp();
      for (const option of help.visibleOptions(command)) if (!option.description.trim()) missing.push(`${path} ${option.flags}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the table view', () => {
  it('ends a value it cuts with an ellipsis, and leaves a value that fits alone', () => {
    expect(fitCell('abcdefghij', 5)).toBe('abcd…');
    expect(fitCell('abc', 5)).toBe('abc  ');
    const text = table([{ Name: 'x'.repeat(60) }, { Name: 'short' }], ['Name']);
    const [, , cut, whole] = text.split('\n');
    expect(cut).toBe(`${'x'.repeat(47)}…`);
    expect(whole).toBe('short');
  });
});

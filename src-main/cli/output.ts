import { isCoreError } from '../core/errors';
import { asCoreError } from '../core/store/store-errors';

export class CliError extends Error {}

export interface OutputOptions {
  json?: boolean;
}

/** Prints a value as JSON (CloudSSO's API field names) or as aligned text for people. */
export function print(value: unknown, options: OutputOptions, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (values: string[]) => values.map((v, i) => v.slice(0, widths[i]).padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export function fields(record: object): string {
  const entries = Object.entries(record);
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(width)}  ${v === null ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n');
}

/** One readable line on stderr and a non-zero exit; never a stack trace for a user's mistake. */
export function failWith(thrown: unknown): never {
  const e = asCoreError(thrown);
  if (isCoreError(e)) {
    process.stderr.write(`Error (${e.code}): ${e.message}\n`);
    process.exit(e.code === 'NotFound' ? 4 : 3);
  }
  if (e instanceof CliError) {
    process.stderr.write(`Error: ${e.message}\n`);
    process.exit(2);
  }
  const err = e as NodeJS.ErrnoException;
  process.stderr.write(`Error: ${err?.message ?? String(e)}\n`);
  process.exit(1);
}

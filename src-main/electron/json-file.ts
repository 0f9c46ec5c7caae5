import fs from 'node:fs';
import path from 'node:path';

/** Reads a small JSON settings file; a missing or corrupt file reads as `undefined` (the app falls back to defaults
 *  rather than refusing to start over a preferences file). */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Write-then-rename, so a crash mid-write never leaves a truncated file behind. */
export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(temporary, file);
}

// Runs the built `cloudsso-local` bin as a user would. The build happens once per test file (beforeAll).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'cloudsso-local.js');

export function buildMain(): void {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.main.json'], { cwd: ROOT, encoding: 'utf8' });
  // tsc emits even when some other file has a type error; what the tests need is the CLI entry.
  if (!fs.existsSync(path.join(ROOT, 'dist', 'main', 'main-cli.js'))) throw new Error(`build failed:\n${res.stdout}${res.stderr}`);
  if (res.status !== 0) process.stderr.write(`note: tsc reported errors while building for the CLI tests:\n${res.stdout}\n`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CLI JSON output is inspected field by field
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-cli-'));
}

/** One test file's CLI sandbox: a product home that is never the real one, holding a tenant file (made, with the
 *  CLI built, before the file's tests and removed after them), and `run`, which calls the CLI on that tenant. */
export function useTenantHome(): { home: string; data: string; run: (...args: string[]) => CliResult } {
  const sandbox = { home: '', data: '', run: (...args: string[]) => cli(sandbox.home, ...args, '--data', sandbox.data) };
  beforeAll(() => {
    buildMain();
    sandbox.home = tempDir();
    sandbox.data = path.join(sandbox.home, 'tenant.sqlite');
  }, 120_000);
  afterAll(() => fs.rmSync(sandbox.home, { recursive: true, force: true }));
  return sandbox;
}

/** A home folder for the product that is never the real one. */
export const cliEnv = (home: string): NodeJS.ProcessEnv => ({ ...process.env, CLOUDSSO_LOCAL_HOME: home, NO_COLOR: '1' });

export function cli(home: string, ...args: string[]): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd: home, encoding: 'utf8', env: cliEnv(home), timeout: 20_000 });
  let json: unknown = null;
  try {
    json = JSON.parse(res.stdout);
  } catch {
    json = null;
  }
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, json };
}

export interface Served {
  child: ChildProcess;
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function serve(home: string, ...args: string[]): Served {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: home, env: cliEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let resolveLine: (line: string) => void;
  let rejectLine: (e: Error) => void;
  const firstLine = new Promise<string>((res, rej) => ((resolveLine = res), (rejectLine = rej)));
  firstLine.catch(() => undefined); // a caller that only awaits `exit` must not see an unhandled rejection
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    const nl = stdout.indexOf('\n');
    if (nl >= 0) resolveLine(stdout.slice(0, nl));
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((res) =>
    child.on('exit', (code, signal) => {
      rejectLine(new Error(`serve exited (${code ?? signal}) before printing a line: ${stderr}`));
      res({ code, signal, stdout, stderr });
    }),
  );
  return { child, firstLine, exit };
}

export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

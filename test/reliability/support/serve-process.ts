// `cloudsso-local serve` as a real child process: what a user runs, killed the way a crash kills it.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'cloudsso-local.js');

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'main', 'main-cli.js'))) {
    throw new Error('dist/main is missing: run `npm run build` (npm test and npm run test:reliability do) before these tests.');
  }
}

export interface ServeInfo {
  scimEndpoint: string;
  acceleratedEndpoint: string | null;
  consoleUrl: string | null;
  dataFile: string;
  pid: number;
}

export interface ServeProcess {
  info: ServeInfo;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code / signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServe(dataFile: string, extraArgs: string[] = [], timeoutMs = 15_000): Promise<ServeProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataFile, '--port', '0', '--accelerated-port', '0', '--console-port', '0', '--json', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const info = await new Promise<ServeInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not print its endpoints within ${timeoutMs} ms. stderr: ${err}`));
    }, timeoutMs);
    const onData = () => {
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      try {
        const first = JSON.parse(out.slice(0, nl)) as ServeInfo & { Code?: string; Message?: string };
        // with --json a refusal to start is one JSON object ({"Code","Message"}) in place of the endpoints
        if (first.Code !== undefined && first.scimEndpoint === undefined) reject(new Error(`serve refused to start (${first.Code}): ${first.Message}`));
        else resolve(first);
      } catch (e) {
        reject(new Error(`serve's first line is not JSON: ${out.slice(0, nl)} (${String(e)})`));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited before it was ready (code ${code}, signal ${signal}). stderr: ${err}`));
    });
  });
  return {
    info,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the CLI to completion (setup steps, and the `CLI while serve runs` checks). */
export function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  assertBuilt();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process (so requests to a server can run meanwhile). */
export function cliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: unknown }).code as number | null) ?? 1 : 0, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'cloudsso-rel-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

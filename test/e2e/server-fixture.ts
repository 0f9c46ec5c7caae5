// One fresh tenant file and one `cloudsso-local serve` child process per test, exactly as a user starts it.
import { test as base, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cloudsso-local.js');

export interface ServeInfo {
  scimEndpoint: string;
  acceleratedEndpoint: string | null;
  apiEndpoint: string;
  consoleUrl: string;
}

export interface ServerHandle extends ServeInfo {
  dataFile: string;
  /** Runs a CLI command against this tenant (adds --data and --json) and returns its parsed JSON. */
  cli(...args: string[]): unknown;
  /** A SCIM request with a bearer secret, as an IdP sends it. */
  scim(method: string, pathAndQuery: string, secret: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function startServe(dataFile: string): Promise<{ info: ServeInfo; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataFile, '--port', '0', '--accelerated-port', '0', '--console-port', '0', '--json'], {
    cwd: ROOT,
    // The product's own data folder (where HTTPS keeps its local CA) is the test's folder, never the user's.
    env: { ...process.env, CLOUDSSO_LOCAL_HOME: path.dirname(dataFile) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const lines = readline.createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    // a cold start on a loaded machine can take several seconds; only a server that never starts is an error
    const timer = setTimeout(() => reject(new Error(`serve printed nothing within 90 s. stderr:\n${stderr}`)), 90_000);
    lines.once('line', (line) => { clearTimeout(timer); resolve(line); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code} before printing its endpoints. stderr:\n${stderr}`)); });
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  lines.on('line', () => {});
  return { info: JSON.parse(firstLine) as ServeInfo, child, stderr: () => stderr };
}

/** SIGTERM first (a clean checkpoint); if the server has not exited after 5 s, SIGKILL: the tenant is a throwaway. */
export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.warn('serve did not exit within 5 s of SIGTERM; killing it');
    child.kill('SIGKILL');
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

export function runCli(dataFile: string, args: string[]): unknown {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data', dataFile, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cloudsso-local ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout.trim() ? JSON.parse(result.stdout) : null;
}

export async function scimRequest(scimEndpoint: string, method: string, pathAndQuery: string, secret: string, body?: unknown) {
  const response = await fetch(`${scimEndpoint}${pathAndQuery}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export const test = base.extend<{ server: ServerHandle }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this fixture needs none.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-e2e-'));
    const dataFile = path.join(dir, 'tenant.sqlite');
    const { info, child, stderr } = await startServe(dataFile);
    await use({
      ...info,
      dataFile,
      cli: (...args) => runCli(dataFile, args),
      scim: (method, pathAndQuery, secret, body) => scimRequest(info.scimEndpoint, method, pathAndQuery, secret, body),
    });
    await stopServe(child);
    if (testInfo.status !== testInfo.expectedStatus && stderr()) await testInfo.attach('serve-stderr', { body: stderr(), contentType: 'text/plain' });
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

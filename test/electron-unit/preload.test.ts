// The preload runs sandboxed, where `require` knows only 'electron'. These tests compile it exactly as
// `tsc -p tsconfig.main.json` does (per file: isolatedModules is on), then run it against a fake 'electron'.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_CHANNELS, IPC_CHANGE_CHANNEL, IPC_INVOKE_PREFIX, PRELOAD_GLOBAL } from '../../src-main/admin/contract';

const projectDir = path.resolve(__dirname, '..', '..');
const preloadSource = path.join(projectDir, 'src-main', 'electron', 'preload.ts');

function compilePreload(): string {
  const configFile = path.join(projectDir, 'tsconfig.main.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, projectDir);
  const output = ts.transpileModule(fs.readFileSync(preloadSource, 'utf8'), {
    compilerOptions: { ...options, sourceMap: false },
    fileName: preloadSource,
    reportDiagnostics: true,
  });
  expect(output.diagnostics ?? []).toEqual([]);
  return output.outputText;
}

interface Harness {
  exposed: Map<string, Record<string, unknown>>;
  requested: string[];
  invoke: ReturnType<typeof vi.fn>;
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
}

function runPreload(code: string): Harness {
  const harness: Harness = {
    exposed: new Map(),
    requested: [],
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
    listeners: new Map(),
  };
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => harness.exposed.set(name, api) },
    ipcRenderer: {
      invoke: harness.invoke,
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!harness.listeners.has(channel)) harness.listeners.set(channel, new Set());
        harness.listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => harness.listeners.get(channel)?.delete(listener),
    },
  };
  // The sandbox's require: 'electron' and nothing else.
  const sandboxRequire = (id: string) => {
    harness.requested.push(id);
    if (id === 'electron') return fakeElectron;
    throw new Error(`module not found: ${id} (a sandboxed preload can only require 'electron')`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
  return harness;
}

describe('preload (as compiled)', () => {
  let code = '';
  beforeAll(() => {
    code = compilePreload();
  });

  it("requires nothing but 'electron', so it can run sandboxed", () => {
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it('exposes one object, under the contract global, with exactly one method per AdminApi channel plus onChange', () => {
    const harness = runPreload(code);
    expect([...harness.exposed.keys()]).toEqual([PRELOAD_GLOBAL]);
    const api = harness.exposed.get(PRELOAD_GLOBAL)!;
    expect(Object.keys(api).sort()).toEqual([...ADMIN_CHANNELS, 'onChange'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(harness.requested).toEqual(['electron']);
  });

  it('does not hand the page ipcRenderer or any way to reach arbitrary channels', () => {
    const api = runPreload(code).exposed.get(PRELOAD_GLOBAL)!;
    expect(Object.keys(api)).not.toContain('ipcRenderer');
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('send');
  });

  it('invokes admin:<channel> with the request and returns the main process answer', async () => {
    const harness = runPreload(code);
    const api = harness.exposed.get(PRELOAD_GLOBAL)! as Record<string, (request?: unknown) => Promise<unknown>>;
    for (const channel of ADMIN_CHANNELS) {
      const answer = await api[channel]!({ probe: channel });
      expect(answer).toEqual({ ok: true, value: { channel: IPC_INVOKE_PREFIX + channel, request: { probe: channel } } });
    }
    expect(harness.invoke).toHaveBeenCalledTimes(ADMIN_CHANNELS.length);
  });

  it('delivers change events without the IPC event object, and stops after unsubscribe', () => {
    const harness = runPreload(code);
    const api = harness.exposed.get(PRELOAD_GLOBAL)! as { onChange(listener: (event: unknown) => void): () => void };
    const received: unknown[][] = [];
    const unsubscribe = api.onChange((...args) => received.push(args));
    const emit = (payload: unknown) => harness.listeners.get(IPC_CHANGE_CHANNEL)?.forEach((listener) => listener({ sender: 'ipc-event' }, payload));
    emit({ Topics: ['directory'] });
    expect(received).toEqual([[{ Topics: ['directory'] }]]);
    unsubscribe();
    emit({ Topics: ['credentials'] });
    expect(received).toHaveLength(1);
    expect(harness.listeners.get(IPC_CHANGE_CHANNEL)?.size).toBe(0);
  });
});

describe('preload (as built in dist/, when present)', () => {
  const built = path.join(projectDir, 'dist', 'main', 'electron', 'preload.js');
  const present = fs.existsSync(built);
  if (!present) console.log(`preload build check skipped: ${built} does not exist yet (run npm run build:main)`);
  it.skipIf(!present)("the emitted dist/main/electron/preload.js also requires only 'electron'", () => {
    const required = [...fs.readFileSync(built, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
  });
});

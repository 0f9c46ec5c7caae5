import { describe, expect, it, vi } from 'vitest';
import type { ChangeEvent } from '../../src-main/admin/contract';
import { TenantHost, type HostedServer, type TenantHostDependencies } from '../../src-main/electron/tenant-host';

interface FakeServer extends HostedServer {
  file: string;
  closed: boolean;
  emit(event: ChangeEvent): void;
}

function harness(options: { failToOpen?: Set<string> } = {}) {
  const servers: FakeServer[] = [];
  const log: string[] = [];
  const forwarded: ChangeEvent[] = [];
  const dependencies: TenantHostDependencies<FakeServer> = {
    startServer: vi.fn(async (file: string) => {
      log.push(`open ${file}`);
      if (options.failToOpen?.has(file)) throw new Error(`${file} is not a CloudSSO Local tenant`);
      const listeners = new Set<(event: ChangeEvent) => void>();
      const server: FakeServer = {
        file,
        closed: false,
        scimEndpoint: `http://127.0.0.1:1/scim/v2/${file}`,
        dispatch: vi.fn() as unknown as FakeServer['dispatch'],
        onChange: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        emit: (event) => listeners.forEach((listener) => listener(event)),
        close: async () => {
          log.push(`close ${file}`);
          server.closed = true;
        },
      };
      servers.push(server);
      return server;
    }),
    askAboutPortConflict: vi.fn(),
    rememberPorts: vi.fn(),
    forwardChange: (event) => forwarded.push(event),
  };
  return { host: new TenantHost(dependencies, {}), servers, log, forwarded, dependencies };
}

describe('TenantHost: one tenant open at a time', () => {
  it('switching tenant closes the old server before opening the new file', async () => {
    const { host, log, servers } = harness();
    await host.switchTo('a.sqlite');
    await host.switchTo('b.sqlite');
    expect(log).toEqual(['open a.sqlite', 'close a.sqlite', 'open b.sqlite']);
    expect(host.tenantFile).toBe('b.sqlite');
    expect(host.server).toBe(servers[1]);
    expect(servers[0]!.closed).toBe(true);
  });

  it('forwards change events from the open tenant only', async () => {
    const { host, servers, forwarded } = harness();
    await host.switchTo('a.sqlite');
    servers[0]!.emit({ Topics: ['directory'] });
    await host.switchTo('b.sqlite');
    servers[0]!.emit({ Topics: ['credentials'] });
    servers[1]!.emit({ Topics: ['settings'] });
    expect(forwarded).toEqual([{ Topics: ['directory'] }, { Topics: ['settings'] }]);
  });

  it('reopens the previous tenant when the new file cannot be opened', async () => {
    const { host, log } = harness({ failToOpen: new Set(['notes.sqlite']) });
    await host.switchTo('a.sqlite');
    await expect(host.switchTo('notes.sqlite')).rejects.toThrow(/not a CloudSSO Local tenant/);
    expect(host.tenantFile).toBe('a.sqlite');
    expect(log).toEqual(['open a.sqlite', 'close a.sqlite', 'open notes.sqlite', 'open a.sqlite']);
  });

  it('runs two quick switches one after the other, never two servers at once', async () => {
    const { host, log } = harness();
    await host.switchTo('a.sqlite');
    await Promise.all([host.switchTo('b.sqlite'), host.switchTo('c.sqlite')]);
    expect(log).toEqual(['open a.sqlite', 'close a.sqlite', 'open b.sqlite', 'close b.sqlite', 'open c.sqlite']);
  });

  it('import replaces the file while no server holds it, then reopens it', async () => {
    const { host, log } = harness();
    await host.switchTo('a.sqlite');
    await host.withTenantClosed(async (file) => {
      log.push(`import into ${file}`);
    });
    expect(log).toEqual(['open a.sqlite', 'close a.sqlite', 'import into a.sqlite', 'open a.sqlite']);
  });

  it('a failed import still leaves the tenant open, and reports the failure', async () => {
    const { host } = harness();
    await host.switchTo('a.sqlite');
    await expect(host.withTenantClosed(async () => Promise.reject(new Error('not a tenant export')))).rejects.toThrow('not a tenant export');
    expect(host.tenantFile).toBe('a.sqlite');
    expect(host.server?.closed).toBe(false);
  });

  it('close() shuts the server down (quit waits for this)', async () => {
    const { host, servers } = harness();
    await host.switchTo('a.sqlite');
    await host.close();
    expect(servers[0]!.closed).toBe(true);
    expect(host.server).toBeNull();
    await host.close(); // closing twice is harmless
  });

  it('remembers a port picked after a conflict', async () => {
    const { host, dependencies } = harness();
    let first = true;
    dependencies.startServer = vi.fn(async () => {
      if (first) {
        first = false;
        throw Object.assign(new Error('in use'), { code: 'EADDRINUSE', port: 7000 });
      }
      return { scimEndpoint: 'x', dispatch: vi.fn(), onChange: () => () => undefined, close: async () => undefined } as unknown as FakeServer;
    });
    dependencies.askAboutPortConflict = vi.fn(async () => ({ action: 'use' as const, port: 7001 }));
    expect(await host.switchTo('a.sqlite')).toBe('opened');
    expect(dependencies.rememberPorts).toHaveBeenCalledWith({ scimPort: 7001 });
  });
});
